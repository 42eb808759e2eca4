package dev.intunereset.worker.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever the settings and however late the worker looks, the next read is the first point of the
 * schedule after now, computed here the long way: the doubling points listed, then the fixed grid.
 */
class CheckSchedulePropertiesTest {
  private static final Instant ISSUED = Instant.parse("2026-12-03T10:00:00Z");

  @Property(tries = 2000)
  void nextIsTheFirstPointOfTheScheduleAfterNow(
      @ForAll @LongRange(min = 1, max = 3_600_000) long firstMillis,
      @ForAll @IntRange(min = 1, max = 500) int maxFactor,
      @ForAll @LongRange(min = 0, max = 999) long maxExtraMillis,
      @ForAll @LongRange(min = -3_600_000L, max = 40L * 24 * 3_600_000) long nowMillis) {
    Duration first = Duration.ofMillis(firstMillis);
    Duration max = first.multipliedBy(maxFactor).plusMillis(maxExtraMillis);
    Instant now = ISSUED.plusMillis(nowMillis);

    Instant next = new CheckSchedule(first, max).next(ISSUED, now);

    assertThat(next).isAfter(now).isEqualTo(firstPointAfter(first, max, now));
  }

  private static Instant firstPointAfter(Duration first, Duration max, Instant now) {
    List<Instant> doubling = new ArrayList<>();
    Instant t = ISSUED.plus(first);
    Duration gap = first;
    doubling.add(t);
    while (gap.compareTo(max) < 0) {
      gap = gap.multipliedBy(2).compareTo(max) < 0 ? gap.multipliedBy(2) : max;
      t = t.plus(gap);
      doubling.add(t);
    }
    for (Instant point : doubling) {
      if (point.isAfter(now)) {
        return point;
      }
    }
    Instant gridStart = doubling.get(doubling.size() - 1);
    long k = Duration.between(gridStart, now).toMillis() / max.toMillis() + 1;
    return gridStart.plus(max.multipliedBy(k));
  }
}
