package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);

  /** A generator that always returns the same fraction of the bound, to pin the jitter. */
  private static RandomGenerator fixed(boolean top) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public long nextLong(long bound) {
        return top ? bound - 1 : 0;
      }
    };
  }

  @Test
  void honoursRetryAfterSeconds() {
    Backoff b = new Backoff(BASE, MAX, new Random(1));

    assertThat(b.delay(3, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void honoursRetryAfterOfZero() {
    Backoff b = new Backoff(BASE, MAX, new Random(1));

    assertThat(b.delay(1, Optional.of(Duration.ZERO))).isZero();
  }

  @Test
  void capsRetryAfterAtMax() {
    Backoff b = new Backoff(BASE, MAX, new Random(1));

    assertThat(b.delay(1, Optional.of(Duration.ofMinutes(10)))).isEqualTo(MAX);
  }

  @Test
  void retryAfterIgnoresTheAttemptNumber() {
    Backoff b = new Backoff(BASE, MAX, new Random(1));

    assertThat(b.delay(1, Optional.of(Duration.ofSeconds(2))))
        .isEqualTo(b.delay(20, Optional.of(Duration.ofSeconds(2))));
  }

  @Test
  void lowestJitterIsHalfTheStep() {
    Backoff b = new Backoff(BASE, MAX, fixed(false));

    assertThat(b.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void highestJitterIsTheFullStep() {
    Backoff b = new Backoff(BASE, MAX, fixed(true));

    assertThat(b.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void stepDoublesPerFailureWithJitterWithinHalfToFullStep() {
    Backoff b = new Backoff(BASE, MAX, new Random(42));

    for (int failures = 1; failures <= 6; failures++) {
      Duration step = BASE.multipliedBy(1L << (failures - 1));
      for (int i = 0; i < 200; i++) {
        assertThat(b.delay(failures, Optional.empty()))
            .as("failures=%d", failures)
            .isBetween(step.dividedBy(2), step);
      }
    }
  }

  @Test
  void jitterActuallyVaries() {
    Backoff b = new Backoff(BASE, MAX, new Random(42));
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      delays.add(b.delay(4, Optional.empty()));
    }

    assertThat(delays).doesNotHaveDuplicates();
  }

  @Test
  void neverExceedsMax() {
    Backoff b = new Backoff(BASE, MAX, fixed(true));

    for (int failures = 1; failures <= 100; failures++) {
      assertThat(b.delay(failures, Optional.empty())).isLessThanOrEqualTo(MAX);
    }
    assertThat(b.delay(Integer.MAX_VALUE, Optional.empty())).isLessThanOrEqualTo(MAX);
  }

  @Test
  void cappedStepStillHasAtLeastHalfOfMax() {
    Backoff b = new Backoff(BASE, MAX, fixed(false));

    assertThat(b.delay(30, Optional.empty())).isEqualTo(MAX.dividedBy(2));
  }

  @Test
  void hugeBaseDoesNotOverflow() {
    Backoff b = new Backoff(Duration.ofDays(36_500), MAX, fixed(true));

    assertThat(b.delay(31, Optional.empty())).isPositive().isLessThanOrEqualTo(MAX);
  }

  @Test
  void zeroOrNegativeFailureCountIsTreatedAsTheFirst() {
    Backoff b = new Backoff(BASE, MAX, fixed(true));

    assertThat(b.delay(0, Optional.empty())).isEqualTo(BASE);
    assertThat(b.delay(-3, Optional.empty())).isEqualTo(BASE);
  }

  @Test
  void isDeterministicForASeed() {
    Backoff first = new Backoff(BASE, MAX, new Random(7));
    Backoff second = new Backoff(BASE, MAX, new Random(7));
    List<Duration> a = new ArrayList<>();
    List<Duration> c = new ArrayList<>();
    for (int failures = 1; failures <= 10; failures++) {
      a.add(first.delay(failures, Optional.empty()));
      c.add(second.delay(failures, Optional.empty()));
    }

    assertThat(a).isEqualTo(c);
  }

  @Test
  void differentSeedsGiveDifferentDelays() {
    Backoff first = new Backoff(BASE, MAX, new Random(7));
    Backoff second = new Backoff(BASE, MAX, new Random(8));

    assertThat(first.delay(5, Optional.empty())).isNotEqualTo(second.delay(5, Optional.empty()));
  }
}
