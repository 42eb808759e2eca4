package dev.intunereset.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfAnOddSampleIsItsMiddleValue() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
  }

  @Test
  void medianOfAnEvenSampleIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  @Test
  void medianIgnoresMissingValues() {
    assertThat(Stats.median(List.of(Double.NaN, 5.0, 7.0, 6.0))).isEqualTo(6.0);
    assertThat(Stats.median(List.of())).isNaN();
  }

  @Test
  void p99OfFiftyValuesIsTheirMaximum() {
    List<Double> values = new java.util.ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      values.add((double) i);
    }
    assertThat(Stats.percentile(values, 99)).isEqualTo(50.0);
    assertThat(Stats.percentile(values, 50)).isEqualTo(25.0);
  }

  @Test
  void p99OfAHundredValuesLeavesOutTheLargest() {
    List<Double> values = new java.util.ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      values.add((double) i);
    }
    assertThat(Stats.percentile(values, 99)).isEqualTo(99.0);
  }

  @Test
  void rejectsAPercentileOutsideItsRange() {
    assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
