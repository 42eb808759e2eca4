package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S",
    "10m, PT10M",
    "2h45m, PT2H45M",
    "1h30m10s, PT1H30M10S",
    "500ms, PT0.5S",
    "PT10M, PT10M",
    "pt1h, PT1H"
  })
  void parsesGoStyleAndIso(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1d", "m", "10m5h", "ten minutes", "PT"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @CsvSource({"PT1H30M10S, 1h30m10s", "PT0.25S, 250ms", "PT0S, 0s", "PT90S, 1m30s"})
  void formatsShort(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }
}
