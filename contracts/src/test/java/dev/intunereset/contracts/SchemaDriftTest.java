package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards against the records, the schemas and the Java enums drifting apart. */
class SchemaDriftTest {

  static Stream<Arguments> fullyPopulatedRecords() {
    return Stream.of(
        Arguments.of(ContractResources.RESET_REQUEST_SCHEMA, Fixtures.fullResetRequest()),
        Arguments.of(ContractResources.DEVICE_OUTCOME_SCHEMA, Fixtures.fullDeviceOutcome()),
        Arguments.of(ContractResources.REQUEST_ACCEPTED_SCHEMA, Fixtures.fullRequestAccepted()),
        Arguments.of(ContractResources.REQUEST_REJECTED_SCHEMA, Fixtures.fullRequestRejected()),
        Arguments.of(ContractResources.REQUEST_COMPLETED_SCHEMA, Fixtures.fullRequestCompleted()),
        Arguments.of(ContractResources.REQUEST_HELD_SCHEMA, Fixtures.fullRequestHeld()),
        Arguments.of(ContractResources.REQUEST_APPROVED_SCHEMA, Fixtures.fullRequestApproved()),
        Arguments.of(ContractResources.REQUEST_DENIED_SCHEMA, Fixtures.fullRequestDenied()),
        Arguments.of(ContractResources.REQUEST_EXPIRED_SCHEMA, Fixtures.fullRequestExpired()),
        Arguments.of(ContractResources.BRAKE_ENGAGED_SCHEMA, Fixtures.fullBrakeEngaged()),
        Arguments.of(ContractResources.BRAKE_RELEASED_SCHEMA, Fixtures.fullBrakeReleased()),
        Arguments.of(ContractResources.APPROVAL_SCHEMA, Fixtures.fullApproval()),
        Arguments.of(ContractResources.BRAKE_RELEASE_SCHEMA, Fixtures.fullBrakeRelease()),
        Arguments.of(ContractResources.CANCEL_SCHEMA, Fixtures.fullCancel()),
        Arguments.of(ContractResources.CANCEL_RECEIVED_SCHEMA, Fixtures.fullCancelReceived()),
        Arguments.of(ContractResources.CANCEL_APPLIED_SCHEMA, Fixtures.fullCancelApplied()),
        Arguments.of(ContractResources.CANCEL_REFUSED_SCHEMA, Fixtures.fullCancelRefused()),
        Arguments.of(ContractResources.REQUEST_CANCELED_SCHEMA, Fixtures.fullRequestCanceled()),
        Arguments.of(ContractResources.DEVICE_SETTLED_SCHEMA, Fixtures.fullDeviceSettled()),
        Arguments.of(ContractResources.REQUEST_SETTLED_SCHEMA, Fixtures.fullRequestSettled()),
        Arguments.of(ContractResources.REQUEST_EXPANDED_SCHEMA, Fixtures.fullRequestExpanded()));
  }

  @Test
  void fullyPopulatedRecordsCoverEverySchemaAndEveryMessageType() {
    List<Object> records = fullyPopulatedRecords().map(args -> args.get()[1]).toList();
    Set<Class<?>> types = new HashSet<>();
    records.forEach(r -> types.add(r.getClass()));
    Set<Class<?>> expected = new HashSet<>(List.of(ResultEvent.class.getPermittedSubclasses()));
    expected.addAll(List.of(ControlMessage.class.getPermittedSubclasses()));
    expected.add(ResetRequest.class);

    assertThat(types).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(fullyPopulatedRecords().map(args -> (String) args.get()[0]).toList())
        .containsExactlyInAnyOrderElementsOf(Fixtures.schemaResources());
  }

