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
import java.util.stream.Stream;

/**
 * Per-device action state (resetPasscode and {@link BitLockerRotation rotateBitLockerKeys}), and
 * the {@code deviceActionResults} Graph shows for it.
 *
 * <p>Only the start of each action's latest applied run is stored; its state is derived at read
 * time from the clock ({@code pending} until {@code readyAfter} has passed, then the device's
 * {@link ResetOutcome}: one a test set, else the one its inventory's {@link CheckIn} gives), so a
 * test clock drives the progression without any timer, and an outcome set after the POST still
 * decides how that action ends.
 */
final class ActionResults {
  static final String ODATA_TYPE = "#microsoft.graph.resetPasscodeActionResult";
  static final String ACTION_NAME = "resetPasscode";

  private volatile Duration readyAfter;
  private final ConcurrentHashMap<String, ResetAction> resets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, BitLockerRotation.Rotation> rotations =
      new ConcurrentHashMap<>();
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

  /** Records an applied key rotation of a Windows device, replacing any earlier one. */
  void recordRotation(SimulatedDevice device, Instant at) {
    boolean supported = BitLockerRotation.of(device) == BitLockerRotation.Support.ROTATES;
    rotations.put(key(device.id()), new BitLockerRotation.Rotation(at, supported));
  }

  /** The device's deviceActionResults as Graph would serve them at {@code now}. */
  List<Object> render(SimulatedDevice device, Instant now) {
    ResetAction reset = resets.get(key(device.id()));
    BitLockerRotation.Rotation rotation = rotations.get(key(device.id()));
    List<Object> out = new ArrayList<>();
    Object history = device.properties().get(ManagedDeviceProperties.DEVICE_ACTION_RESULTS);
    if (history instanceof List<?> earlier) {
      for (Object entry : earlier) {
        // A newer run of an action replaces the device's earlier entry of it; others stay.
        Object name = entry instanceof Map<?, ?> map ? map.get("actionName") : null;
        boolean replaced =
            (reset != null && ACTION_NAME.equals(name))
                || (rotation != null && BitLockerRotation.ACTION_NAME.equals(name));
        if (!replaced) {
          out.add(entry);
        }
      }
    }
    if (reset != null) {
      out.add(reset.render(now, readyAfter, outcomeOf(device, reset.capability().supported())));
    }
    if (rotation != null) {
      out.add(rotation.render(now, readyAfter, outcomeOf(device, rotation.supported())));
    }
    return out;
  }

  /**
   * When the device last checked in to settle one of its latest actions: empty while they are
   * pending, or when its outcome is to stay offline.
   */
  Optional<Instant> lastActionCheckIn(SimulatedDevice device, Instant now) {
    ResetAction reset = resets.get(key(device.id()));
    BitLockerRotation.Rotation rotation = rotations.get(key(device.id()));
    Stream<Instant> resetCheckIn =
        reset == null
            ? Stream.empty()
            : checkIn(device, reset.start(), reset.capability().supported(), now).stream();
    Stream<Instant> rotationCheckIn =
        rotation == null
            ? Stream.empty()
            : checkIn(device, rotation.start(), rotation.supported(), now).stream();
    return Stream.concat(resetCheckIn, rotationCheckIn).max(Instant::compareTo);
  }

  private Optional<Instant> checkIn(
      SimulatedDevice device, Instant start, boolean supported, Instant now) {
    if (!outcomeOf(device, supported).checkedIn()) {
      return Optional.empty();
    }
    Instant readyAt = start.plus(readyAfter);
    return now.isBefore(readyAt) ? Optional.empty() : Optional.of(readyAt);
  }

  /** Makes every action of the device, past or future, end as {@code outcome}. */
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
    rotations.clear();
  }

  /** The outcome a test set for the device wins over its inventory's {@code checkIn}. */
  private ResetOutcome outcomeOf(SimulatedDevice device, boolean platformSupports) {
    ResetOutcome set = outcomes.get(key(device.id()));
    return set != null ? set : device.checkIn().outcome(platformSupports);
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /**
   * Where an action stands at a read: {@code pending} until {@code readyAfter}, then its outcome's
   * state unless that is to stay pending.
   */
  record Progress(DeviceActionState state, boolean settled, Instant lastUpdated) {
    static Progress of(Instant start, Instant now, Duration readyAfter, ResetOutcome outcome) {
      Instant readyAt = start.plus(readyAfter);
      boolean settled = !now.isBefore(readyAt) && outcome.state() != DeviceActionState.PENDING;
      return new Progress(
          settled ? outcome.state() : DeviceActionState.PENDING,
          settled,
          settled ? readyAt : start);
    }

    /** The fields every deviceActionResult has, in Graph's order; the caller adds its own. */
    Map<String, Object> entry(String odataType, String actionName, Instant start) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("@odata.type", odataType);
      entry.put("actionName", actionName);
      entry.put("actionState", state.graphName());
      entry.put("startDateTime", start.toString());
      entry.put("lastUpdatedDateTime", lastUpdated.toString());
      return entry;
    }

    int errorCode(ResetOutcome outcome) {
      return settled ? outcome.errorCode() : 0;
    }
  }

  private record ResetAction(Instant start, ResetCapability capability, String passcode) {
    Map<String, Object> render(Instant now, Duration readyAfter, ResetOutcome outcome) {
      Progress progress = Progress.of(start, now, readyAfter, outcome);
      Map<String, Object> entry = progress.entry(ODATA_TYPE, ACTION_NAME, start);
      entry.put("passcode", progress.state() == DeviceActionState.DONE ? passcode : null);
      entry.put("errorCode", progress.errorCode(outcome));
      return entry;
    }
  }
}
