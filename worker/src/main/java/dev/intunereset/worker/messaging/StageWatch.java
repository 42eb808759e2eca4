package dev.intunereset.worker.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, once per episode, that a stage has stopped making progress, and when it makes
 * progress again. A stalled stage cannot say so itself: its thread is the one that is stuck.
 */
public final class StageWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StageWatch.class);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  /** A stage as the watch sees it. */
  public interface Watched {
    String name();

    /** How long the stage has been stuck past the point where it should have moved, if it is. */
    Optional<Duration> stalledFor();
  }

  private final List<? extends Watched> stages;
  private final Set<String> stalled = new HashSet<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ScheduledExecutorService scheduler;

  public StageWatch(List<? extends Watched> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Checks every few seconds on a thread of its own. */
  public StageWatch start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "stage-watch");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One look at every stage; logs only what changed since the last look, and returns it. */
  synchronized List<String> check() {
    List<String> said = new ArrayList<>();
    for (Watched stage : stages) {
      Optional<Duration> stuck = stage.stalledFor();
      if (stuck.isPresent() && stalled.add(stage.name())) {
        said.add(
            stage.name()
                + " stage has not finished a poll for "
                + stuck.get().toSeconds()
                + " s: its consumer is waiting inside Kafka, most often behind a transaction left"
                + " open on an input partition or on the consumer offsets; see"
                + " docs/operations.md, \"A stage is stalled\"");
        log.warn(said.get(said.size() - 1));
      } else if (stuck.isEmpty() && stalled.remove(stage.name())) {
        said.add(stage.name() + " stage is making progress again");
        log.info(said.get(said.size() - 1));
      }
    }
    return said;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
