package dev.intunereset.worker.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Platform classes a passcode reset can be allowed for ({@code PLATFORM_POLICY}). Android is
 * allowed by default, as in the Terraform provider; Apple platforms are opt-in because there the
 * action removes the passcode instead of setting a new one.
 */
public enum Platform {
  /** Android Enterprise: fully managed, dedicated, corporate-owned or personal work profile. */
  ANDROID_ENTERPRISE("android-enterprise"),
  /** Android Open Source Project enrollments. */
  AOSP("aosp"),
  /** Android device administrator; Graph supports the reset only on Android 6 or earlier. */
  ANDROID_DEVICE_ADMIN("android-device-admin"),
  /** iPhone: the passcode is removed, not replaced. */
  IOS("ios"),
  /** iPad: the passcode is removed, not replaced. */
  IPADOS("ipados");

  private final String configValue;

  Platform(String configValue) {
    this.configValue = configValue;
  }

  public String configValue() {
    return configValue;
  }

  public static Optional<Platform> fromConfigValue(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Platform p : values()) {
      if (p.configValue.equals(v)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
