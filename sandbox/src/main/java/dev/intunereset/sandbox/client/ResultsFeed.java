package dev.intunereset.sandbox.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the results topic the way a downstream consumer should: {@code read_committed}, from the
 * beginning, in its own throwaway group. Not thread-safe.
 */
public final class ResultsFeed implements AutoCloseable {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final KafkaConsumer<byte[], byte[]> consumer;

  public ResultsFeed(String bootstrapServers) {
    this(bootstrapServers, Topics.RESULTS);
  }

  public ResultsFeed(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "results-feed-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Events that arrived within the timeout, in partition order. */
  public List<ResultEvent> poll(Duration timeout) {
    List<ResultEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      events.add(parse(r.value()));
    }
    return events;
  }

  /** Raw records, for tests that look at keys and headers. */
  public List<ConsumerRecord<byte[], byte[]>> pollRecords(Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    consumer.poll(timeout).forEach(out::add);
    return out;
  }

  public static ResultEvent parse(byte[] json) {
    try {
      return MAPPER.readValue(json, ResultEvent.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable result event", e);
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
