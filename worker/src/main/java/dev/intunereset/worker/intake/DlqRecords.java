package dev.intunereset.worker.intake;

import dev.intunereset.contracts.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter records: the original key, bytes and headers, plus error headers. */
final class DlqRecords {
  private final String topic;

  DlqRecords(String topic) {
    this.topic = topic;
  }

  ProducerRecord<byte[], byte[]> record(
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
    return new ProducerRecord<>(topic, null, original.key(), original.value(), headers);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
