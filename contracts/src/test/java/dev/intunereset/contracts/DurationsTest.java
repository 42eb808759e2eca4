package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar (request timeouts, worker configuration, CLI flags). */
class DurationsTest {

  @Test
  void parsesABareZeroAsGoDoes() {
    assertThat(Durations.parse("0")).contains(Duration.ZERO);
    assertThat(Durations.parse("00")).isEmpty();
  }

  @Test
  void parsesGoStyleSeconds() {
    assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
  }

  @Test
  void parsesGoStyleHoursAndMinutes() {
    assertThat(Durations.parse("2h45m")).contains(Duration.ofHours(2).plusMinutes(45));
  }

  @Test
  void parsesGoStyleHoursMinutesAndSeconds() {
    assertThat(Durations.parse("1h30m10s"))
        .contains(Duration.ofHours(1).plusMinutes(30).plusSeconds(10));
  }

  @Test
  void parsesGoStyleMillisecondsNotAsMinutes() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
  }

  @Test
  void parsesMinutesFollowedByMilliseconds() {
    assertThat(Durations.parse("1m500ms")).contains(Duration.ofMinutes(1).plusMillis(500));
  }

  @Test
  void parsesIso8601() {
    assertThat(Durations.parse("PT10M")).contains(Duration.ofMinutes(10));
  }

  @Test
  void parsesIso8601WithDays() {
    assertThat(Durations.parse("P1D")).contains(Duration.ofHours(24));
  }

  @Test
  void rejectsNull() {
    assertThat(Durations.parse(null)).isEmpty();
  }

  @Test
  void rejectsEmpty() {
    assertThat(Durations.parse("")).isEmpty();
  }

  @Test
  void rejectsNumberWithoutUnit() {
    assertThat(Durations.parse("10")).isEmpty();
  }

  @Test
  void rejectsDaysInGoStyle() {
    assertThat(Durations.parse("1d")).isEmpty();
  }

  @Test
  void rejectsNegativeGoStyle() {
    assertThat(Durations.parse("-5s")).isEmpty();
  }

  @Test
  void rejectsUnitWithoutNumber() {
    assertThat(Durations.parse("h")).isEmpty();
  }

  @Test
  void rejectsRepeatedUnit() {
    assertThat(Durations.parse("1h1h")).isEmpty();
  }

  @Test
  void rejectsUnitsOutOfOrder() {
    assertThat(Durations.parse("10s5m")).isEmpty();
  }

  @Test
  void rejectsUpperCaseGoUnits() {
    assertThat(Durations.parse("30S")).isEmpty();
  }

  @Test
  void rejectsSurroundingWhitespace() {
    assertThat(Durations.parse(" 30s")).isEmpty();
  }

  @Test
  void rejectsMalformedIso8601() {
    assertThat(Durations.parse("PT10X")).isEmpty();
  }

  @Test
  void acceptsGoStyleInputOfExactly32Characters() {
    String input = "999999h999999m999999999s999999ms";
    assertThat(input).hasSize(32);
    assertThat(Durations.parse(input)).isPresent();
  }

  @Test
  void rejectsGoStyleInputLongerThan32Characters() {
    String input = "999999h999999m999999999s9999999ms"; // matches the pattern, but 33 characters
    assertThat(input).hasSize(33);
    assertThat(Durations.parse(input)).isEmpty();
  }

  @Test
  void rejectsIsoInputLongerThan32Characters() {
    String input = "PT" + "0".repeat(30) + "1S"; // valid ISO-8601, but 34 characters
    assertThat(Duration.parse(input)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Durations.parse(input)).isEmpty();
  }

  @Test
  void rejectsNegativeIso8601() {
    assertThat(Durations.parse("PT-5S")).isEmpty();
  }

  @Test
  void formatsZeroAsZeroSeconds() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void formatsCompactlyInGoStyle() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }

  @Test
  void formatsDaysAsHours() {
    assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("48h");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s", "2h45m", "1h30m10s", "500ms", "1m500ms", "24h", "0s", "1h1s"})
  void formatRoundTripsGoStyle(String text) {
    Duration parsed = Durations.parse(text).orElseThrow();
    assertThat(Durations.format(parsed)).isEqualTo(text);
    assertThat(Durations.parse(Durations.format(parsed))).contains(parsed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT10M", "PT1H0.25S", "P2DT3H", "PT0.001S"})
  void formatOfIsoInputParsesBackToTheSameDuration(String iso) {
    Duration parsed = Durations.parse(iso).orElseThrow();
    assertThat(Durations.parse(Durations.format(parsed))).contains(parsed);
  }

  @Test
  void formatNeverReturnsEmptyText() {
    Duration subMillisecond = Durations.parse("PT0.0000001S").orElseThrow();
    assertThat(Durations.format(subMillisecond)).isNotEmpty();
  }

  // ---- moved from the CLI's copy ----

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
    assertThat(Durations.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1d", "m", "10m5h", "ten minutes", "PT"})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PT1H30M10S, 1h30m10s", "PT0.25S, 250ms", "PT0S, 0s", "PT90S, 1m30s"})
  void formatsShort(String iso, String text) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
  }

  // ---- the grammar is the schema's ----

  @Test
  void thePatternsAreTheOnesTheRequestSchemaStatesForTimeout() {
    JsonNode timeout =
        Fixtures.readJsonResource(ContractResources.RESET_REQUEST_SCHEMA).at("/properties/timeout");

    assertThat(timeout.get("anyOf").findValuesAsText("pattern"))
        .containsExactly(Durations.GO_STYLE_PATTERN, Durations.ISO_8601_PATTERN);
    assertThat(timeout.get("maxLength").intValue()).isEqualTo(Durations.MAX_LENGTH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "00",
        "1h",
        "1ms",
        "1m5ms",
        "P1DT3H",
        "PT0,5S",
        "PT1.S",
        "P1DT",
        "PT",
        "P",
        "PT+5S",
        "PT1H-30M",
        "-PT5S",
        "1H",
        "30S",
        "0s",
        "PT0.1234567891S",
        "1h2",
        "h1",
        "P1W"
      })
  void acceptsExactlyWhatTheSchemaPatternsAccept(String text) {
    boolean bySchema =
        text.length() <= Durations.MAX_LENGTH
            && List.of(Durations.GO_STYLE_PATTERN, Durations.ISO_8601_PATTERN).stream()
                .anyMatch(p -> java.util.regex.Pattern.compile(p).matcher(text).find());

    assertThat(Durations.parse(text).isPresent()).as(text).isEqualTo(bySchema);
  }

  @Test
  void aWellFormedDurationTooLargeForJavaIsNoDuration() {
    assertThat(Durations.parse("9999999999999999999999h")).isEmpty();
    assertThat(Durations.parse("P999999999999999D")).isEmpty();
  }
}
