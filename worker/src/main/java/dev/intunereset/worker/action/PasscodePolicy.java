package dev.intunereset.worker.action;

import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides from a device's Graph properties whether its platform may be reset, following Intune's
 * support matrix: Android Enterprise and AOSP yes; Android device administrator only up to Android
 * 6; iOS/iPadOS remove the passcode (opt-in) on supervised devices, except on User Enrollment;
 * nothing else.
 */
public final class PasscodePolicy implements DevicePolicy {
  private static final Set<String> APPLE_USER_ENROLLMENT =
      Set.of(
          "appleuserenrollment",
          "appleuserenrollmentwithserviceaccount",
          "appleaccountdrivenuserenrollment");

  private final Set<Platform> allowed;

  /**
   * @param allowed the platforms PLATFORM_POLICY lets the worker reset
   */
  PasscodePolicy(Set<Platform> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public Optional<String> refusal(ManagedDeviceInfo device) {
    String os = lower(device.operatingSystem());
    String type = lower(device.deviceType());
    String enrollment = lower(device.deviceEnrollmentType());
    Platform platform;
    switch (os) {
      case "android" -> {
        if (enrollment.startsWith("androidaosp")) {
          platform = Platform.AOSP;
        } else if (type.equals("android")) {
          if (majorVersion(device.osVersion()) > 6) {
            return Optional.of(
                "Android device administrator on Android "
                    + device.osVersion()
                    + " does not support passcode reset (only Android 6 or earlier)");
          }
          platform = Platform.ANDROID_DEVICE_ADMIN;
        } else {
          platform = Platform.ANDROID_ENTERPRISE;
        }
      }
      case "ios", "ipados" -> {
        // Graph's plain userEnrollment is BYOD device enrollment, not Apple User Enrollment.
        if (APPLE_USER_ENROLLMENT.contains(enrollment)) {
          return Optional.of("Apple User Enrollment does not support passcode reset");
        }
        platform = os.equals("ios") ? Platform.IOS : Platform.IPADOS;
        // Unknown (null) is allowed: Graph not saying must not refuse a device.
        if (allowed.contains(platform) && Boolean.FALSE.equals(device.supervised())) {
          return Optional.of(
              "unsupervised "
                  + device.operatingSystem()
                  + " device: Intune resets the passcode of supervised iOS/iPadOS devices only");
        }
      }
      default -> {
        return Optional.of(
            "platform "
                + (device.operatingSystem() == null ? "unknown" : device.operatingSystem())
                + " does not support passcode reset");
      }
    }
    if (allowed.contains(platform)) {
      return Optional.empty();
    }
    return Optional.of(
        platform.configValue()
            + " is not allowed by PLATFORM_POLICY ("
            + allowed.stream().map(Platform::configValue).sorted().collect(Collectors.joining(","))
            + ")"
            + (platform == Platform.IOS || platform == Platform.IPADOS
                ? "; on Apple devices the action removes the passcode, so it is opt-in"
                : ""));
  }

  /** iOS and iPadOS remove the passcode on reset instead of setting a new one. */
  public static boolean isApple(String operatingSystem) {
    String os = lower(operatingSystem);
    return os.equals("ios") || os.equals("ipados");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static int majorVersion(String version) {
    return OsVersion.part(version, 0);
  }
}
