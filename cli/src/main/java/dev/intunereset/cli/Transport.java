package dev.intunereset.cli;

import dev.intunereset.contracts.ResultEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** How the commands reach Kafka; tests replace it to run the commands without a broker. */
interface Transport {

  /** Opens a producer for the requests topic. */
  RequestSender sender(KafkaSettings settings, String topic);

  /**
   * Opens a reader of the results topic, positioned at the beginning of every partition, that
   * returns only the events of one request.
   *
   * @param warnings where to report records of the request that cannot be read
   */
  ResultSource results(KafkaSettings settings, String topic, UUID requestId, PrintWriter warnings);

  /** Publishes request messages. */
  interface RequestSender extends AutoCloseable {

    /** Publishes one message and waits until the broker acknowledged it (acks=all). */
    void send(String key, byte[] value);

    @Override
    void close();
  }

  /** The committed result events of one request, in order. */
  interface ResultSource extends AutoCloseable {

    /** The request's events that arrived within {@code timeout}; empty if none did. */
    List<Received> poll(Duration timeout);

    /** Whether everything committed when the reader started has been read. */
    boolean caughtUp();

    @Override
    void close();
  }

  /**
   * One result event and its payload as written.
   *
   * @param event the parsed event
   * @param json the payload, as one line of JSON
   */
  record Received(ResultEvent event, String json) {}
}
