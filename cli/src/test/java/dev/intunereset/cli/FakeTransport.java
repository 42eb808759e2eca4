package dev.intunereset.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A broker in memory: records what submit sends; serves watch a scripted series of poll results.
 * Each poll advances the fake clock by the poll's timeout, as a real empty poll would take it.
 */
final class FakeTransport implements Transport {
  record Sent(String topic, String key, byte[] value) {
    String valueText() {
      return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final List<Sent> sent = new ArrayList<>();
  final Deque<List<Received>> polls = new ArrayDeque<>();
  final AtomicLong clock = new AtomicLong();
  KafkaSettings settings;
  String topic;
  UUID watchedId;
  int pollCount;

  /** How many messages had been sent when a reader was opened; -1 while none was. */
  int sentWhenReaderOpened = -1;

  boolean closed;

  /** Thrown when a client is opened, to stand for an unreachable broker. */
  RuntimeException failure;

  /** After this many polls the reader counts as caught up with what was committed at start. */
  int caughtUpAfterPolls = 1;

  /** Queues what successive polls return; polls after the last one return nothing. */
  FakeTransport then(Received... batch) {
    polls.add(List.of(batch));
    return this;
  }

  @Override
  public RequestSender sender(KafkaSettings settings, String topic) {
    this.settings = settings;
    if (failure != null) {
      throw failure;
    }
    return new RequestSender() {
      @Override
      public void send(String key, byte[] value) {
        sent.add(new Sent(topic, key, value));
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public ResultSource results(
      KafkaSettings settings, String topic, UUID requestId, PrintWriter warnings) {
    this.settings = settings;
    this.topic = topic;
    this.watchedId = requestId;
    this.sentWhenReaderOpened = sent.size();
    if (failure != null) {
      throw failure;
    }
    return new ResultSource() {
      @Override
      public List<Received> poll(Duration timeout) {
        pollCount++;
        List<Received> batch = polls.poll();
        if (batch == null || batch.isEmpty()) {
          clock.addAndGet(timeout.toNanos());
          return List.of();
        }
        return batch;
      }

      @Override
      public boolean caughtUp() {
        return pollCount >= caughtUpAfterPolls;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
