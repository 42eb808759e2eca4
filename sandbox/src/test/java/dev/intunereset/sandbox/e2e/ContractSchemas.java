package dev.intunereset.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.intunereset.contracts.ContractResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/** Validates what the worker really wrote against the published JSON Schemas. */
final class ContractSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, JsonSchema> BY_TYPE =
      Map.ofEntries(
          Map.entry("DeviceOutcome", load(ContractResources.DEVICE_OUTCOME_SCHEMA)),
          Map.entry("RequestAccepted", load(ContractResources.REQUEST_ACCEPTED_SCHEMA)),
          Map.entry("RequestRejected", load(ContractResources.REQUEST_REJECTED_SCHEMA)),
          Map.entry("RequestCompleted", load(ContractResources.REQUEST_COMPLETED_SCHEMA)),
          Map.entry("RequestHeld", load(ContractResources.REQUEST_HELD_SCHEMA)),
          Map.entry("RequestApproved", load(ContractResources.REQUEST_APPROVED_SCHEMA)),
          Map.entry("RequestDenied", load(ContractResources.REQUEST_DENIED_SCHEMA)),
          Map.entry("RequestExpired", load(ContractResources.REQUEST_EXPIRED_SCHEMA)),
          Map.entry("BrakeEngaged", load(ContractResources.BRAKE_ENGAGED_SCHEMA)),
          Map.entry("BrakeReleased", load(ContractResources.BRAKE_RELEASED_SCHEMA)),
          Map.entry("CancelReceived", load(ContractResources.CANCEL_RECEIVED_SCHEMA)),
          Map.entry("CancelApplied", load(ContractResources.CANCEL_APPLIED_SCHEMA)),
          Map.entry("CancelRefused", load(ContractResources.CANCEL_REFUSED_SCHEMA)),
          Map.entry("RequestCanceled", load(ContractResources.REQUEST_CANCELED_SCHEMA)),
          Map.entry("DeviceSettled", load(ContractResources.DEVICE_SETTLED_SCHEMA)),
          Map.entry("RequestSettled", load(ContractResources.REQUEST_SETTLED_SCHEMA)),
          Map.entry("RequestExpanded", load(ContractResources.REQUEST_EXPANDED_SCHEMA)));

  private ContractSchemas() {}

  private static JsonSchema load(String resource) {
    try (InputStream in = ContractSchemas.class.getResourceAsStream(resource)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(
              MAPPER.readTree(in),
              SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema violations of one result event's JSON; empty when it conforms. */
  static Set<ValidationMessage> violations(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      JsonSchema schema = BY_TYPE.get(node.path("type").asText());
      if (schema == null) {
        throw new AssertionError("unknown event type in " + node);
      }
      return schema.validate(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
