package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intunereset.contracts.ContractResources;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A few representative rules; the contracts module tests the schema rule by rule. */
class RequestValidatorTest {

  private static ObjectNode example(String name) throws IOException {
    try (InputStream in =
        RequestValidatorTest.class.getResourceAsStream(ContractResources.EXAMPLES_DIR + name)) {
      return (ObjectNode) Json.MAPPER.readTree(in);
    }
  }

  @Test
  void theContractExamplesAreValid() throws IOException {
    for (String name :
        new String[] {
          "reset-request.single.json",
          "reset-request.minimal.json",
          "reset-request.bulk.json",
          "reset-request.dry-run-iso-timeout.json"
        }) {
      assertThat(RequestValidator.validate(example(name))).as(name).isEmpty();
    }
  }

  @Test
  void reportsEveryProblemAtOnceInTheContractsFieldOrder() throws IOException {
    ObjectNode request = example("reset-request.single.json");
    request.put("schemaVersion", 2);
    request.remove("reason");
    request
        .putArray("deviceIds")
        .add("{12345678-1234-1234-1234-123456789abc}")
        .add("00000000-0000-4000-8000-000000000001");
    request.put("timeout", "1 hour");
    request.put("dryrun", true);

    assertThat(RequestValidator.validate(request))
        .extracting(RequestValidator.Violation::toString)
        .containsExactly(
            "schemaVersion: must be 1 (the only supported version)",
            "deviceIds[0]: \"{12345678-1234-1234-1234-123456789abc}\" must be a GUID such as"
                + " 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (8-4-4-4-12 hex digits, no braces)",
            "reason: required",
            "timeout: \"1 hour\" must be a duration such as 30s, 10m, 2h45m or PT10M",
            "dryrun: unknown field; field names are case-sensitive (dryRun, not dryrun)");
  }

  @Test
  void controlCharactersInAuditFieldsAreRejected() throws IOException {
    ObjectNode request = example("reset-request.single.json");
    request.put("requestedBy", "agent@contoso.com\nreason: forged");

    assertThat(RequestValidator.validate(request))
        .extracting(RequestValidator.Violation::toString)
        .containsExactly("requestedBy: must not contain control characters or line breaks");
  }

  @Test
  void tooManyDevicesIsOneProblem() throws IOException {
    ObjectNode request = example("reset-request.single.json");
    var ids = request.putArray("deviceIds");
    for (int i = 0; i <= 10_000; i++) {
      ids.add(String.format("00000000-0000-4000-8000-%012x", i));
    }

    assertThat(RequestValidator.validate(request))
        .singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("deviceIds"))
        .satisfies(v -> assertThat(v.problem()).contains("at most 10"));
  }
}
