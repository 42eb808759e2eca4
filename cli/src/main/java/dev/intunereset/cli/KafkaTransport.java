package dev.intunereset.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.ResultEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The real {@link Transport}: a plain Kafka producer and an assign-only consumer. */
final class KafkaTransport implements Transport {

  @Override
  public RequestSender sender(KafkaSettings settings, String topic) {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "passcode-reset-cli");
    // A request is only handed over once every in-sync replica has it.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    long connectMs = settings.connectTimeout().toMillis();
    // Bounds the wait for metadata, i.e. for an unreachable broker or a missing topic.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, connectMs);
    long requestMs = Math.min(connectMs, 30_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestMs);
    config.putIfAbsent(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.min(requestMs + connectMs + 1_000, Integer.MAX_VALUE));
    KafkaProducer<byte[], byte[]> producer =
        construct(
            settings,
            () ->
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
    return new Sender(producer, topic, settings);
  }

  @Override
  public ResultSource results(
      KafkaSettings settings, String topic, UUID requestId, PrintWriter warnings) {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "passcode-reset-cli-watch");
    // The worker writes in transactions; only committed events are facts.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Partitions are assigned, not subscribed: no group, nothing committed, nothing to clean up.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.putIfAbsent(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.connectTimeout().toMillis());
    KafkaConsumer<byte[], byte[]> consumer =
        construct(
            settings,
            () ->
                new KafkaConsumer<>(
                    config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    try {
      return new Source(consumer, topic, requestId, settings, warnings);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  private static <T> T construct(KafkaSettings settings, Supplier<T> client) {
    try {
      return client.get();
    } catch (KafkaException e) {
      String message = Errors.describe(e);
      if (message.contains("bootstrap")) {
        throw new CliException(
            ExitCodes.KAFKA,
            "cannot connect to Kafka at " + settings.bootstrapServers() + ": " + message,
            e);
      }
      if (e instanceof ConfigException || e.getCause() instanceof ConfigException) {
        throw new CliException(ExitCodes.USAGE, "invalid Kafka client setting: " + message, e);
      }
      throw new CliException(ExitCodes.KAFKA, "cannot create the Kafka client: " + message, e);
    }
  }

  /** Maps a Kafka failure to a one-line message and exit code. */
  static CliException translate(Throwable e, KafkaSettings settings, String doing) {
    String where = " (Kafka at " + settings.bootstrapServers() + ")";
    if (e instanceof TimeoutException) {
      return new CliException(
          ExitCodes.KAFKA,
          doing
              + ": no answer within "
              + Durations.format(settings.connectTimeout())
              + where
              + ": "
              + Errors.describe(e)
              + " Is the broker reachable and does the topic exist? See --bootstrap-servers,"
              + " --kafka-property and --connect-timeout.",
          e);
    }
    if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
      return new CliException(
          ExitCodes.KAFKA, doing + ": access denied" + where + ": " + Errors.describe(e), e);
    }
    if (e instanceof RecordTooLargeException) {
      return new CliException(
          ExitCodes.INVALID,
          doing + ": the request is too large" + where + ": " + e.getMessage(),
          e);
    }
    return new CliException(
        ExitCodes.KAFKA, doing + " failed" + where + ": " + Errors.describe(e), e);
  }

  private static final class Sender implements RequestSender {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final KafkaSettings settings;

    Sender(KafkaProducer<byte[], byte[]> producer, String topic, KafkaSettings settings) {
      this.producer = producer;
      this.topic = topic;
      this.settings = settings;
    }

    @Override
    public void send(String key, byte[] value) {
      byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
      String doing = "publishing to " + topic;
      try {
        producer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
      } catch (ExecutionException e) {
        throw translate(e.getCause(), settings, doing);
      } catch (KafkaException e) {
        throw translate(e, settings, doing);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCodes.KAFKA, doing + ": interrupted", e);
      }
    }

    @Override
    public void close() {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private static final class Source implements ResultSource {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final UUID requestId;
    private final String wantedKey;
    private final KafkaSettings settings;
    private final PrintWriter warnings;
    private final Map<TopicPartition, Long> endOffsets;
    private boolean caughtUp;

    Source(
        KafkaConsumer<byte[], byte[]> consumer,
        String topic,
        UUID requestId,
        KafkaSettings settings,
        PrintWriter warnings) {
      this.consumer = consumer;
      this.topic = topic;
      this.requestId = requestId;
      this.wantedKey = requestId.toString().toLowerCase(Locale.ROOT);
      this.settings = settings;
      this.warnings = warnings;
      String doing = "reading " + topic;
      try {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, settings.connectTimeout());
        if (partitions == null || partitions.isEmpty()) {
          throw new CliException(
              ExitCodes.KAFKA,
              "topic "
                  + topic
                  + " does not exist at "
                  + settings.bootstrapServers()
                  + " (see --topic)");
        }
        List<TopicPartition> tps =
            partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        endOffsets = new HashMap<>(consumer.endOffsets(tps, settings.connectTimeout()));
      } catch (KafkaException e) {
        throw translate(e, settings, doing);
      }
    }

    @Override
    public List<Received> poll(Duration timeout) {
      List<Received> out = new ArrayList<>();
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
          String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          // Results are keyed by request id; skip other requests without parsing them.
          if (key != null && !key.equalsIgnoreCase(wantedKey)) {
            continue;
          }
          Received received = read(r);
          if (received != null && received.event().requestId().equals(requestId)) {
            out.add(received);
          }
        }
      } catch (KafkaException e) {
        throw translate(e, settings, "reading " + topic);
      }
      return out;
    }

    private Received read(ConsumerRecord<byte[], byte[]> r) {
      if (r.value() == null) {
        return null;
      }
      try {
        JsonNode tree = Json.MAPPER.readTree(r.value());
        ResultEvent event = Json.MAPPER.treeToValue(tree, ResultEvent.class);
        return new Received(event, Json.compact(tree));
      } catch (IOException | IllegalArgumentException e) {
        warnings.printf(
            "warning: skipping an unreadable event at %s-%d offset %d: %s%n",
            r.topic(), r.partition(), r.offset(), Errors.describe(e));
        warnings.flush();
        return null;
      }
    }

    @Override
    public boolean caughtUp() {
      if (!caughtUp) {
        try {
          caughtUp =
              endOffsets.entrySet().stream()
                  .allMatch(
                      e ->
                          consumer.position(e.getKey(), settings.connectTimeout()) >= e.getValue());
        } catch (KafkaException e) {
          return false;
        }
      }
      return caughtUp;
    }

    @Override
    public void close() {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
  }
}
