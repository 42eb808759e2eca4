package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code rotateBitLockerKeys} does on a device, and the {@code
 * rotateBitLockerKeysDeviceActionResult} Graph shows for it, so the second device action lives
 * apart from the passcode reset it shares {@link ActionResults} with.
 *
 * <p>Intune supports the rotation on Windows 10 1909 (build 18363) or later and on Windows 11. On
 * any other platform Graph refuses the POST with an opaque 400 ({@link Support#NOT_WINDOWS}). An
 * older Windows takes the command (204) and reports it {@code notSupported} when it checks in
 * ({@link Support#TOO_OLD}): Graph documents neither case beyond "not supported", so a worker must
 * handle both. The result carries no secret: the new key is escrowed to Entra ID.
 */
final class BitLockerRotation {
  static final String ACTION_NAME = "rotateBitLockerKeys";
  static final String ODATA_TYPE = "#microsoft.graph.rotateBitLockerKeysDeviceActionResult";

  /** Windows 10 1909: the first build with client-driven recovery password rotation. */
  static final int FIRST_BUILD = 18363;

  /** Whether a device takes the rotation. */
  enum Support {
    /** Windows 10 1909 or later, Windows 11: done when it checks in. */
    ROTATES,
    /** An older Windows: 204, then {@code notSupported} when it checks in. */
    TOO_OLD,
    /** Not Windows: Graph's opaque 400, nothing recorded. */
    NOT_WINDOWS
  }

  private BitLockerRotation() {}

  static Support of(SimulatedDevice device) {
    if (!device.operatingSystem().toLowerCase(Locale.ROOT).startsWith("windows")) {
      return Support.NOT_WINDOWS;
    }
    return build(device.stringProperty("osVersion").orElse("")) < FIRST_BUILD
        ? Support.TOO_OLD
        : Support.ROTATES;
  }

  /**
   * The build of {@code 10.0.<build>.<revision>}; unknown counts as current, where most fleets are,
   * as {@link ResetCapability} takes an unknown Android version.
   */
  static int build(String osVersion) {
    String[] parts = osVersion.split("\\.");
    if (parts.length < 3 || !parts[0].equals("10")) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /**
   * A rotation accepted at {@code start}.
   *
   * @param supported whether the device can apply it ({@link Support#ROTATES})
   */
  record Rotation(Instant start, boolean supported) {
    Map<String, Object> render(Instant now, Duration readyAfter, ResetOutcome outcome) {
      ActionResults.Progress progress = ActionResults.Progress.of(start, now, readyAfter, outcome);
      Map<String, Object> entry = progress.entry(ODATA_TYPE, ACTION_NAME, start);
      entry.put("errorCode", progress.errorCode(outcome));
      return entry;
    }
  }
}
