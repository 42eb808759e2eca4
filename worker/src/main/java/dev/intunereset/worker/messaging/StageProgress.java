package dev.intunereset.worker.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When a stage last finished a poll, so that a stage blocked inside a Kafka call is seen from
 * outside its thread: a consumer waiting behind a transaction that was never completed does not
 * fail, it waits for ever in {@code poll}.
 */
final class StageProgress {
  /** Far longer than any healthy poll, rebalance or commit takes. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final LongSupplier ticker;
  private volatile long lastNanos;

  StageProgress(LongSupplier ticker) {
    this.ticker = ticker;
    this.lastNanos = ticker.getAsLong();
  }

  void advanced() {
    lastNanos = ticker.getAsLong();
  }

  /** How long the stage has been stuck past {@link #STALL_LIMIT}, if it is. */
  Optional<Duration> stalledFor() {
    Duration since = Duration.ofNanos(ticker.getAsLong() - lastNanos);
    return since.compareTo(STALL_LIMIT) > 0 ? Optional.of(since) : Optional.empty();
  }
}
