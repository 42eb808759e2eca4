package dev.intunereset.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.RequestRejected.Problem;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ControlValidatorTest {
  private static final String REQUEST_ID = "5f0c6e2a-1d3b-4c8e-9f7a-2b4d6e8f0a1c";
  private final ControlValidator validator = new ControlValidator();

  private ControlValidator.Result validate(String json) {
    return validator.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  private ControlValidator.Unusable unusable(String json) {
    ControlValidator.Result r = validate(json);
    assertThat(r).isInstanceOf(ControlValidator.Unusable.class);
    return (ControlValidator.Unusable) r;
  }

  private static String approval(String approver) {
    return "{\"type\":\"Approval\",\"schemaVersion\":1,\"requestId\":\""
        + REQUEST_ID
        + "\",\"decision\":\"APPROVE\",\"approver\":"
        + approver
        + "}";
  }

  @Test
  void readsAnApprovalAndTrimsItsPrincipal() {
    ControlValidator.Result r = validate(approval("\"  lead@contoso.com \""));

    assertThat(r).isInstanceOf(ControlValidator.Usable.class);
    Approval a = (Approval) ((ControlValidator.Usable) r).message();
    assertThat(a.requestId()).isEqualTo(UUID.fromString(REQUEST_ID));
    assertThat(a.decision()).isEqualTo(ApprovalDecision.APPROVE);
    assertThat(a.approver()).isEqualTo("lead@contoso.com");
  }

  @Test
  void readsABrakeRelease() {
    ControlValidator.Result r =
        validate(
            "{\"type\":\"BrakeRelease\",\"schemaVersion\":1,\"brakeId\":\""
                + REQUEST_ID
                + "\",\"releasedBy\":\"sre@contoso.com\",\"reason\":\"planned\"}");

    assertThat(((ControlValidator.Usable) r).message()).isInstanceOf(BrakeRelease.class);
  }

  @Test
  void deadLettersMalformedJson() {
    assertThat(unusable("{\"type\":").dlqReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void deadLettersAMessageWithoutType() {
    ControlValidator.Unusable u =
        unusable("{\"schemaVersion\":1,\"requestId\":\"" + REQUEST_ID + "\"}");

    assertThat(u.dlqReason()).isEqualTo("INVALID_CONTROL_MESSAGE");
  }

  @Test
  void deadLettersAnUnknownField() {
    ControlValidator.Unusable u =
        unusable(approval("\"lead@contoso.com\",\"approvedBy\":\"someone\""));

    assertThat(u.dlqReason()).isEqualTo("INVALID_CONTROL_MESSAGE");
    assertThat(u.summary()).contains("approvedBy");
  }

  @Test
  void deadLettersABlankApproverNamingTheField() {
    ControlValidator.Unusable u = unusable(approval("\"   \""));

    assertThat(u.problems()).extracting(Problem::field).containsExactly("approver");
  }

  @Test
  void deadLettersAnApproverWithALineBreak() {
    ControlValidator.Unusable u = unusable(approval("\"lead@contoso.com\\u2028admin\""));

    assertThat(u.problems()).extracting(Problem::field).containsExactly("approver");
  }

  @Test
  void deadLettersADuplicateApprover() {
    assertThat(unusable(approval("\"a@contoso.com\",\"approver\":\"b@contoso.com\"")).dlqReason())
        .isEqualTo("MALFORMED_JSON");
  }

  @Test
  void deadLettersAnUnsupportedSchemaVersion() {
    ControlValidator.Unusable u =
        unusable(
            approval("\"lead@contoso.com\"").replace("\"schemaVersion\":1", "\"schemaVersion\":2"));

    assertThat(u.problems()).extracting(Problem::field).containsExactly("schemaVersion");
  }

  @Test
  void deadLettersANullPayload() {
    assertThat(((ControlValidator.Unusable) validator.validate(null)).dlqReason())
        .isEqualTo("NULL_PAYLOAD");
  }
}
