package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphCallResult.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassTest {

  private static GraphCallResult http(int status) {
    return http(status, null, null);
  }

  private static GraphCallResult http(int status, String code, String message) {
    return new GraphCallResult(
        Kind.HTTP_ERROR, status, code, message, null, null, Optional.empty());
  }

  private static GraphCallResult of(Kind kind, String message) {
    return new GraphCallResult(kind, 0, null, message, null, null, Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retryableStatusesAreTransient(int status) {
    assertThat(FailureClass.of(http(status))).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void transportErrorIsTransient() {
    assertThat(FailureClass.of(of(Kind.TRANSPORT_ERROR, "connection reset")))
        .isEqualTo(FailureClass.TRANSIENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 409, 410, 422})
  void clientErrorStatusesArePermanent(int status) {
    assertThat(FailureClass.of(http(status))).isEqualTo(FailureClass.PERMANENT);
  }

  @Test
  void unauthorizedIsSystemic() {
    assertThat(FailureClass.of(http(401))).isEqualTo(FailureClass.SYSTEMIC);
  }

  @Test
  void noTokenIsSystemic() {
    assertThat(FailureClass.of(of(Kind.AUTH_ERROR, "AADSTS7000215")))
        .isEqualTo(FailureClass.SYSTEMIC);
  }

  @Test
  void successIsNotAFailure() {
    GraphCallResult ok =
        new GraphCallResult(Kind.SUCCESS, 204, null, "accepted", null, null, Optional.empty());

    assertThatThrownBy(() -> FailureClass.of(ok)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "400, BAD_REQUEST",
    "401, UNAUTHORIZED",
    "403, FORBIDDEN",
    "404, NOT_FOUND",
    "408, TRANSPORT_ERROR",
    "429, THROTTLED",
    "500, GRAPH_ERROR",
    "502, GRAPH_ERROR",
    "503, GRAPH_ERROR",
    "504, GRAPH_ERROR"
  })
  void reasonCodeFollowsTheStatus(int status, ReasonCode reason) {
    assertThat(FailureClass.reasonOf(http(status))).isEqualTo(reason);
  }

  @Test
  void transportErrorReason() {
    assertThat(FailureClass.reasonOf(of(Kind.TRANSPORT_ERROR, null)))
        .isEqualTo(ReasonCode.TRANSPORT_ERROR);
  }

  @Test
  void authErrorReason() {
    assertThat(FailureClass.reasonOf(of(Kind.AUTH_ERROR, null))).isEqualTo(ReasonCode.UNAUTHORIZED);
  }

  @Test
  void classificationIsByStatusNotByGraphErrorCode() {
    GraphCallResult forbiddenAsUnknown = http(403, "UnknownError", null);

    assertThat(FailureClass.of(forbiddenAsUnknown)).isEqualTo(FailureClass.PERMANENT);
    assertThat(FailureClass.reasonOf(forbiddenAsUnknown)).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void forbiddenDescriptionNamesThePermissionTheActionNeeds() {
    assertThat(FailureClass.describe(http(403), "resetPasscode"))
        .contains("DeviceManagementManagedDevices.PrivilegedOperations.All");
    assertThat(FailureClass.describe(http(403), "rotateBitLockerKeys"))
        .contains("DeviceManagementManagedDevices.ReadWrite.All for rotateBitLockerKeys")
        .doesNotContain("PrivilegedOperations");
    assertThat(FailureClass.describe(http(403), GraphOperation.LOOKUP))
        .contains("DeviceManagementManagedDevices.Read.All")
        .doesNotContain("PrivilegedOperations");
  }

  @Test
  void otherDescriptionsDoNotBlameThePermission() {
    assertThat(FailureClass.describe(http(404), "resetPasscode"))
        .doesNotContain("PrivilegedOperations");
  }

  @Test
  void descriptionCarriesStatusGraphCodeAndMessage() {
    assertThat(FailureClass.describe(http(429, "TooManyRequests", "slow down"), "resetPasscode"))
        .isEqualTo("Graph answered 429 TooManyRequests: slow down");
  }

  @Test
  void descriptionOfTransportErrorNamesTheKind() {
    assertThat(FailureClass.describe(of(Kind.TRANSPORT_ERROR, "timeout"), "resetPasscode"))
        .isEqualTo("transport error: timeout");
  }
}
