package dev.intunereset.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.CloudEventHeaders;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.EventTypes;
import dev.intunereset.contracts.GraphCallFacts;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRef;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SettleState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class ResultRecordsTest {
  private static final String TOPIC = "passcode-reset.results";
  private static final UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  private static final String DEVICE = "0a1b2c3d-4e5f-4a6b-8c7d-0000000000e1";
  private static final Instant ACCEPTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.891Z");

  private final ResultRecords records = new ResultRecords(TOPIC, Clock.fixed(NOW, ZoneOffset.UTC));

  private static DeviceOutcome outcome() {
    return DeviceOutcome.of(
            new RequestRef(REQUEST, "agent@contoso.com", "INC1", "servicenow", ACCEPTED),
            DEVICE,
            OutcomeStatus.SUCCEEDED,
            ReasonCode.RESET_ISSUED,
            "Graph accepted the passcode reset",
            ACCEPTED.plusSeconds(2))
        .withGraph(new GraphCallFacts(204, null, "graph-req-1", "client-req-1"))
        .withAttempts(1, ACCEPTED.plusSeconds(1))
        .withOperatingSystem("Android");
  }

  private static RequestAccepted accepted() {
    return new RequestAccepted(
        REQUEST,
        3,
        1,
        Lane.INTERACTIVE,
        false,
        false,
        ACCEPTED,
        ACCEPTED.plusSeconds(3600),
        "agent@contoso.com",
        "INC1",
        null);
  }

  private static RequestRejected rejected() {
    return new RequestRejected(
        REQUEST,
        List.of(new RequestRejected.Problem("deviceIds[0]", "not a GUID")),
        ACCEPTED,
        null,
        null);
  }

  private static RequestCompleted completed() {
    return new RequestCompleted(
        REQUEST,
        RequestStatus.COMPLETED,
        2,
        new RequestCompleted.Counts(2, 0, 0, 0),
        ACCEPTED,
        ACCEPTED.plusSeconds(10),
        "agent@contoso.com",
        "INC1",
        null);
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header[] all = r.headers().toArray();
    List<Header> matching = java.util.Arrays.stream(all).filter(h -> h.key().equals(name)).toList();
    assertThat(matching).as("headers named %s", name).hasSize(1);
    return new String(matching.get(0).value(), StandardCharsets.UTF_8);
  }

  @Test
  void writesToTheConfiguredTopicKeyedByRequestId() {
    ProducerRecord<byte[], byte[]> r = records.record(outcome());

    assertThat(r.topic()).isEqualTo(TOPIC);
    assertThat(r.partition()).isNull();
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(REQUEST.toString());
  }

  @Test
  void anOutcomeCarriesTheTraceItsRequestArrivedIn() {
    String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    DeviceOutcome traced =
        DeviceOutcome.of(
            new RequestRef(REQUEST, "agent@contoso.com", "INC1", "servicenow", ACCEPTED, trace),
            DEVICE,
            OutcomeStatus.SUCCEEDED,
            ReasonCode.RESET_ISSUED,
            "Graph accepted the passcode reset",
            ACCEPTED.plusSeconds(2));

    ProducerRecord<byte[], byte[]> r = records.record(traced);

    assertThat(header(r, "traceparent")).isEqualTo(trace);
    assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("traceparent");
  }

  @Test
  void aRequestEventCarriesTheTraceItIsGivenAndNoneWithout() {
    String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    assertThat(header(records.record(accepted(), trace), "traceparent")).isEqualTo(trace);
    assertThat(records.record(accepted()).headers().lastHeader("traceparent")).isNull();
    assertThat(records.record(outcome()).headers().lastHeader("traceparent")).isNull();
  }

  @Test
  void carriesCloudEventsSpecVersion() {
    assertThat(header(records.record(outcome()), CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
  }

  @Test
  void carriesAFreshUuidAsEventId() {
    String first = header(records.record(outcome()), CloudEventHeaders.ID);
    String second = header(records.record(outcome()), CloudEventHeaders.ID);

    assertThat(UUID.fromString(first).toString()).isEqualTo(first);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void carriesTheWorkerAsSource() {
    assertThat(header(records.record(accepted()), CloudEventHeaders.SOURCE))
        .isEqualTo(ResultRecords.EVENT_SOURCE);
  }

  @Test
  void carriesTheEventsOwnType() {
    assertThat(header(records.record(outcome()), CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.DEVICE_OUTCOME);
    assertThat(header(records.record(accepted()), CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.REQUEST_ACCEPTED);
    assertThat(header(records.record(rejected()), CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.REQUEST_REJECTED);
    assertThat(header(records.record(completed()), CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.REQUEST_COMPLETED);
  }

  @Test
  void carriesTheTimeFromTheInjectedClock() {
    assertThat(header(records.record(outcome()), CloudEventHeaders.TIME))
        .isEqualTo("2026-03-04T05:06:07.891Z");
  }

  @Test
  void carriesJsonContentType() {
    assertThat(header(records.record(accepted()), CloudEventHeaders.CONTENT_TYPE))
        .isEqualTo("application/json");
  }

  @Test
  void subjectOfARequestEventIsTheRequestId() {
    assertThat(header(records.record(accepted()), CloudEventHeaders.SUBJECT))
        .isEqualTo(REQUEST.toString());
    assertThat(header(records.record(completed()), CloudEventHeaders.SUBJECT))
        .isEqualTo(REQUEST.toString());
  }

  @Test
  void subjectOfADeviceOutcomeNamesTheDevice() {
    assertThat(header(records.record(outcome()), CloudEventHeaders.SUBJECT)).contains(DEVICE);
  }

  @Test
  void subjectOfADeviceOutcomeIsTheDeviceIdAsTheContractSays() {
    assertThat(header(records.record(outcome()), CloudEventHeaders.SUBJECT)).isEqualTo(DEVICE);
  }

  @Test
  void subjectOfADeviceSettledIsTheDeviceIdLikeItsOutcome() {
    DeviceSettled settled =
        new DeviceSettled(
            REQUEST,
            DEVICE,
            SettleState.DONE,
            "done",
            null,
            ACCEPTED.plusSeconds(1),
            ACCEPTED.plusSeconds(60),
            59L,
            ACCEPTED.plusSeconds(2),
            ACCEPTED.plusSeconds(120),
            2,
            "the device applied the passcode reset");

    assertThat(header(records.record(settled), CloudEventHeaders.SUBJECT)).isEqualTo(DEVICE);
  }

  @Test
  void carriesExactlyTheSevenCloudEventsHeaders() {
    assertThat(records.record(outcome()).headers().toArray())
        .extracting(Header::key)
        .containsExactlyInAnyOrder(
            CloudEventHeaders.SPECVERSION,
            CloudEventHeaders.ID,
            CloudEventHeaders.SOURCE,
            CloudEventHeaders.TYPE,
            CloudEventHeaders.TIME,
            CloudEventHeaders.SUBJECT,
            CloudEventHeaders.CONTENT_TYPE);
  }

  @Test
  void valueParsesBackToTheSameDeviceOutcome() {
    DeviceOutcome event = outcome();

    assertThat(Json.read(records.record(event).value(), ResultEvent.class)).isEqualTo(event);
  }

  @Test
  void valueParsesBackToTheSameRequestEvents() {
    for (ResultEvent event : List.of(accepted(), rejected(), completed())) {
      assertThat(Json.read(records.record(event).value(), ResultEvent.class)).isEqualTo(event);
    }
  }

  @Test
  void valueNamesItsTypeForConsumersWithoutHeaders() {
    String json = new String(records.record(outcome()).value(), StandardCharsets.UTF_8);

    assertThat(json).contains("\"type\":\"DeviceOutcome\"");
  }
}
