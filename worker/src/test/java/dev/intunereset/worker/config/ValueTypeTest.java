package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.worker.config.ValueType.AnyOr;
import dev.intunereset.worker.config.ValueType.Choice;
import dev.intunereset.worker.config.ValueType.CommaList;
import dev.intunereset.worker.config.ValueType.DurationRange;
import dev.intunereset.worker.config.ValueType.Guid;
import dev.intunereset.worker.config.ValueType.IntRange;
import dev.intunereset.worker.config.ValueType.Noted;
import dev.intunereset.worker.config.ValueType.SecretText;
import dev.intunereset.worker.config.ValueType.Text;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueTypeTest {
  @TempDir Path dir;

  @Test
  void intRangeAcceptsItsBoundsAndNothingBeyond() {
    IntRange range = new IntRange(2, 100_000, "");

    assertThat(range.parse("2")).contains(2);
    assertThat(range.parse("100000")).contains(100_000);
    assertThat(range.parse("1")).isEmpty();
    assertThat(range.parse("100001")).isEmpty();
    assertThat(range.parse("lots")).isEmpty();
    assertThat(range.range()).isEqualTo("2..100000");
  }

  @Test
  void intRangeSaysWhatZeroMeans() {
    assertThat(new IntRange(0, 65_535, "any free port").range())
        .isEqualTo("0..65535, 0 = any free port");
  }

  @Test
  void zeroCanOnlyMeanSomethingWhenItIsInRange() {
    assertThatThrownBy(() -> new IntRange(1, 10, "off"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new DurationRange(Duration.ofSeconds(1), Duration.ofHours(1), null, "off"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationRangeAcceptsItsBoundsInEitherNotation() {
    DurationRange range = new DurationRange(Duration.ofMillis(10), Duration.ofMinutes(1), null, "");

    assertThat(range.parse("10ms")).contains(Duration.ofMillis(10));
    assertThat(range.parse("PT1M")).contains(Duration.ofMinutes(1));
    assertThat(range.parse("9ms")).isEmpty();
    assertThat(range.parse("61s")).isEmpty();
    assertThat(range.range()).isEqualTo("10ms..1m");
  }

  @Test
  void durationRangeWritesWholeDaysInDays() {
    assertThat(new DurationRange(Duration.ofSeconds(1), Duration.ofDays(7), null, "").range())
        .isEqualTo("1s..7d");
    assertThat(new DurationRange(Duration.ZERO, Duration.ofHours(24), null, "off").range())
        .isEqualTo("0s..24h, 0 = off");
  }

  @Test
  void durationRangeWithACeilingIsBoundByThatKeysValue() {
    ConfigKey<Duration> max =
        new ConfigKey<>(
            "MAX",
            "1h",
            new DurationRange(Duration.ofSeconds(1), Duration.ofDays(7), null, ""),
            "m");
    DurationRange range = DurationRange.upTo(Duration.ofSeconds(1), max);

    ValueType<Duration> resolved = range.resolve(k -> Duration.ofHours(2));

    assertThat(range.range()).isEqualTo("1s..MAX");
    assertThat(range.parse("3h")).contains(Duration.ofHours(3));
    assertThat(resolved.parse("2h")).contains(Duration.ofHours(2));
    assertThat(resolved.parse("3h")).isEmpty();
    assertThat(resolved.problem("3h")).isEqualTo("invalid value '3h', expected 1s..MAX");
  }

  @Test
  void durationRangeWithAnInvalidCeilingFallsBackToTheCeilingsOwnBound() {
    ConfigKey<Duration> max =
        new ConfigKey<>(
            "MAX",
            "1h",
            new DurationRange(Duration.ofSeconds(1), Duration.ofDays(7), null, ""),
            "m");

    ValueType<Duration> resolved =
        DurationRange.upTo(Duration.ofSeconds(1), max).resolve(k -> null);

    assertThat(resolved.parse("7d")).isEmpty();
    assertThat(resolved.parse("168h")).contains(Duration.ofDays(7));
  }

  @Test
  void choiceIsCaseSensitiveUnlessMadeFromAnEnum() {
    Choice<String> levels = Choice.of("INFO", "WARN");
    Choice<Platform> platforms = Choice.ofEnum(Platform.values(), Platform::configValue);

    assertThat(levels.parse("INFO")).contains("INFO");
    assertThat(levels.parse("info")).isEmpty();
    assertThat(platforms.parse("AOSP")).contains(Platform.AOSP);
    assertThat(levels.range()).isEqualTo("INFO | WARN");
  }

  @Test
  void flagIsTrueOrFalse() {
    assertThat(Choice.flag().parse("true")).contains(true);
    assertThat(Choice.flag().parse("yes")).isEmpty();
    assertThat(Choice.flag().range()).isEqualTo("true | false");
  }

  @Test
  void textMustMatchItsWholePattern() {
    Text topic = new Text("topic name", "[A-Za-z0-9._-]{1,249}");

    assertThat(topic.parse("passcode-reset.requests")).contains("passcode-reset.requests");
    assertThat(topic.parse("two words")).isEmpty();
    assertThat(topic.range()).isEqualTo("topic name");
    assertThat(new Text("", "[a-z]{1,3}").range()).isEqualTo("[a-z]{1,3}");
  }

  @Test
  void guidProblemSaysAGuidIsExpected() {
    assertThat(new Guid().parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isPresent();
    assertThat(new Guid().problem("my-app")).isEqualTo("must be a GUID, got 'my-app'");
  }

  @Test
  void httpsUrlAllowsPlainHttpOnlyOnLoopbackWhenAsked() {
    HttpsUrl loopbackOk = new HttpsUrl(true);
    HttpsUrl httpsOnly = new HttpsUrl(false);

    assertThat(loopbackOk.parse("http://127.0.0.1:8085/beta"))
        .contains(URI.create("http://127.0.0.1:8085/beta"));
    assertThat(loopbackOk.parse("http://localhost.evil.example/")).isEmpty();
    assertThat(httpsOnly.parse("http://localhost/")).isEmpty();
    assertThat(httpsOnly.parse("https://login.example.com/")).isPresent();
    assertThat(loopbackOk.problem("http://graph.example.com/"))
        .startsWith("must be https (plain http only for localhost/127.0.0.1/::1)");
    assertThat(httpsOnly.problem("not a url")).startsWith("invalid value 'not a url'");
  }

  @Test
  void readableFileMustExistAsARegularFile() throws Exception {
    Path file = Files.writeString(dir.resolve("f.txt"), "x");
    ReadableFile type = new ReadableFile("readable file");

    assertThat(type.parse(file.toString())).contains(file);
    assertThat(type.parse(dir.toString())).isEmpty();
    assertThat(type.parse(dir.resolve("missing").toString())).isEmpty();
    assertThat(type.problem("/nope")).isEqualTo("cannot read the file /nope");
  }

  @Test
  void secretProblemNeverShowsTheValue() {
    assertThat(new SecretText("").problem("hunter2")).doesNotContain("hunter2");
    assertThat(new SecretText("a JAAS line").range()).isEqualTo("secret; a JAAS line");
  }

  @Test
  void commaListSkipsBlanksAndRefusesABadElement() {
    CommaList<String> list = new CommaList<>(new Text("", "[a-z]+"), false);

    assertThat(list.parse(" a , ,b ")).contains(List.of("a", "b"));
    assertThat(list.parse("a,B")).isEmpty();
    assertThat(list.parse(" , ")).isEmpty();
    assertThat(new CommaList<>(new Text("", "[a-z]+"), true).parse(",")).contains(List.of());
  }

  @Test
  void commaListOfAChoiceNamesItsWords() {
    assertThat(new CommaList<>(Choice.of("x", "y"), false).range()).isEqualTo("comma list of x, y");
  }

  @Test
  void anyOrTakesItsTokenAsAny() {
    AnyOr<List<String>> sources = new AnyOr<>("*", new CommaList<>(new Text("", "[a-z]+"), false));

    assertThat(sources.parse("*")).contains(Optional.empty());
    assertThat(sources.parse("a,b")).contains(Optional.of(List.of("a", "b")));
    assertThat(sources.parse("*,a")).isEmpty();
    assertThat(sources.range()).isEqualTo("comma list of [a-z]+, or * for any");
  }

  @Test
  void notedTypeChecksLikeItsInnerTypeAndDocumentsTheNote() {
    Noted<String> topic = new Noted<>(new Text("topic name", "[a-z]+"), "compacted");

    assertThat(topic.parse("a")).contains("a");
    assertThat(topic.parse("A")).isEmpty();
    assertThat(topic.range()).isEqualTo("topic name; compacted");
  }

  @Test
  void printableNeutralisesControlCharactersAndLongValues() {
    assertThat(ValueType.printable("a\nb")).isEqualTo("a?b");
    assertThat(ValueType.printable("x".repeat(100))).hasSize(83).endsWith("...");
  }
}
