package dev.intunereset.worker.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one consume-transform-produce loop on its own named thread. A loop that fails is closed and
 * reopened after a backoff (its uncommitted work is redone from the committed offsets), so a broker
 * outage or a fenced producer never kills the worker.
 */
public final class LoopRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoopRunner.class);
  private static final Duration POLL = Duration.ofMillis(50);

  /** A loop body: the runner owns the thread, the lifecycle and the error handling. */
  public interface Loop extends AutoCloseable {
    String name();

    /** Creates clients; called on the loop thread before the first poll and after a failure. */
    void open();

    /** Polls once and processes what arrived; must not block longer than about the timeout. */
    void pollOnce(Duration timeout);

    /** Called from another thread to cut a blocking poll short. */
    default void wakeup() {}

    /** Finishes in-flight work within the grace period; called on the loop thread on stop. */
    default void drain(Duration grace) {}

    /** True once the loop has polled successfully since it was last opened. */
    default boolean healthy() {
      return true;
    }

    @Override
    void close();
  }

  private final Loop loop;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Duration drainGrace;
  private volatile boolean open;

  public LoopRunner(String threadPrefix, Loop loop, Duration drainGrace) {
    this.loop = loop;
    this.drainGrace = drainGrace;
    this.thread = new Thread(this::run, threadPrefix + "-" + loop.name());
  }

  public void start() {
    thread.start();
  }

  /** The loop's name: intake, dispatch or completion. */
  public String name() {
    return loop.name();
  }

  public boolean isOpen() {
    return open && loop.healthy();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(500);
    try {
      while (running.get()) {
        try {
          loop.open();
          open = true;
          backoff = Duration.ofMillis(500);
          while (running.get()) {
            loop.pollOnce(POLL);
          }
          loop.drain(drainGrace);
        } catch (WakeupException e) {
          if (running.get()) {
            log.warn("{} loop woken up unexpectedly; reopening", loop.name());
          } else {
            safeDrain();
          }
        } catch (RuntimeException e) {
          open = false;
          log.error("{} loop failed; reopening in {} ms", loop.name(), backoff.toMillis(), e);
        } finally {
          open = false;
          loop.close();
        }
        if (running.get()) {
          sleep(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                  ? Duration.ofSeconds(30)
                  : backoff.multipliedBy(2);
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  private void safeDrain() {
    try {
      loop.drain(drainGrace);
    } catch (RuntimeException e) {
      log.warn("{} loop could not drain cleanly", loop.name(), e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the loop, letting it drain in-flight work first; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running.set(false);
    if (thread.isAlive()) {
      try {
        if (!stopped.await(drainGrace.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
          log.warn("{} loop did not stop in time; interrupting", loop.name());
          loop.wakeup();
          thread.interrupt();
          stopped.await(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Handles a failure inside a transaction: fatal producer errors propagate (the loop is reopened
   * with a fresh producer); anything else aborts and rewinds the consumer to its committed offsets,
   * so the batch is processed again rather than lost.
   */
  public static void abortAndRewind(
      Producer<?, ?> producer, Consumer<?, ?> consumer, RuntimeException e) {
    if (isFatal(e) || !(e instanceof KafkaException)) {
      throw e;
    }
    log.warn("transaction failed; aborting and reprocessing from committed offsets", e);
    try {
      producer.abortTransaction();
    } catch (KafkaException abortFailure) {
      throw e;
    }
    rewind(consumer);
  }

  /** True for errors after which the producer cannot be used again (e.g. a fenced zombie). */
  public static boolean isFatal(RuntimeException e) {
    return e instanceof ProducerFencedException
        || e instanceof InvalidProducerEpochException
        || e instanceof OutOfOrderSequenceException
        || e instanceof AuthorizationException
        || e instanceof WakeupException
        || e instanceof org.apache.kafka.clients.consumer.CommitFailedException;
  }

  /** Seeks every assigned partition back to its committed offset (or the beginning). */
  public static void rewind(Consumer<?, ?> consumer) {
    Set<TopicPartition> assignment = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed =
        new HashMap<>(consumer.committed(assignment));
    for (TopicPartition tp : assignment) {
      OffsetAndMetadata om = committed.get(tp);
      if (om == null) {
        consumer.seekToBeginning(Set.of(tp));
      } else {
        consumer.seek(tp, om.offset());
      }
    }
  }

  public static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }
}
