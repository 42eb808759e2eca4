package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

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

    assertThat(addresses)
        .containsExactlyInAnyOrder(
            Topics.REQUESTS,
            Topics.DEVICE_TASKS,
            Topics.RESULTS,
            Topics.APPROVALS,
            Topics.REQUESTS_DLQ);
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
            CloudEventHeaders.CONTENT_TYPE);
    assertThat(headers.get(CloudEventHeaders.SPECVERSION).get("const").asText())
        .isEqualTo(CloudEventHeaders.SPEC_VERSION);
    assertThat(headers.get(CloudEventHeaders.CONTENT_TYPE).get("const").asText())
        .isEqualTo(CloudEventHeaders.CONTENT_TYPE_JSON);
    List<String> eventTypes = new ArrayList<>();
    headers.get(CloudEventHeaders.TYPE).get("enum").forEach(t -> eventTypes.add(t.asText()));
    assertThat(eventTypes)
        .containsExactlyInAnyOrder(
            EventTypes.DEVICE_OUTCOME,
            EventTypes.REQUEST_ACCEPTED,
            EventTypes.REQUEST_REJECTED,
            EventTypes.REQUEST_COMPLETED,
            EventTypes.REQUEST_HELD,
            EventTypes.REQUEST_APPROVED,
            EventTypes.REQUEST_DENIED,
            EventTypes.REQUEST_EXPIRED,
            EventTypes.BRAKE_ENGAGED,
            EventTypes.BRAKE_RELEASED);
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
            "force");
    assertThat(deviceTask.get("description").asText()).containsIgnoringCase("internal");
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

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
