package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-device resetPasscode state, and the {@code deviceActionResults} Graph shows for it.
 *
 * <p>Only the start of the latest applied reset is stored; its state is derived at read time from
 * the clock ({@code pending} until {@code readyAfter} has passed), so a test clock drives the
 * progression without any timer.
 */
final class ActionResults {
  /**
   * errorCode of a reset on a platform that does not support it. Intune's own code is not
   * documented; this is Win32 ERROR_NOT_SUPPORTED, non-zero as clients need.
   */
  static final int NOT_SUPPORTED_ERROR_CODE = 50;

  static final String ODATA_TYPE = "#microsoft.graph.resetPasscodeActionResult";
  static final String ACTION_NAME = "resetPasscode";

  private volatile Duration readyAfter;
  private final ConcurrentHashMap<String, ResetAction> resets = new ConcurrentHashMap<>();

  ActionResults(Duration readyAfter) {
    this.readyAfter = readyAfter;
  }

  /** Records an applied reset, replacing any earlier one for the device. */
  void recordReset(SimulatedDevice device, Instant at, Random random) {
    ResetCapability capability = ResetCapability.of(device);
    // Drawn now, not at read time, so the passcode is stable across reads.
    String passcode =
        capability == ResetCapability.NEW_PASSCODE
            ? String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000))
            : null;
    resets.put(key(device.id()), new ResetAction(at, capability, passcode));
  }

  /** The device's deviceActionResults as Graph would serve them at {@code now}. */
  List<Object> render(SimulatedDevice device, Instant now) {
    ResetAction reset = resets.get(key(device.id()));
    List<Object> out = new ArrayList<>();
    Object history = device.properties().get(ManagedDeviceProperties.DEVICE_ACTION_RESULTS);
    if (history instanceof List<?> earlier) {
      for (Object entry : earlier) {
        // A newer reset replaces the device's earlier resetPasscode entry; others stay.
        boolean isReset =
            entry instanceof Map<?, ?> map && ACTION_NAME.equals(map.get("actionName"));
        if (!(isReset && reset != null)) {
          out.add(entry);
        }
      }
    }
    if (reset != null) {
      out.add(reset.render(now, readyAfter));
    }
    return out;
  }

  void readyAfter(Duration delay) {
    readyAfter = delay;
  }

  Optional<String> passcodeOf(String deviceId) {
    ResetAction reset = resets.get(key(deviceId));
    return reset == null ? Optional.empty() : Optional.ofNullable(reset.passcode());
  }

  void clear() {
    resets.clear();
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private record ResetAction(Instant start, ResetCapability capability, String passcode) {
    Map<String, Object> render(Instant now, Duration readyAfter) {
      Instant readyAt = start.plus(readyAfter);
      boolean settled = !now.isBefore(readyAt);
      String state;
      if (!settled) {
        state = "pending";
      } else if (capability == ResetCapability.NOT_SUPPORTED) {
        state = "failed";
      } else {
        state = "done";
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("@odata.type", ODATA_TYPE);
      entry.put("actionName", ACTION_NAME);
      entry.put("actionState", state);
      entry.put("startDateTime", start.toString());
      entry.put("lastUpdatedDateTime", (settled ? readyAt : start).toString());
      entry.put("passcode", state.equals("done") ? passcode : null);
      entry.put("errorCode", state.equals("failed") ? NOT_SUPPORTED_ERROR_CODE : 0);
      return entry;
    }
  }
}
