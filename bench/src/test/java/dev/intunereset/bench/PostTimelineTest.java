package dev.intunereset.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostTimelineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** {@code n} calls {@code gapMillis} apart. */
  private static List<Instant> evenly(int n, double gapMillis) {
    List<Instant> at = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      at.add(T0.plusNanos((long) (i * gapMillis * 1_000_000)));
    }
    return at;
  }

  @Test
  void steadyRateOfEvenlySpacedCallsIsTheirFrequency() {
    PostTimeline t = new PostTimeline(evenly(1_000, 20));

    assertThat(t.steadyRate(0.05)).isCloseTo(50.0, within(1e-6));
    assertThat(t.overallRate()).isCloseTo(50.0, within(1e-6));
  }

  @Test
  void steadyRateLeavesOutASlowStartAndTail() {
    List<Instant> at = new ArrayList<>(evenly(100, 20));
    // A straggler a minute later drags the overall rate down, not the steady one.
    at.add(T0.plusSeconds(60));

    PostTimeline t = new PostTimeline(at);

    assertThat(t.steadyRate(0.05)).isCloseTo(50.0, within(1e-6));
    assertThat(t.overallRate()).isLessThan(2.0);
  }

  @Test
  void busiestWindowCountsAHalfOpenWindow() {
    // Calls every 20 ms: a 2 s window (t - 2 s, t] holds 100 of them.
    PostTimeline t = new PostTimeline(evenly(500, 20));

    assertThat(t.busiestWindow(Duration.ofSeconds(2))).isEqualTo(100);
  }

  @Test
  void tightestMarginIsNegativeWhenOneWindowHeldTooMany() {
    List<Instant> at = new ArrayList<>(evenly(300, 20.5));
    // Five extra calls squeezed into one spot: some window now holds more than 100.
    for (int i = 0; i < 5; i++) {
      at.add(T0.plusMillis(1_000 + i));
    }

    PostTimeline t = new PostTimeline(at);

    assertThat(t.busiestWindow(Duration.ofSeconds(2))).isGreaterThan(100);
    assertThat(t.tightestMarginMillis(100, Duration.ofSeconds(2))).isNegative();
  }

  @Test
  void tightestMarginOfEvenPacingIsWhatTheSpacingLeaves() {
    // 101 consecutive calls 20.5 ms apart span 2,050 ms: 50 ms more than a 2 s window.
    PostTimeline t = new PostTimeline(evenly(300, 20.5));

    assertThat(t.tightestMarginMillis(100, Duration.ofSeconds(2))).isCloseTo(50.0, within(1e-3));
  }
}
