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
 * the clock ({@code pending} until {@code readyAfter} has passed, then the device's {@link
 * ResetOutcome}: one a test set, else the one its inventory's {@link CheckIn} gives), so a test
 * clock drives the progression without any timer, and an outcome set after the POST still decides
 * how that reset ends.
 */
final class ActionResults {
  static final String ODATA_TYPE = "#microsoft.graph.resetPasscodeActionResult";
  static final String ACTION_NAME = "resetPasscode";

  private volatile Duration readyAfter;
  private final ConcurrentHashMap<String, ResetAction> resets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ResetOutcome> outcomes = new ConcurrentHashMap<>();

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
      out.add(reset.render(now, readyAfter, outcomeOf(device, reset.capability())));
    }
    return out;
  }

  /**
   * When the device last checked in to settle its latest reset: empty while it is pending, or when
   * its outcome is to stay offline.
   */
  Optional<Instant> checkInForReset(SimulatedDevice device, Instant now) {
    ResetAction reset = resets.get(key(device.id()));
    if (reset == null || !outcomeOf(device, reset.capability()).checkedIn()) {
      return Optional.empty();
    }
    Instant readyAt = reset.start().plus(readyAfter);
    return now.isBefore(readyAt) ? Optional.empty() : Optional.of(readyAt);
  }

  /** Makes every reset of the device, past or future, end as {@code outcome}. */
  void outcome(String deviceId, ResetOutcome outcome) {
    outcomes.put(key(deviceId), outcome);
  }

  /** Back to the platform's own outcome for every device. */
  void clearOutcomes() {
    outcomes.clear();
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

  /** The outcome a test set for the device wins over its inventory's {@code checkIn}. */
  private ResetOutcome outcomeOf(SimulatedDevice device, ResetCapability capability) {
    ResetOutcome set = outcomes.get(key(device.id()));
    return set != null ? set : device.checkIn().outcome(capability);
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private record ResetAction(Instant start, ResetCapability capability, String passcode) {
    Map<String, Object> render(Instant now, Duration readyAfter, ResetOutcome outcome) {
      Instant readyAt = start.plus(readyAfter);
      boolean settled = !now.isBefore(readyAt) && outcome.state() != DeviceActionState.PENDING;
      DeviceActionState state = settled ? outcome.state() : DeviceActionState.PENDING;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("@odata.type", ODATA_TYPE);
      entry.put("actionName", ACTION_NAME);
      entry.put("actionState", state.graphName());
      entry.put("startDateTime", start.toString());
      entry.put("lastUpdatedDateTime", (settled ? readyAt : start).toString());
      entry.put("passcode", state == DeviceActionState.DONE ? passcode : null);
      entry.put("errorCode", settled ? outcome.errorCode() : 0);
      return entry;
    }
  }
}
