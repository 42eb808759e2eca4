package dev.intunereset.worker.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {
  private static final Instant ISSUED = Instant.parse("2026-12-03T10:00:00Z");
  private final CheckSchedule schedule =
      new CheckSchedule(Duration.ofMinutes(5), Duration.ofHours(1));

  private static Instant at(long minutes) {
    return ISSUED.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void firstReadIsTheFirstDelayAfterTheOutcome() {
    assertThat(schedule.next(ISSUED, ISSUED)).isEqualTo(at(5));
    assertThat(schedule.next(ISSUED, at(5).minusNanos(1))).isEqualTo(at(5));
  }

  @Test
  void aNowBeforeTheOutcomeStillGetsTheFirstRead() {
    assertThat(schedule.next(ISSUED, ISSUED.minusSeconds(3600))).isEqualTo(at(5));
  }

  @Test
  void gapsDoubleThenStayAtTheMaximum() {
    List<Instant> reads = new ArrayList<>();
    Instant now = ISSUED;
    for (int i = 0; i < 8; i++) {
      now = schedule.next(ISSUED, now);
      reads.add(now);
    }

    // Gaps 5, 10, 20, 40, then 60 (80 capped), 60, 60, 60.
    assertThat(reads)
        .containsExactly(at(5), at(15), at(35), at(75), at(135), at(195), at(255), at(315));
  }

  @Test
  void aReadTimeThatIsNowIsNotReturnedAgain() {
    assertThat(schedule.next(ISSUED, at(5))).isEqualTo(at(15));
    assertThat(schedule.next(ISSUED, at(195))).isEqualTo(at(255));
  }

  @Test
  void afterDaysWithoutAReadJumpsToTheNextPointOfTheCappedGrid() {
    // Past the doubling, reads fall at 135m + k·60m: 3 days and 7 minutes lies between two.
    Instant now = ISSUED.plus(Duration.ofDays(3)).plusSeconds(7 * 60);

    Instant next = schedule.next(ISSUED, now);

    assertThat(next).isEqualTo(at(4335)).isAfter(now);
    assertThat(schedule.next(ISSUED, at(4335))).isEqualTo(at(4395));
    assertThat(schedule.next(ISSUED, at(4335).minusNanos(1))).isEqualTo(at(4335));
  }

  @Test
  void aFirstDelayEqualToTheMaximumReadsAtFixedGaps() {
    CheckSchedule fixed = new CheckSchedule(Duration.ofMinutes(10), Duration.ofMinutes(10));

    assertThat(fixed.next(ISSUED, ISSUED)).isEqualTo(at(10));
    assertThat(fixed.next(ISSUED, at(10))).isEqualTo(at(20));
    assertThat(fixed.next(ISSUED, at(10_000).plusSeconds(1))).isEqualTo(at(10_010));
  }

  @Test
  void rejectsAZeroOrNegativeFirstDelay() {
    assertThatThrownBy(() -> new CheckSchedule(Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < first <= max");
    assertThatThrownBy(() -> new CheckSchedule(Duration.ofSeconds(-1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAMaximumBelowTheFirstDelay() {
    assertThatThrownBy(() -> new CheckSchedule(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT2M, PT1M");
  }

  @Test
  void rejectsMissingDurations() {
    assertThatThrownBy(() -> new CheckSchedule(null, Duration.ofMinutes(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("first");
    assertThatThrownBy(() -> new CheckSchedule(Duration.ofMinutes(1), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("max");
  }
}
