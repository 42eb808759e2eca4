package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.ApprovalDecision;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.ControlMessage;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code approve} and {@code release-brake} publish contract messages under the routing key. */
class ControlCommandsTest {
  private static final String ID = "5f0c6e2a-1d3b-4c8e-9f7a-2b4d6e8f0a1c";
  private final FakeTransport transport = new FakeTransport();
  private final CliRunner cli = new CliRunner(transport);

  @Test
  void approvePublishesAnApprovalKeyedByTheRequestId() throws IOException {
    int code = cli.run("approve", ID, "--approver", "soc-lead@contoso.com", "--comment", "checked");

    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(transport.sent)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.topic()).isEqualTo("passcode-reset.approvals");
              assertThat(s.key()).isEqualTo(ID);
            });
    Approval a =
        (Approval) Json.MAPPER.readValue(transport.sent.get(0).value(), ControlMessage.class);
    assertThat(a)
        .isEqualTo(
            new Approval(
                1,
                UUID.fromString(ID),
                ApprovalDecision.APPROVE,
                "soc-lead@contoso.com",
                "checked"));
    assertThat(cli.err()).contains("passcode-reset watch " + ID);
  }

  @Test
  void denyPublishesADenial() throws IOException {
    assertThat(cli.run("approve", ID, "--approver", "lead", "--deny")).isEqualTo(ExitCodes.OK);

    JsonNode sent = Json.MAPPER.readTree(transport.sent.get(0).value());
    assertThat(sent.path("decision").asText()).isEqualTo("DENY");
    assertThat(sent.has("comment")).isFalse();
  }

  @Test
  void anApproverWithALineBreakIsRefusedLocally() {
    assertThat(cli.run("approve", ID, "--approver", "lead\nadmin")).isEqualTo(ExitCodes.INVALID);
    assertThat(transport.sent).isEmpty();
    assertThat(cli.err()).contains("approver");
  }

  @Test
  void approveNeedsAnApprover() {
    assertThat(cli.run("approve", ID)).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void releaseBrakePublishesABrakeReleaseUnderTheFleetKey() throws IOException {
    int code =
        cli.run(
            "release-brake", ID, "--released-by", "oncall-sre@contoso.com", "--reason", "planned");

    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(transport.sent.get(0).key()).isEqualTo(BrakeRelease.KAFKA_KEY);
    assertThat(Json.MAPPER.readValue(transport.sent.get(0).value(), ControlMessage.class))
        .isEqualTo(new BrakeRelease(1, UUID.fromString(ID), "oncall-sre@contoso.com", "planned"));
  }
}
