package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document names every default topic, every result event and control message with its
 * CloudEvents type, and its examples match their schemas; the lists come from the code, so a topic
 * or an event added without the document fails here.
 */
class AsyncApiTest {

  private static final JsonNode DOC = Fixtures.readYamlResource(ContractResources.ASYNCAPI);

  @Test
  void documentIsAsyncApi300() {
    assertThat(DOC.get("asyncapi").asText()).isEqualTo("3.0.0");
  }

  @Test
  void channelAddressesAreExactlyTheDefaultTopics() {
    List<String> addresses = new ArrayList<>();
    DOC.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));

    assertThat(constants(Topics.class)).isNotEmpty();
    assertThat(addresses).containsExactlyInAnyOrderElementsOf(constants(Topics.class));
  }

  @Test
  void internalChannelsAndOnlyThoseAreTaggedInternal() {
    DOC.get("channels")
        .properties()
        .forEach(
            e ->
                assertThat(tagged(e.getValue(), "internal"))
                    .as(e.getKey())
                    .isEqualTo(e.getValue().get("title").asText().endsWith("(internal)")));
    assertThat(DOC.at("/components/tags/internal/name").asText()).isEqualTo("internal");
  }

  @Test
  void everyResultEventTypeIsAMessageOfTheResultsChannel() {
    assertThat(messageNames("/channels/results/messages"))
        .containsExactlyInAnyOrderElementsOf(subtypeNames(ResultEvent.class));
  }

  @Test
  void everyControlMessageTypeIsAMessageOfTheApprovalsChannel() {
    assertThat(messageNames("/channels/approvals/messages"))
        .containsExactlyInAnyOrderElementsOf(subtypeNames(ControlMessage.class));
  }

  @Test
  void everyResultEventsCloudEventTypeIsAnEventTypesConstant() {
    List<ResultEvent> events =
        SchemaDriftTest.fullyPopulatedRecords()
            .map(args -> args.get()[1])
            .filter(ResultEvent.class::isInstance)
            .map(ResultEvent.class::cast)
            .toList();

    // One sample of every subtype, so a new event type cannot slip past the checks below.
    assertThat(events)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactlyInAnyOrderElementsOf(subtypeNames(ResultEvent.class));
    assertThat(events)
        .extracting(ResultEvent::cloudEventType)
        .containsExactlyInAnyOrderElementsOf(constants(EventTypes.class));
  }

  @Test
  void everyMessageExampleMatchesItsPayloadAndHeaderSchemas() {
    List<String> checked = new ArrayList<>();
    DOC.get("components")
        .get("messages")
        .properties()
        .forEach(
            e -> {
              JsonNode message = e.getValue();
              if (!message.has("examples")) {
                return;
              }
              for (JsonNode example : message.get("examples")) {
                String what = e.getKey() + " / " + example.get("name").asText();
                assertThat(validate(message.get("payload"), example.get("payload")))
                    .as(what)
                    .isEmpty();
                if (example.has("headers")) {
                  assertThat(validate(message.get("headers"), example.get("headers")))
                      .as(what)
                      .isEmpty();
                }
                checked.add(what);
              }
            });

    assertThat(checked).isNotEmpty();
  }

  @Test
  void everyFileReferencePointsToAShippedFile() {
    Path base = Fixtures.resourcePath(ContractResources.ASYNCAPI).getParent();
    List<String> fileRefs = refs().stream().filter(ref -> !ref.startsWith("#")).toList();

    assertThat(fileRefs).isNotEmpty();
    assertThat(fileRefs)
        .allSatisfy(ref -> assertThat(base.resolve(ref).normalize()).isRegularFile());
  }

  @Test
  void everyPayloadSchemaIsReferencedByTheDocument() {
    Set<String> referenced = new TreeSet<>();
    refs().stream()
        .filter(ref -> ref.startsWith("./schemas/"))
        .forEach(ref -> referenced.add(ContractResources.SCHEMAS_DIR + ref.substring(10)));

    assertThat(referenced).containsExactlyInAnyOrderElementsOf(Fixtures.schemaResources());
  }

  @Test
  void everyLocalReferenceResolvesWithinTheDocument() {
    List<String> localRefs = refs().stream().filter(ref -> ref.startsWith("#")).toList();

    assertThat(localRefs).isNotEmpty();
    assertThat(localRefs)
        .allSatisfy(
            ref ->
                assertThat(DOC.at(JsonPointer.compile(ref.substring(1))).isMissingNode())
                    .as(ref)
                    .isFalse());
  }

  @Test
  void operationsMatchTheWorkersPointOfView() {
    JsonNode operations = DOC.get("operations");

    assertThat(operations.get("receiveResetRequests").get("action").asText()).isEqualTo("receive");
    assertThat(operations.get("sendResults").get("action").asText()).isEqualTo("send");
    assertThat(operations.get("sendDeviceTasks").get("action").asText()).isEqualTo("send");
    assertThat(operations.get("sendDeadLetters").get("action").asText()).isEqualTo("send");
    assertThat(operations.get("receiveControlMessages").get("action").asText())
        .isEqualTo("receive");
  }

  @Test
  void cloudEventHeadersSchemaListsEveryHeaderAndEventType() throws Exception {
    JsonNode headers = DOC.at("/components/schemas/CloudEventHeaders/properties");

    assertThat(fieldNames(headers))
        .containsExactlyInAnyOrder(
            CloudEventHeaders.SPECVERSION,
            CloudEventHeaders.ID,
            CloudEventHeaders.SOURCE,
            CloudEventHeaders.TYPE,
            CloudEventHeaders.TIME,
            CloudEventHeaders.SUBJECT,
            CloudEventHeaders.CONTENT_TYPE,
            "traceparent");
    assertThat(headers.get(CloudEventHeaders.SPECVERSION).get("const").asText())
        .isEqualTo(CloudEventHeaders.SPEC_VERSION);
    assertThat(headers.get(CloudEventHeaders.CONTENT_TYPE).get("const").asText())
        .isEqualTo(CloudEventHeaders.CONTENT_TYPE_JSON);
    List<String> eventTypes = new ArrayList<>();
    headers.get(CloudEventHeaders.TYPE).get("enum").forEach(t -> eventTypes.add(t.asText()));
    assertThat(eventTypes).containsExactlyInAnyOrderElementsOf(constants(EventTypes.class));
  }

  @Test
  void dlqHeadersSchemaListsEveryDlqHeader() {
    JsonNode headers = DOC.at("/components/schemas/DlqHeaders/properties");

    assertThat(fieldNames(headers))
        .containsExactlyInAnyOrder(
            DlqHeaders.REASON,
            DlqHeaders.MESSAGE,
            DlqHeaders.SOURCE_TOPIC,
            DlqHeaders.SOURCE_PARTITION,
            DlqHeaders.SOURCE_OFFSET,
            DlqHeaders.FAILED_AT,
            DlqHeaders.TRUNCATED_FROM);
  }

  @Test
  void deviceTaskSchemaDescribesTheInternalPayload() {
    JsonNode deviceTask = DOC.at("/components/schemas/DeviceTask");

    // The worker's AsyncApiCoverageTest holds these to the record's JSON; this guards the tag.
    assertThat(fieldNames(deviceTask.get("properties")))
        .containsExactlyInAnyOrder(
            "requestId",
            "deviceId",
            "deviceIndex",
            "deviceCount",
            "lane",
            "acceptedAt",
            "deadline",
            "requestedBy",
            "reason",
            "source",
            "ignorePartialFailures",
            "validateDeviceExists",
            "dryRun",
            "prevalidated",
            "operatingSystem",
            "force",
            "passcodeRecipient",
            "traceparent");
    assertThat(deviceTask.get("description").asText()).containsIgnoringCase("internal");
  }

  @Test
  void ofTheResultEventsOnlyCancelAppliedIsTaggedInternal() {
    List<String> internal = new ArrayList<>();
    DOC.at("/channels/results/messages")
        .forEach(
            m -> {
              if (tagged(resolve(m), "internal")) {
                internal.add(resolve(m).get("name").asText());
              }
            });

    // The worker's own progress: on the public topic, but consumers may ignore it.
    assertThat(internal).containsExactly("CancelApplied");
  }

  @Test
  void cancelOrderSchemaDescribesTheInternalPayload() {
    JsonNode cancelOrder = DOC.at("/components/schemas/CancelOrder");

    assertThat(fieldNames(cancelOrder.get("properties")))
        .containsExactlyInAnyOrder("requestId", "canceledBy", "reason", "orderedAt");
    assertThat(textValues(cancelOrder.get("required")))
        .containsExactlyInAnyOrder("requestId", "canceledBy", "reason", "orderedAt");
    assertThat(cancelOrder.get("description").asText()).containsIgnoringCase("internal");
    assertThat(DOC.at("/channels/cancellations/address").asText()).isEqualTo(Topics.CANCELLATIONS);
  }

  @Test
  void cancellationsAreWrittenByTheIntakeAndReadByEveryDispatcher() {
    JsonNode operations = DOC.get("operations");

    assertThat(operations.at("/sendCancellations/action").asText()).isEqualTo("send");
    assertThat(operations.at("/receiveCancellations/action").asText()).isEqualTo("receive");
    assertThat(operations.at("/receiveControlMessages/messages").toString())
        .contains("#/channels/approvals/messages/cancel");
  }

  /** The public static String constants of {@code holder}: topic names, event types. */
  private static List<String> constants(Class<?> holder) {
    List<String> values = new ArrayList<>();
    for (Field f : holder.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class) {
        try {
          values.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return values;
  }

  /** The JSON type names of a sealed, Jackson-routed supertype's permitted subtypes. */
  private static List<String> subtypeNames(Class<?> sealed) {
    Set<Class<?>> permitted = Set.of(sealed.getPermittedSubclasses());
    List<String> names = new ArrayList<>();
    for (JsonSubTypes.Type t : sealed.getAnnotation(JsonSubTypes.class).value()) {
      assertThat(permitted).as(sealed.getSimpleName()).contains(t.value());
      names.add(t.name());
    }
    assertThat(names).hasSameSizeAs(permitted);
    return names;
  }

  /** The names of the messages a channel lists, following each reference to its component. */
  private static List<String> messageNames(String channelMessages) {
    List<String> names = new ArrayList<>();
    DOC.at(channelMessages).forEach(m -> names.add(resolve(m).get("name").asText()));
    return names;
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : resolve(DOC.at(ref.asText().substring(1)));
  }

  private static boolean tagged(JsonNode node, String tag) {
    List<String> tags = new ArrayList<>();
    if (node.has("tags")) {
      node.get("tags").forEach(t -> tags.add(resolve(t).get("name").asText()));
    }
    return tags.contains(tag);
  }

  /**
   * Validates {@code value} against a message's payload or headers schema: a shipped schema file,
   * or one of the document's own schemas, resolved with the document's components around it.
   */
  private static Set<ValidationMessage> validate(JsonNode schema, JsonNode value) {
    String ref = schema.has("$ref") ? schema.get("$ref").asText() : "";
    if (ref.startsWith("./schemas/")) {
      return Fixtures.validate(ContractResources.SCHEMAS_DIR + ref.substring(10), value);
    }
    ObjectNode root = ((ObjectNode) schema).deepCopy();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.putObject("components").set("schemas", DOC.at("/components/schemas"));
    return Fixtures.inlineSchema(root).validate(value);
  }

  private static List<String> refs() {
    List<String> refs = new ArrayList<>();
    collectRefs(DOC, refs);
    return refs;
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, out));
    }
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
