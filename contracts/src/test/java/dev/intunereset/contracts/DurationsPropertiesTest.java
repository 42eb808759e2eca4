package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class DurationsPropertiesTest {

  @Property(tries = 1000)
  void formatRoundTripsEveryMillisecondDuration(
      @ForAll @LongRange(min = 0, max = 999_999L * 3_600_000L) long millis) {
    Duration d = Duration.ofMillis(millis);
    assertThat(Durations.parse(Durations.format(d))).contains(d);
  }

  @Property(tries = 1000)
  void isoTextOfEveryNonNegativeMillisecondDurationParses(
      @ForAll @LongRange(min = 0, max = 999_999L * 3_600_000L) long millis) {
    Duration d = Duration.ofMillis(millis);
    assertThat(Durations.parse(d.toString())).contains(d);
  }
}