  static List<String> schemas() {
    return Fixtures.schemaResources();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullyPopulatedRecords")
  void recordJsonPropertiesEqualSchemaProperties(String schema, Object record) {
    JsonNode written = Fixtures.JSON.valueToTree(record);

    assertThat(fieldNames(written)).isEqualTo(fieldNames(properties(schema)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullyPopulatedRecords")
  void fullyPopulatedRecordValidatesAgainstItsSchema(String schema, Object record) {
    assertThat(Fixtures.validate(schema, Fixtures.JSON.valueToTree(record))).isEmpty();
  }

  @Test
  void nestedRecordJsonPropertiesEqualSchemaProperties() {
    JsonNode problem = Fixtures.JSON.valueToTree(Fixtures.fullRequestRejected()).get("problems");
    JsonNode counts = Fixtures.JSON.valueToTree(Fixtures.fullRequestCompleted()).get("counts");
    JsonNode taskPartitions =
        Fixtures.JSON.valueToTree(Fixtures.fullCancelApplied()).get("taskPartitions");
    JsonNode settleCounts = Fixtures.JSON.valueToTree(Fixtures.fullRequestSettled()).get("counts");
    JsonNode expanded = Fixtures.JSON.valueToTree(Fixtures.fullRequestExpanded());
    JsonNode expansion = properties(ContractResources.REQUEST_EXPANDED_SCHEMA);

    assertThat(fieldNames(problem.get(0)))
        .isEqualTo(
            fieldNames(
                properties(ContractResources.REQUEST_REJECTED_SCHEMA)
                    .get("problems")
                    .get("items")
                    .get("properties")));
    assertThat(fieldNames(counts))
        .isEqualTo(
            fieldNames(
                properties(ContractResources.REQUEST_COMPLETED_SCHEMA)
                    .get("counts")
                    .get("properties")));
    assertThat(fieldNames(settleCounts))
        .isEqualTo(
            fieldNames(
                properties(ContractResources.REQUEST_SETTLED_SCHEMA)
                    .get("counts")
                    .get("properties")));
    assertThat(fieldNames(taskPartitions.get(0)))
        .isEqualTo(
            fieldNames(
                properties(ContractResources.CANCEL_APPLIED_SCHEMA)
                    .get("taskPartitions")
                    .get("items")
                    .get("properties")));
    assertThat(fieldNames(expanded.get("selectors").get(0)))
        .isEqualTo(fieldNames(expansion.get("selectors").get("items").get("properties")));
    // The second device has every optional field; the first lacks its user.
    assertThat(fieldNames(expanded.get("devices").get(1)))
        .isEqualTo(fieldNames(expansion.get("devices").get("items").get("properties")));
    for (String schema :
        List.of(
            ContractResources.RESET_REQUEST_SCHEMA, ContractResources.REQUEST_ACCEPTED_SCHEMA)) {
      JsonNode record =
          Fixtures.JSON.valueToTree(
              schema.equals(ContractResources.RESET_REQUEST_SCHEMA)
                  ? Fixtures.fullResetRequest()
                  : Fixtures.fullRequestAccepted());
      assertThat(fieldNames(record.get("targets")))
          .as(schema)
          .isEqualTo(fieldNames(properties(schema).get("targets").get("properties")));
    }
  }

  @Test
  void eventSchemasRequireExactlyTheFieldsARecordAlwaysWrites() {
    // With every nullable component null, only the non-nullable properties are written.
    DeviceOutcome o = Fixtures.fullDeviceOutcome();
    DeviceOutcome outcome =
        DeviceOutcome.of(
            new RequestRef(
                o.requestId(),
                o.request().requestedBy(),
                o.request().reason(),
                null,
                o.request().acceptedAt()),
            o.deviceId(),
            o.status(),
            o.reasonCode(),
            o.message(),
            o.completedAt());
    RequestAccepted a = Fixtures.fullRequestAccepted();
    RequestAccepted accepted =
        new RequestAccepted(
            a.requestId(),
            1,
            0,
            a.lane(),
            false,
            false,
            a.acceptedAt(),
            a.deadline(),
            a.requestedBy(),
            a.reason(),
            null);
    RequestRejected r = Fixtures.fullRequestRejected();
    RequestRejected rejected =
        new RequestRejected(r.requestId(), r.problems(), r.rejectedAt(), null, null);
    RequestCompleted c = Fixtures.fullRequestCompleted();
    RequestCompleted completed =
        new RequestCompleted(
            c.requestId(),
            c.status(),
            c.deviceCount(),
            c.counts(),
            c.acceptedAt(),
            c.completedAt(),
            c.requestedBy(),
            c.reason(),
            null);

    RequestHeld h = Fixtures.fullRequestHeld();
    RequestApproved ap = Fixtures.fullRequestApproved();
    RequestDenied dn = Fixtures.fullRequestDenied();
    RequestExpired ex = Fixtures.fullRequestExpired();
    // Cancel events have no nullable component: their full form is their minimal form.
    Map<String, Object> minimalEvents = new HashMap<>();
    minimalEvents.put(ContractResources.DEVICE_OUTCOME_SCHEMA, outcome);
    minimalEvents.put(ContractResources.REQUEST_ACCEPTED_SCHEMA, accepted);
    minimalEvents.put(ContractResources.REQUEST_REJECTED_SCHEMA, rejected);
    minimalEvents.put(ContractResources.REQUEST_COMPLETED_SCHEMA, completed);
    minimalEvents.put(
        ContractResources.REQUEST_HELD_SCHEMA,
        new RequestHeld(
            h.requestId(),
            h.deviceCount(),
            h.approvalThreshold(),
            h.heldAt(),
            h.expiresAt(),
            h.requestedBy(),
            h.reason(),
            null));
    minimalEvents.put(
        ContractResources.REQUEST_APPROVED_SCHEMA,
        new RequestApproved(
            ap.requestId(),
            ap.approvedBy(),
            null,
            ap.approvedAt(),
            ap.requestedBy(),
            ap.reason(),
            null));
    minimalEvents.put(
        ContractResources.REQUEST_DENIED_SCHEMA,
        new RequestDenied(
            dn.requestId(),
            dn.deniedBy(),
            null,
            dn.deniedAt(),
            dn.requestedBy(),
            dn.reason(),
            null));
    minimalEvents.put(
        ContractResources.REQUEST_EXPIRED_SCHEMA,
        new RequestExpired(
            ex.requestId(), ex.heldAt(), ex.expiredAt(), ex.requestedBy(), ex.reason(), null));
    minimalEvents.put(ContractResources.BRAKE_ENGAGED_SCHEMA, Fixtures.fullBrakeEngaged());
    minimalEvents.put(ContractResources.BRAKE_RELEASED_SCHEMA, Fixtures.fullBrakeReleased());
    minimalEvents.put(ContractResources.CANCEL_RECEIVED_SCHEMA, Fixtures.fullCancelReceived());
    minimalEvents.put(ContractResources.CANCEL_APPLIED_SCHEMA, Fixtures.fullCancelApplied());
    minimalEvents.put(ContractResources.CANCEL_REFUSED_SCHEMA, Fixtures.fullCancelRefused());
    minimalEvents.put(ContractResources.REQUEST_CANCELED_SCHEMA, Fixtures.fullRequestCanceled());
    DeviceSettled ds = Fixtures.fullDeviceSettled();
    minimalEvents.put(
        ContractResources.DEVICE_SETTLED_SCHEMA,
        new DeviceSettled(
            ds.requestId(),
            ds.deviceId(),
            SettleState.UNCONFIRMED,
            null,
            null,
            null,
            null,
            null,
            ds.issuedAt(),
            ds.settledAt(),
            0,
            ds.message()));
    RequestSettled rs = Fixtures.fullRequestSettled();
    minimalEvents.put(
        ContractResources.REQUEST_SETTLED_SCHEMA,
        new RequestSettled(
            rs.requestId(),
            false,
            0,
            RequestSettled.Counts.NONE,
            rs.acceptedAt(),
            rs.settledAt(),
            rs.requestedBy(),
            rs.reason(),
            null));
    RequestExpanded x = Fixtures.fullRequestExpanded();
    minimalEvents.put(
        ContractResources.REQUEST_EXPANDED_SCHEMA,
        new RequestExpanded(
            x.requestId(),
            List.of(),
            0,
            0,
            0,
            x.expandedAt(),
            x.requestedBy(),
            x.reason(),
            null,
            x.action()));
    Approval a2 = Fixtures.fullApproval();
    Map<String, Object> minimalControl =
        Map.of(
            ContractResources.APPROVAL_SCHEMA,
            new Approval(1, a2.requestId(), a2.decision(), a2.approver(), null),
            ContractResources.BRAKE_RELEASE_SCHEMA,
            Fixtures.fullBrakeRelease(),
            ContractResources.CANCEL_SCHEMA,
            Fixtures.fullCancel());
    Set<String> covered = new TreeSet<>(minimalEvents.keySet());
    covered.addAll(minimalControl.keySet());
    covered.add(ContractResources.RESET_REQUEST_SCHEMA);
    assertThat(covered).containsExactlyInAnyOrderElementsOf(Fixtures.schemaResources());
    minimalControl.forEach(
        (schema, message) ->
            assertThat(fieldNames(Fixtures.JSON.valueToTree(message)))
                .as(schema)
                .isEqualTo(textValues(Fixtures.readJsonResource(schema).get("required"))));
    minimalEvents.forEach(
        (schema, event) ->
            assertThat(fieldNames(Fixtures.JSON.valueToTree(event)))
                .as(schema)
                .isEqualTo(
                    union(
                        textValues(Fixtures.readJsonResource(schema).get("required")),
                        WRITTEN_BUT_NOT_REQUIRED.getOrDefault(schema, Set.of()))));
  }

  /**
   * Fields a record always writes that its v1 schema may not require, because events written before
   * the field existed lack them: requiring them would make those events invalid.
   */
  private static final Map<String, Set<String>> WRITTEN_BUT_NOT_REQUIRED =
      Map.of(
          ContractResources.DEVICE_OUTCOME_SCHEMA,
          Set.of("action"),
          ContractResources.BRAKE_ENGAGED_SCHEMA,
          Set.of("action"),
          ContractResources.BRAKE_RELEASED_SCHEMA,
          Set.of("action"));

  @Test
  void fieldsWrittenButNotRequiredAreOptionalPropertiesOfTheirSchema() {
    WRITTEN_BUT_NOT_REQUIRED.forEach(
        (schema, fields) -> {
          assertThat(fieldNames(properties(schema))).as(schema).containsAll(fields);
          assertThat(textValues(Fixtures.readJsonResource(schema).get("required")))
              .as(schema)
              .doesNotContainAnyElementsOf(fields);
        });
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void resetRequestSchemaDefaultsEqualRecordDefaults() {
    JsonNode properties = properties(ContractResources.RESET_REQUEST_SCHEMA);

    assertThat(properties.get("ignorePartialFailures").get("default").booleanValue())
        .isEqualTo(ResetRequest.DEFAULT_IGNORE_PARTIAL_FAILURES);
    assertThat(properties.get("validateDeviceExists").get("default").booleanValue())
        .isEqualTo(ResetRequest.DEFAULT_VALIDATE_DEVICE_EXISTS);
    assertThat(properties.get("dryRun").get("default").booleanValue())
        .isEqualTo(ResetRequest.DEFAULT_DRY_RUN);
    assertThat(properties.get("force").get("default").booleanValue())
        .isEqualTo(ResetRequest.DEFAULT_FORCE);
    assertThat(properties.get("trackSettlement").get("default").booleanValue())
        .isEqualTo(ResetRequest.DEFAULT_TRACK_SETTLEMENT);
    assertThat(properties.get("schemaVersion").get("const").intValue())
        .isEqualTo(ResetRequest.CURRENT_SCHEMA_VERSION);
    assertThat(properties.get("action").get("default").textValue())
        .isEqualTo(Action.DEFAULT.graphName());
  }

  @Test
  void everyActionFieldListsExactlyTheGraphNamesOfTheActions() {
    Set<String> graphNames = new TreeSet<>();
    Arrays.stream(Action.values()).forEach(a -> graphNames.add(a.graphName()));
    List<String> withAction =
        List.of(
            ContractResources.RESET_REQUEST_SCHEMA,
            ContractResources.REQUEST_ACCEPTED_SCHEMA,
            ContractResources.REQUEST_HELD_SCHEMA,
            ContractResources.DEVICE_OUTCOME_SCHEMA,
            ContractResources.REQUEST_COMPLETED_SCHEMA,
            ContractResources.DEVICE_SETTLED_SCHEMA,
            ContractResources.REQUEST_SETTLED_SCHEMA,
            ContractResources.REQUEST_EXPANDED_SCHEMA);

    for (String schema : withAction) {
      assertThat(textValues(properties(schema).get("action").get("enum")))
          .as(schema)
          .isEqualTo(graphNames);
    }
  }

  @Test
  void schemaEnumsEqualJavaEnums() {
    JsonNode outcome = properties(ContractResources.DEVICE_OUTCOME_SCHEMA);
    JsonNode accepted = properties(ContractResources.REQUEST_ACCEPTED_SCHEMA);
    JsonNode completed = properties(ContractResources.REQUEST_COMPLETED_SCHEMA);

    assertThat(textValues(outcome.get("status").get("enum")))
        .isEqualTo(names(OutcomeStatus.values()));
    assertThat(textValues(outcome.get("reasonCode").get("enum")))
        .isEqualTo(names(ReasonCode.values()));
    assertThat(textValues(accepted.get("lane").get("enum"))).isEqualTo(names(Lane.values()));
    assertThat(textValues(completed.get("status").get("enum")))
        .isEqualTo(names(RequestStatus.values()));
    assertThat(
            textValues(properties(ContractResources.APPROVAL_SCHEMA).get("decision").get("enum")))
        .isEqualTo(names(ApprovalDecision.values()));
    assertThat(
            textValues(
                properties(ContractResources.CANCEL_REFUSED_SCHEMA).get("refusal").get("enum")))
        .isEqualTo(names(CancelRefusal.values()));
    assertThat(
            textValues(
                properties(ContractResources.DEVICE_SETTLED_SCHEMA).get("state").get("enum")))
        .isEqualTo(names(SettleState.values()));
    assertThat(
            textValues(
                properties(ContractResources.REQUEST_EXPANDED_SCHEMA)
                    .at("/selectors/items/properties/status/enum")))
        .isEqualTo(names(SelectorStatus.values()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everySchemaIsAValidDraft202012Schema(String schema) {
    JsonSchema metaSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of(SpecVersion.VersionFlag.V202012.getId()));

    assertThat(metaSchema.validate(Fixtures.readJsonResource(schema))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everySchemaPropertyHasATitleAndADescription(String schema) {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("", Fixtures.readJsonResource(schema), undocumented);

    assertThat(undocumented).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everySchemaIsStrictAndIdentifiesItself(String schema) {
    JsonNode root = Fixtures.readJsonResource(schema);

    assertThat(root.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(root.get("$id").asText()).endsWith(schema.substring(schema.lastIndexOf('/') + 1));
    assertThat(root.get("title").asText()).isNotBlank();
    assertThat(root.get("additionalProperties").booleanValue()).isFalse();
  }

  private static void collectUndocumented(String path, JsonNode schema, List<String> out) {
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        String propertyPath = path + "/" + property.getKey();
        JsonNode definition = property.getValue();
        if (!definition.hasNonNull("title") || !definition.hasNonNull("description")) {
          out.add(propertyPath);
        }
        collectUndocumented(propertyPath, definition, out);
        if (definition.has("items")) {
          collectUndocumented(propertyPath + "[]", definition.get("items"), out);
        }
      }
    }
  }

  private static JsonNode properties(String schema) {
    return Fixtures.readJsonResource(schema).get("properties");
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> textValues(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Set<String> names(Enum<?>[] constants) {
    Set<String> names = new TreeSet<>();
    Arrays.stream(constants).forEach(c -> names.add(c.name()));
    return names;
  }
}
