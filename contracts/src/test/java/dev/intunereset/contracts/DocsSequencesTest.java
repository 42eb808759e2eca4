package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event sequence shown in docs/contracts.md (a JSON array after a {@code <!-- sequence: name
 * -->} comment) is what a consumer of one results partition reads: each event valid against its
 * schema and read into its record, in the order and with the counts the settlement rules state.
 */
class DocsSequencesTest {
  private static Map<String, JsonNode> sequences() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (DocsExamplesTest.Example e : DocsExamplesTest.marked("sequence", "[a-z-]+")) {
      out.put(e.schema(), Fixtures.JSON.readTree(e.json()));
    }
    return out;
  }

  private static List<ResultEvent> events(JsonNode sequence) throws IOException {
    List<ResultEvent> events = new ArrayList<>();
    for (JsonNode node : sequence) {
      events.add(Fixtures.JSON.treeToValue(node, ResultEvent.class));
    }
    return events;
  }

  @Test
  void docShowsBothSettlementSequences() throws IOException {
    assertThat(sequences()).containsOnlyKeys("one-done-one-unconfirmed", "untracked");
  }

  @Test
  void everyEventOfASequenceValidatesAgainstTheSchemaItsTypeNames() throws IOException {
    for (Map.Entry<String, JsonNode> sequence : sequences().entrySet()) {
      assertThat(sequence.getValue().isArray()).as(sequence.getKey()).isTrue();
      for (JsonNode event : sequence.getValue()) {
        String schema = ContractResources.SCHEMAS_DIR + kebab(event.get("type").asText());
        assertThat(Fixtures.validate(schema + ".v1.schema.json", event))
            .as("%s: %s", sequence.getKey(), event.get("type"))
            .isEmpty();
      }
    }
  }

  @Test
  void everySequenceKeepsTheSettlementOrderAndCounts() throws IOException {
    for (Map.Entry<String, JsonNode> sequence : sequences().entrySet()) {
      assertSettlementRules(sequence.getKey(), events(sequence.getValue()));
    }
  }

  @Test
  void theFirstSequenceSettlesOneDeviceDoneAndOneUnconfirmedAtItsDeadline() throws IOException {
    List<ResultEvent> events = events(sequences().get("one-done-one-unconfirmed"));
    RequestAccepted accepted = (RequestAccepted) events.get(0);
    List<DeviceSettled> settled = only(events, DeviceSettled.class);

    assertThat(settled)
        .extracting(DeviceSettled::state)
        .containsExactly(SettleState.DONE, SettleState.UNCONFIRMED);
    DeviceSettled unconfirmed = settled.get(1);
    assertThat(unconfirmed.settledAt())
        .isEqualTo(
            unconfirmed.issuedAt().plus(Durations.parse(accepted.settleTimeout()).orElseThrow()));
    assertThat(unconfirmed.tookSeconds()).isNull();
    DeviceSettled done = settled.get(0);
    assertThat(done.tookSeconds())
        .isEqualTo(
            java.time.Duration.between(done.startDateTime(), done.lastUpdatedDateTime())
                .toSeconds());
  }

  @Test
  void theUntrackedSequenceSettlesNoDeviceRightAfterItsSummary() throws IOException {
    List<ResultEvent> events = events(sequences().get("untracked"));
    RequestSettled last = (RequestSettled) events.get(events.size() - 1);

    assertThat(events.get(events.size() - 2)).isInstanceOf(RequestCompleted.class);
    assertThat(last.tracked()).isFalse();
    assertThat(last.devices()).isZero();
    assertThat(((RequestAccepted) events.get(0)).settleTimeout()).isNull();
  }

  /** The rules of docs/contracts.md#settlement, on the events of one request in order. */
  private static void assertSettlementRules(String name, List<ResultEvent> events) {
    assertThat(events)
        .as(name)
        .extracting(ResultEvent::requestId)
        .containsOnly(events.get(0).requestId());
    assertThat(events.get(0)).as(name).isInstanceOf(RequestAccepted.class);
    RequestAccepted accepted = (RequestAccepted) events.get(0);
    int completedAt = indexOf(events, RequestCompleted.class);
    RequestCompleted completed = (RequestCompleted) events.get(completedAt);
    List<DeviceOutcome> outcomes = only(events, DeviceOutcome.class);
    List<DeviceSettled> settled = only(events, DeviceSettled.class);

    // Graph answered for every device before the summary.
    assertThat(outcomes).as(name).hasSize(accepted.deviceCount());
    assertThat(lastIndexOf(events, DeviceOutcome.class)).as(name).isLessThan(completedAt);
    long succeeded = outcomes.stream().filter(o -> o.status() == OutcomeStatus.SUCCEEDED).count();
    assertThat(completed.counts().succeeded()).as(name).isEqualTo((int) succeeded);

    // Settlements only after the summary, RequestSettled last.
    ResultEvent last = events.get(events.size() - 1);
    assertThat(last).as(name).isInstanceOf(RequestSettled.class);
    assertThat(only(events, RequestSettled.class)).as(name).hasSize(1);
    for (int i = 0; i < completedAt; i++) {
      assertThat(events.get(i)).as(name).isNotInstanceOf(DeviceSettled.class);
    }

    // Exactly one DeviceSettled per SUCCEEDED outcome of a tracked request, and none otherwise.
    RequestSettled summary = (RequestSettled) last;
    assertThat(summary.tracked()).as(name).isEqualTo(accepted.tracksSettlement());
    List<String> expectedDevices =
        accepted.tracksSettlement()
            ? outcomes.stream()
                .filter(o -> o.status() == OutcomeStatus.SUCCEEDED)
                .map(DeviceOutcome::deviceId)
                .toList()
            : List.of();
    assertThat(settled)
        .as(name)
        .extracting(DeviceSettled::deviceId)
        .containsExactlyInAnyOrderElementsOf(expectedDevices);
    for (DeviceSettled s : settled) {
      DeviceOutcome outcome =
          outcomes.stream()
              .filter(o -> o.deviceId().equals(s.deviceId()))
              .findFirst()
              .orElseThrow();
      assertThat(s.issuedAt()).as("%s: %s", name, s.deviceId()).isEqualTo(outcome.completedAt());
      assertThat(s.settledAt()).as(name).isAfterOrEqualTo(s.issuedAt());
    }

    // The summary counts what the settlements say.
    RequestSettled.Counts counts = RequestSettled.Counts.NONE;
    for (DeviceSettled s : settled) {
      counts = counts.plus(s.state());
    }
    assertThat(summary.counts()).as(name).isEqualTo(counts);
    assertThat(summary.devices()).as(name).isEqualTo(settled.size());
    assertThat(summary.acceptedAt()).as(name).isEqualTo(accepted.acceptedAt());
    Instant lastSettled =
        settled.stream().map(DeviceSettled::settledAt).max(Instant::compareTo).orElse(null);
    if (lastSettled != null) {
      assertThat(summary.settledAt()).as(name).isEqualTo(lastSettled);
    } else {
      assertThat(summary.settledAt()).as(name).isAfterOrEqualTo(completed.completedAt());
    }
  }

  private static <T> List<T> only(List<ResultEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static int indexOf(List<ResultEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName());
  }

  private static int lastIndexOf(List<ResultEvent> events, Class<?> type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code DeviceSettled} to {@code device-settled}, as the schema files are named. */
  private static String kebab(String type) {
    return type.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
