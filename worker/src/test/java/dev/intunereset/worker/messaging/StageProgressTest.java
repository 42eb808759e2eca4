package dev.intunereset.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageProgressTest {
  private final AtomicLong now = new AtomicLong();
  private final StageProgress progress = new StageProgress(now::get);

  @Test
  void aStageIsNotStalledWithinTheLimit() {
    now.addAndGet(StageProgress.STALL_LIMIT.toNanos());
    assertThat(progress.stalledFor()).isEmpty();
  }

  @Test
  void aStageWithNoFinishedPollPastTheLimitIsStalledForTheWholeTime() {
    now.addAndGet(Duration.ofSeconds(95).toNanos());
    assertThat(progress.stalledFor()).contains(Duration.ofSeconds(95));
  }

  @Test
  void aFinishedPollClearsTheStall() {
    now.addAndGet(Duration.ofSeconds(95).toNanos());
    progress.advanced();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(progress.stalledFor()).isEmpty();
  }
}
