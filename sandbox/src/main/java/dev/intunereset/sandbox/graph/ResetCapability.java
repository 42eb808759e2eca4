package dev.intunereset.sandbox.graph;

import java.util.Locale;
import java.util.Set;

/**
 * What a resetPasscode does on a device, per Intune's platform support.
 *
 * <ul>
 *   <li>Android Enterprise (fully managed, dedicated, corporate work profile, personal work
 *       profile) and AOSP: a new passcode.
 *   <li>Android device administrator ({@code deviceType android}): a new passcode only on Android 6
 *       or earlier; otherwise unsupported. An Android device without {@code deviceType android} is
 *       taken to be Android Enterprise or AOSP, so JSON inventories mark device administrator
 *       devices explicitly.
 *   <li>iOS / iPadOS: the passcode is removed (no new passcode), except on Apple User Enrollment,
 *       where it is unsupported.
 *   <li>Everything else (Windows, macOS, ...): unsupported.
 * </ul>
 */
enum ResetCapability {
  NEW_PASSCODE,
  PASSCODE_REMOVED,
  NOT_SUPPORTED;

  private static final Set<String> APPLE_USER_ENROLLMENT =
      Set.of(
          "appleuserenrollment",
          "appleuserenrollmentwithserviceaccount",
          "appleaccountdrivenuserenrollment");

  static ResetCapability of(SimulatedDevice device) {
    String os = device.operatingSystem().toLowerCase(Locale.ROOT);
    switch (os) {
      case "android":
        boolean deviceAdmin =
            device.stringProperty("deviceType").filter("android"::equalsIgnoreCase).isPresent();
        if (deviceAdmin && androidMajorVersion(device) > 6) {
          return NOT_SUPPORTED;
        }
        return NEW_PASSCODE;
      case "ios":
      case "ipados":
        String enrollment =
            device.stringProperty("deviceEnrollmentType").orElse("").toLowerCase(Locale.ROOT);
        return APPLE_USER_ENROLLMENT.contains(enrollment) ? NOT_SUPPORTED : PASSCODE_REMOVED;
      default:
        return NOT_SUPPORTED;
    }
  }

  /** Whether the reset does anything on the device: not {@link #NOT_SUPPORTED}. */
  boolean supported() {
    return this != NOT_SUPPORTED;
  }

  /** The major Android version; unknown counts as modern (7+), where most fleets are. */
  private static int androidMajorVersion(SimulatedDevice device) {
    String version = device.stringProperty("osVersion").orElse("");
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 3) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(version.substring(0, end));
  }
}
