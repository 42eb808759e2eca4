package dev.intunereset.worker.messaging;

import dev.intunereset.contracts.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter records: the original key, bytes and headers, plus error headers. */
public final class DlqRecords {
  /** Set when the payload was cut to the size limit; its value is the original size in bytes. */
  static final String TRUNCATED_FROM = DlqHeaders.TRUNCATED_FROM;

  private final String topic;
  private final int maxValueBytes;

  public DlqRecords(String topic, int maxValueBytes) {
    this.topic = topic;
    this.maxValueBytes = maxValueBytes;
  }

  public ProducerRecord<byte[], byte[]> record(
      ConsumerRecord<byte[], byte[]> original, String reason, String message, Instant at) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : original.headers()) {
      headers.add(h.key(), h.value());
    }
    add(headers, DlqHeaders.REASON, reason);
    add(headers, DlqHeaders.MESSAGE, message);
    add(headers, DlqHeaders.SOURCE_TOPIC, original.topic());
    add(headers, DlqHeaders.SOURCE_PARTITION, Integer.toString(original.partition()));
    add(headers, DlqHeaders.SOURCE_OFFSET, Long.toString(original.offset()));
    add(headers, DlqHeaders.FAILED_AT, at.toString());
    byte[] value = original.value();
    // An oversized message is kept up to the request size limit, so that the DLQ write itself
    // can never be too large and stall the partition; the header says what was cut.
    if (value != null && value.length > maxValueBytes) {
      add(headers, TRUNCATED_FROM, Integer.toString(value.length));
      value = Arrays.copyOf(value, maxValueBytes);
    }
    return new ProducerRecord<>(topic, null, original.key(), value, headers);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
