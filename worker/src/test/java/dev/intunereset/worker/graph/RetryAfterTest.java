package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  // Sun, 06 Nov 1994 08:49:37 GMT, the example date of RFC 9110.
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("1994-11-06T08:49:37Z"), ZoneOffset.UTC);

  @Test
  void parsesDeltaSeconds() {
    assertThat(RetryAfter.parse("120", CLOCK)).contains(Duration.ofSeconds(120));
  }

  @Test
  void parsesZeroSeconds() {
    assertThat(RetryAfter.parse("0", CLOCK)).contains(Duration.ZERO);
  }

  @Test
  void toleratesSurroundingWhitespace() {
    assertThat(RetryAfter.parse(" 5 ", CLOCK)).contains(Duration.ofSeconds(5));
  }

  @Test
  void parsesHttpDateInTheFutureAsTheTimeUntilThen() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:51:07 GMT", CLOCK))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void httpDateInThePastMeansRetryNow() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", CLOCK)).contains(Duration.ZERO);
  }

  @Test
  void httpDateNowMeansRetryNow() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", CLOCK)).contains(Duration.ZERO);
  }

  @Test
  void nullIsEmpty() {
    assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "soon",
        "-1",
        "1.5",
        "1234567890",
        "2h",
        "1994-11-06T08:51:07Z",
        "Sun, 32 Nov 1994 08:51:07 GMT"
      })
  void garbageIsEmpty(String value) {
    assertThat(RetryAfter.parse(value, CLOCK)).isEmpty();
  }
}
