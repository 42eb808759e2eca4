package dev.intunereset.worker.action;

import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Intune can rotate BitLocker recovery keys: Windows 10 1909 (build 18363) or later, and
 * Windows 11 (which Graph reports as 10.0.22000 and later). An unknown version is let through:
 * Graph not saying must not refuse a device, and Graph refuses an unsupported one itself (an opaque
 * 400).
 */
final class BitLockerPolicy implements DevicePolicy {
  static final int MIN_BUILD = 18363;

  @Override
  public Optional<String> refusal(ManagedDeviceInfo device) {
    String os = device.operatingSystem() == null ? "" : device.operatingSystem();
    if (!os.toLowerCase(Locale.ROOT).startsWith("windows")) {
      return Optional.of(
          "platform "
              + (os.isEmpty() ? "unknown" : os)
              + " does not support rotateBitLockerKeys (Windows 10 1909 or later, or Windows 11,"
              + " only)");
    }
    int major = OsVersion.part(device.osVersion(), 0);
    int build = OsVersion.part(device.osVersion(), 2);
    if (major < 10 || (major == 10 && build < MIN_BUILD)) {
      return Optional.of(
          "Windows "
              + device.osVersion()
              + " does not support rotateBitLockerKeys: it needs Windows 10 1909 (build "
              + MIN_BUILD
              + ") or later, or Windows 11");
    }
    return Optional.empty();
  }
}
