package dev.intunereset.worker.messaging;

import dev.intunereset.contracts.CloudEventHeaders;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.ResultEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns result events into Kafka records keyed by request id, with CloudEvents binary-mode headers
 * so consumers can route by type without parsing the payload.
 */
public final class ResultRecords {
  private static final Logger log = LoggerFactory.getLogger(ResultRecords.class);

  public static final String EVENT_SOURCE = "urn:intunereset:passcode-reset-worker";

  private final String topic;
  private final Clock clock;

  public ResultRecords(String topic, Clock clock) {
    this.topic = topic;
    this.clock = clock;
  }

  /** The event's record; an outcome carries its request's trace context, if any. */
  /** The result event a record holds, or null (logged) when it cannot be read. */
  public static ResultEvent read(ConsumerRecord<byte[], byte[]> record) {
    try {
      return Json.read(record.value(), ResultEvent.class);
    } catch (RuntimeException e) {
      log.warn(
          "skipping unreadable result event at {}-{}@{}",
          record.topic(),
          record.partition(),
          record.offset());
      return null;
    }
  }

  public ProducerRecord<byte[], byte[]> record(ResultEvent event) {
    return record(event, event instanceof DeviceOutcome o ? o.request().traceparent() : null);
  }

  /** The event's record, in the trace {@code traceparent} names (none if null). */
  public ProducerRecord<byte[], byte[]> record(ResultEvent event, String traceparent) {
    RecordHeaders headers = new RecordHeaders();
    add(headers, CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION);
    add(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
    add(headers, CloudEventHeaders.SOURCE, EVENT_SOURCE);
    add(headers, CloudEventHeaders.TYPE, event.cloudEventType());
    add(headers, CloudEventHeaders.TIME, clock.instant().toString());
    add(headers, CloudEventHeaders.SUBJECT, subject(event));
    add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
    TraceHeaders.put(headers, traceparent);
    byte[] key = event.requestId().toString().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, key, Json.write(event), headers);
  }

  private static String subject(ResultEvent event) {
    // The device for device events (what routers filter on), the request for request events.
    if (event instanceof DeviceOutcome o) {
      return o.deviceId();
    }
    return event instanceof DeviceSettled s ? s.deviceId() : event.requestId().toString();
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
