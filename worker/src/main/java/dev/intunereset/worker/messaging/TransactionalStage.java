package dev.intunereset.worker.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell every stage runs in: one named thread that polls the stage's input topics in a consumer
 * group and commits what the {@link Stage} decides in one Kafka transaction per poll (or per
 * rebalance step), together with the input offsets it accounts for. A stage that fails is closed
 * and reopened after a backoff, its uncommitted work redone from the committed offsets, so a broker
 * outage or a fenced producer never kills the worker. {@link #close} drains the stage's in-flight
 * work, hands its partitions back and stops the executors it was given; it is idempotent.
 */
public final class TransactionalStage implements StageWatch.Watched, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransactionalStage.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final StageSettings settings;
  private final Stage stage;
  private final KafkaClients clients;
  private final Thread thread;
  private final List<ExecutorService> executors = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final StageProgress progress;
  private volatile boolean open;
  // Set once a stop has handed every partition back, so closing the consumer does not revoke again.
  private boolean handedBack;
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;

  public TransactionalStage(
      String threadPrefix, StageSettings settings, Stage stage, KafkaClients clients) {
    this.settings = settings;
    this.stage = stage;
    this.clients = clients;
    this.progress = new StageProgress(System::nanoTime);
    this.thread = new Thread(this::run, threadPrefix + "-" + settings.name());
  }

  /** Hands an executor the stage's work runs on to the shell, which stops it after the stage. */
  public TransactionalStage owning(ExecutorService executor) {
    executors.add(executor);
    return this;
  }

  public void start() {
    log.info("{} stage: {} → {}", name(), settings.topics(), settings.writes());
    thread.start();
  }

  public String name() {
    return settings.name();
  }

  /** True while the stage's clients are connected and the stage says it can work. */
  public boolean isOpen() {
    return open && stage.healthy();
  }

  /**
   * Why the stage is not working, or empty while it is: not connected, or connected but stuck in
   * one Kafka call for longer than any healthy poll takes.
   */
  public Optional<String> problem() {
    if (!isOpen()) {
      return Optional.of("not connected");
    }
    return stalledFor()
        .map(
            d ->
                "stalled: no poll has finished for "
                    + d.toSeconds()
                    + " s; a transaction left open on an input partition is the usual cause"
                    + " (docs/operations.md, \"A stage is stalled\")");
  }

  @Override
  public Optional<Duration> stalledFor() {
    return open ? progress.stalledFor() : Optional.empty();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(500);
    try {
      while (running.get()) {
        try {
          openClients();
          progress.advanced();
          open = true;
          backoff = Duration.ofMillis(500);
          while (running.get()) {
            pollOnce();
          }
          drain();
        } catch (WakeupException e) {
          if (running.get()) {
            log.warn("{} stage woken up unexpectedly; reopening", name());
          } else {
            drainQuietly();
          }
        } catch (RuntimeException e) {
          open = false;
          reportFailure(e, backoff);
        } finally {
          open = false;
          closeClients();
        }
        if (running.get()) {
          sleep(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  private void reportFailure(RuntimeException e, Duration backoff) {
    if (StageTransaction.isFencing(e)) {
      // A rebalance moved this stage's partitions while it was committing: the new owner redoes
      // the uncommitted work. Expected after a replica dies or joins, so not an error.
      log.warn(
          "{} stage was fenced ({}); reopening in {} ms",
          name(),
          e.getClass().getSimpleName(),
          backoff.toMillis());
    } else if (StageTransaction.isOutOfSequence(e)) {
      // Kafka before 4.5 (KAFKA-15591) can reorder a producer's first writes to a partition around
      // a leader change, then rejects the earlier one for ever. The new producer epoch of the
      // reopened stage starts its sequences afresh; the aborted transaction is redone.
      log.warn(
          "{} stage: the broker rejected a write as out of sequence (a known Kafka defect on a"
              + " partition's first write after a leader change, fixed in Kafka 4.5); reopening in"
              + " {} ms with a new producer epoch, the transaction is redone",
          name(),
          backoff.toMillis());
    } else {
      log.error("{} stage failed; reopening in {} ms", name(), backoff.toMillis(), e);
    }
  }

  private void openClients() {
    consumer = clients.consumer(settings.groupId(), settings.clientId(), settings.maxPollRecords());
    producer = clients.transactionalProducer(settings.clientId());
    producer.initTransactions();
    handedBack = false;
    stage.opened(new ConsumerView());
    consumer.subscribe(settings.topics(), new Rebalance());
  }

  private void pollOnce() {
    var records = consumer.poll(POLL);
    progress.advanced();
    StageTransaction tx = new StageTransaction(producer, consumer);
    try {
      stage.process(records, tx);
    } catch (RuntimeException e) {
      tx.abandon(e);
      afterAbort();
      return;
    }
    finish(tx);
  }

  private void finish(StageTransaction tx) {
    if (!tx.finish(stage)) {
      afterAbort();
    }
  }

  private void afterAbort() {
    if (settings.onAbort() == StageSettings.OnAbort.REWIND) {
      StageTransaction.rewind(consumer);
    }
    stage.aborted();
  }

  /**
   * Stops taking input, lets the stage commit what it has in flight within the grace period, then
   * hands every partition back as in an orderly rebalance.
   */
  private void drain() {
    stage.stopping();
    consumer.pause(consumer.assignment());
    long deadline = System.nanoTime() + settings.drainGrace().toNanos();
    while (stage.busy() && System.nanoTime() < deadline) {
      // Paused, so the poll returns nothing: it only keeps the membership alive and paces this.
      pollOnce();
    }
    StageTransaction tx = new StageTransaction(producer, consumer);
    stage.revoked(new ArrayList<>(consumer.assignment()), tx);
    finish(tx);
    handedBack = true;
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      log.warn("{} stage could not drain cleanly", name(), e);
    }
  }

  private void closeClients() {
    // The consumer first: leaving the group may still call the stage, which may still write.
    clients.close(consumer);
    try {
      stage.closed();
    } catch (RuntimeException e) {
      log.warn("{} stage did not close cleanly", name(), e);
    }
    clients.close(producer);
    consumer = null;
    producer = null;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the stage, letting it drain in-flight work first, then its executors; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running.set(false);
    if (thread.isAlive()) {
      awaitStop();
    }
    for (ExecutorService executor : executors) {
      executor.shutdownNow();
    }
    for (ExecutorService executor : executors) {
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitStop() {
    try {
      if (!stopped.await(settings.drainGrace().toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        log.warn("{} stage did not stop in time; interrupting", name());
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
          c.wakeup();
        }
        thread.interrupt();
        stopped.await(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty() || handedBack) {
        return;
      }
      StageTransaction tx = new StageTransaction(producer, consumer);
      stage.revoked(partitions, tx);
      finish(tx);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (!handedBack) {
        stage.lost(partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      StageTransaction tx = new StageTransaction(producer, consumer);
      stage.assigned(partitions, tx);
      finish(tx);
    }
  }

  private final class ConsumerView implements StageConsumer {
    @Override
    public Set<TopicPartition> assignment() {
      return consumer.assignment();
    }

    @Override
    public Set<TopicPartition> paused() {
      return consumer.paused();
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
      consumer.pause(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
      consumer.resume(partitions);
    }

    @Override
    public long position(TopicPartition partition) {
      return consumer.position(partition);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
      return consumer.endOffsets(partitions);
    }

    @Override
    public int partitionCount(String topic) {
      return consumer.partitionsFor(topic).size();
    }
  }
}
