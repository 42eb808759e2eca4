package dev.intunereset.worker.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The supervision rule of Apple devices; the rest of the matrix is covered through the jobs. */
class PasscodePolicyTest {
  private static final PasscodePolicy WITH_APPLE =
      new PasscodePolicy(Set.of(Platform.ANDROID_ENTERPRISE, Platform.IOS, Platform.IPADOS));

  private static ManagedDeviceInfo device(String os, String enrollment, Boolean supervised) {
    String type = os.equals("Android") ? "androidForWork" : os.equals("iOS") ? "iPhone" : "iPad";
    return new ManagedDeviceInfo("d", os, "17.4", type, enrollment, null, supervised, List.of());
  }

  @Test
  void appleUserEnrollmentIsRefusedWhateverTheSupervision() {
    assertThat(WITH_APPLE.refusal(device("iOS", "appleUserEnrollment", null)))
        .hasValueSatisfying(m -> assertThat(m).contains("Apple User Enrollment"));
  }

  @Test
  void byodDeviceEnrollmentIsNotTakenForAppleUserEnrollment() {
    assertThat(WITH_APPLE.refusal(device("iOS", "userEnrollment", false)))
        .hasValueSatisfying(m -> assertThat(m).doesNotContain("User Enrollment"));
  }

  @Test
  void aSupervisedIosDeviceIsAllowed() {
    assertThat(WITH_APPLE.refusal(device("iOS", "appleBulkWithUser", true))).isEmpty();
  }

  @Test
  void anUnsupervisedIosDeviceIsRefusedNamingWhy() {
    Optional<String> refusal = WITH_APPLE.refusal(device("iOS", "userEnrollment", false));

    assertThat(refusal).isPresent();
    assertThat(refusal.get())
        .contains("unsupervised iOS")
        .contains("supervised iOS/iPadOS devices only");
  }

  @Test
  void anUnsupervisedIpadosDeviceIsRefused() {
    assertThat(WITH_APPLE.refusal(device("iPadOS", "userEnrollment", false)))
        .hasValueSatisfying(m -> assertThat(m).contains("unsupervised iPadOS"));
  }

  @Test
  void anIosDeviceWhoseSupervisionIsUnknownIsAllowed() {
    assertThat(WITH_APPLE.refusal(device("iOS", "userEnrollment", null))).isEmpty();
  }

  @Test
  void whenIosIsNotAllowedThePolicyIsTheReasonNotSupervision() {
    PasscodePolicy androidOnly = new PasscodePolicy(Set.of(Platform.ANDROID_ENTERPRISE));

    assertThat(androidOnly.refusal(device("iOS", "userEnrollment", false)))
        .hasValueSatisfying(m -> assertThat(m).contains("PLATFORM_POLICY").doesNotContain("super"));
  }

  @Test
  void supervisionDoesNotMatterOutsideApple() {
    assertThat(WITH_APPLE.refusal(device("Android", "androidEnterpriseFullyManaged", false)))
        .isEmpty();
  }

  @Test
  void withoutValidationAnUnsupervisedIosDeviceIsNotRefused() {
    assertThat(DevicePolicy.ANY.refusal(device("iOS", "userEnrollment", false))).isEmpty();
  }
}
