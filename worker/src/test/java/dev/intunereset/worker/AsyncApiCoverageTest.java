package dev.intunereset.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.intunereset.contracts.ContractResources;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.worker.approval.HeldRequest;
import dev.intunereset.worker.cancel.CancelOrder;
import dev.intunereset.worker.config.ConfigKey;
import dev.intunereset.worker.config.ConfigKeys;
import dev.intunereset.worker.config.ConfigReader;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.guard.BrakeState;
import dev.intunereset.worker.messaging.Json;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.RequestOptions;
import dev.intunereset.worker.task.ValidationTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contracts' AsyncAPI document describes every topic the worker is configured with and the
 * exact JSON of its internal records, so a topic or a task field added to the worker without the
 * document fails here.
 */
class AsyncApiCoverageTest {
  private static final JsonNode DOC = readAsyncApi();
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final String DEVICE = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e1";

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void everyTopicKeysDefaultIsAChannel() {
    List<String> defaults =
        ConfigKeys.ALL.stream()
            .filter(k -> k.name().startsWith("TOPIC_"))
            .map(ConfigKey::defaultValue)
            .toList();

    assertThat(defaults).as("defaults of the TOPIC_ keys").isNotEmpty();
    assertThat(addresses()).as("AsyncAPI channel addresses").containsAll(defaults);
  }

  @Test
  void everyTopicOfTheDefaultConfigurationIsAChannel() {
    WorkerConfig config =
        ConfigReader.read(Map.of("GRAPH_AUTH_MODE", "static-token", "GRAPH_STATIC_TOKEN", "t"));
    List<String> topics = new ArrayList<>();
    for (Record settings : List.of(config.kafka(), config.guards())) {
      topics.addAll(topicsOf(settings));
    }

    // Every topic the worker reads or writes comes from one of these two records.
    assertThat(topics).hasSizeGreaterThanOrEqualTo(8);
    assertThat(addresses()).as("AsyncAPI channel addresses").containsAll(topics);
  }

  @Test
  void deviceTaskSchemaListsTheTasksJsonInWireOrder() {
    RequestOptions all =
        RequestOptions.NONE
            .withIgnorePartialFailures(true)
            .withValidateDeviceExists(true)
            .withDryRun(true)
            .withForce(true)
            .deliveredTo("servicenow");
    DeviceTask full =
        DeviceTask.of(
                new RequestRef(REQUEST, "agent@contoso.com", "INC1", "servicenow", AT, TRACEPARENT),
                AT,
                all,
                Lane.INTERACTIVE,
                DEVICE,
                0,
                1)
            .validated("Android");
    DeviceTask minimal =
        DeviceTask.of(request(null), AT, RequestOptions.NONE, Lane.BULK, DEVICE, 0, 1);
    JsonNode schema = DOC.at("/components/schemas/DeviceTask");

    assertThat(fieldNames(write(full))).isEqualTo(fieldNames(schema.get("properties")));
    assertThat(fieldNames(write(minimal))).isEqualTo(textValues(schema.get("required")));
  }

  @Test
  void validationTaskSchemaListsTheTasksJson() {
    ValidationTask task =
        new ValidationTask(
            DeviceTask.of(request(null), AT, RequestOptions.NONE, Lane.BULK, DEVICE, 0, 1),
            List.of(DEVICE));
    JsonNode schema = DOC.at("/components/schemas/ValidationTask");

    assertThat(fieldNames(write(task))).isEqualTo(fieldNames(schema.get("properties")));
    assertThat(schema.at("/properties/first/$ref").asText())
        .isEqualTo("#/components/schemas/DeviceTask");
  }

  @Test
  void taskKindHeadersNameTheWorkersKinds() {
    String header = DeviceTask.KIND_HEADER;

    assertThat(
            DOC.at("/components/schemas/DeviceTaskHeaders/properties/" + header + "/const")
                .asText())
        .isEqualTo(DeviceTask.KIND);
    assertThat(
            DOC.at("/components/schemas/ValidationTaskHeaders/properties/" + header + "/const")
                .asText())
        .isEqualTo(ValidationTask.KIND);
  }

  @Test
  void brakeStateSchemaListsTheStatesJson() {
    BrakeState released = new BrakeState(false, REQUEST, AT, AT, "soc-lead@contoso.com");
    JsonNode schema = DOC.at("/components/schemas/BrakeState");

    assertThat(fieldNames(write(released))).isEqualTo(fieldNames(schema.get("properties")));
    assertThat(fieldNames(write(BrakeState.INITIAL))).isEqualTo(textValues(schema.get("required")));
  }

  @Test
  void heldRequestSchemaListsTheHoldsJson() {
    JsonNode schema = DOC.at("/components/schemas/HeldRequest");

    assertThat(fieldNames(write(held(TRACEPARENT))))
        .isEqualTo(fieldNames(schema.get("properties")));
    assertThat(fieldNames(write(held(null)))).isEqualTo(textValues(schema.get("required")));
  }

  @Test
  void cancelOrderSchemaListsTheOrdersJson() {
    CancelOrder order = new CancelOrder(REQUEST, "soc-lead@contoso.com", "wrong group", AT);
    JsonNode schema = DOC.at("/components/schemas/CancelOrder");

    assertThat(fieldNames(write(order))).isEqualTo(fieldNames(schema.get("properties")));
    assertThat(fieldNames(write(order))).isEqualTo(textValues(schema.get("required")));
  }

  private static HeldRequest held(String traceparent) {
    return HeldRequest.of(
        REQUEST,
        250,
        "analyst@contoso.com",
        "INC1",
        null,
        "{}".getBytes(StandardCharsets.UTF_8),
        AT,
        AT.plusSeconds(60),
        traceparent);
  }

  @Test
  void internalExamplesAreWhatTheWorkerWrites() {
    Map<String, Class<?>> records =
        Map.of(
            "DeviceTask", DeviceTask.class,
            "ValidationTask", ValidationTask.class,
            "BrakeState", BrakeState.class,
            "HeldRequest", HeldRequest.class,
            "CancelOrder", CancelOrder.class);
    List<String> checked = new ArrayList<>();
    records.forEach(
        (message, type) -> {
          for (JsonNode example : DOC.at("/components/messages/" + message + "/examples")) {
            String json = example.get("payload").toString();
            Object read = Json.read(json.getBytes(StandardCharsets.UTF_8), type);

            // Byte for byte: the same fields, in the worker's order, absent ones left out.
            assertThat(new String(Json.write(read), StandardCharsets.UTF_8))
                .as(message + " / " + example.get("name").asText())
                .isEqualTo(json);
            checked.add(message);
          }
        });

    assertThat(checked).containsAll(records.keySet());
  }

  private static RequestRef request(String source) {
    return new RequestRef(REQUEST, "agent@contoso.com", "INC1", source, AT);
  }

  /** The String components of a settings record whose names end in "Topic". */
  private static List<String> topicsOf(Record settings) {
    List<String> topics = new ArrayList<>();
    for (RecordComponent c : settings.getClass().getRecordComponents()) {
      if (c.getName().endsWith("Topic") && c.getType() == String.class) {
        try {
          topics.add((String) c.getAccessor().invoke(settings));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return topics;
  }

  private static List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    DOC.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
    return addresses;
  }

  private static JsonNode write(Object value) {
    return Json.mapper().valueToTree(value);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static JsonNode readAsyncApi() {
    try (InputStream in = ContractResources.class.getResourceAsStream(ContractResources.ASYNCAPI)) {
      if (in == null) {
        throw new IllegalStateException("the contracts jar has no " + ContractResources.ASYNCAPI);
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
