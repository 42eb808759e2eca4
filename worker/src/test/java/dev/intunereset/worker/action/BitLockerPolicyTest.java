package dev.intunereset.worker.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intune rotates BitLocker keys on Windows 10 1909 (build 18363) or later and Windows 11 only. */
class BitLockerPolicyTest {
  // PLATFORM_POLICY is the passcode reset's opt-in: it neither widens nor narrows rotation.
  private static final DevicePolicy POLICY =
      DeviceAction.ROTATE_BITLOCKER_KEYS.policy(Set.of(Platform.ANDROID_ENTERPRISE));

  private static ManagedDeviceInfo device(String os, String version) {
    return new ManagedDeviceInfo("d", os, version, null, null, List.of());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "Windows, 10.0.18363.1556",
    "Windows, 10.0.19045.5011",
    "Windows, 10.0.22631.4317",
    "Windows, 10.0.26100.2033",
    "windows, 10.0.19044.5011",
    "Windows, ''",
    "Windows, not-a-version"
  })
  void windows10From1909AndWindows11AreAllowedAndAnUnknownVersionIsNotRefused(
      String os, String version) {
    assertThat(POLICY.refusal(device(os, version))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"10.0.17763.6414", "10.0.18362.1256", "6.3.9600"})
  void windowsBefore1909IsRefusedNamingTheVersionItNeeds(String version) {
    assertThat(POLICY.refusal(device("Windows", version)))
        .hasValueSatisfying(
            m -> assertThat(m).contains(version).contains("Windows 10 1909").contains("18363"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Android, 14", "iOS, 17.5", "macOS, 14.5"})
  void otherPlatformsAreRefusedNamingThePlatform(String os, String version) {
    assertThat(POLICY.refusal(device(os, version)))
        .hasValueSatisfying(m -> assertThat(m).contains(os).contains("rotateBitLockerKeys"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10.0.19045.5011, 2, 19045",
    "10.0, 2, 2147483647",
    "14, 0, 14",
    "x.1, 0, 2147483647"
  })
  void versionPartsReadAsNumbersOrAsUnknown(String version, int index, int expected) {
    assertThat(OsVersion.part(version, index)).isEqualTo(expected);
  }
}
