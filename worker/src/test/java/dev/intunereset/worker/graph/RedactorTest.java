package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String SECRET = "Sx9~qL2.vR7_mK4";
  private static final String JWT =
      "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXBhcnQ";

  private final Redactor redactor = new Redactor(List.of(SECRET));

  @Test
  void scrubsConfiguredSecret() {
    String out = redactor.scrub("token request failed for secret " + SECRET + " (AADSTS7000215)");

    assertThat(out)
        .doesNotContain(SECRET)
        .isEqualTo("token request failed for secret **** (AADSTS7000215)");
  }

  @Test
  void scrubsEveryOccurrenceOfASecret() {
    assertThat(redactor.scrub(SECRET + "/" + SECRET)).isEqualTo("****/****");
  }

  @Test
  void treatsSecretLiterallyNotAsARegex() {
    Redactor dotted = new Redactor(List.of("a.b.c.d"));

    assertThat(dotted.scrub("axbxcxd a.b.c.d")).isEqualTo("axbxcxd ****");
  }

  @Test
  void ignoresSecretsTooShortToScrubSafely() {
    Redactor tiny = new Redactor(List.of("ab"));

    assertThat(tiny.scrub("tab about")).isEqualTo("tab about");
  }

  @Test
  void scrubsBearerToken() {
    String out = redactor.scrub("Authorization: Bearer abc.DEF-123_~+/=");

    assertThat(out).isEqualTo("Authorization: Bearer ****");
  }

  @Test
  void scrubsBearerTokenCaseInsensitively() {
    assertThat(redactor.scrub("authorization: bearer xyz789")).doesNotContain("xyz789");
  }

  @Test
  void scrubsJwtShapedText() {
    String out = redactor.scrub("invalid token " + JWT + " rejected");

    assertThat(out).isEqualTo("invalid token **** rejected");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    String text = "Graph answered 404 ResourceNotFound: device 0a1b not found";

    assertThat(redactor.scrub(text)).isEqualTo(text);
  }

  @Test
  void flattensControlCharacters() {
    assertThat(redactor.scrub("line one\nline two\r\tend\u0000"))
        .isEqualTo("line one line two  end ");
  }

  @Test
  void flattensUnicodeLineSeparatorsAndControls() {
    assertThat(redactor.scrub("a\u0085b\u2028c\u202Ed")).isEqualTo("a b c d");
  }

  @Test
  void truncatesLongText() {
    String out = redactor.scrub("x".repeat(600));

    assertThat(out).hasSize(503).endsWith("...").startsWith("x".repeat(500));
  }

  @Test
  void keepsTextAtTheLimit() {
    assertThat(redactor.scrub("y".repeat(500))).isEqualTo("y".repeat(500));
  }

  @Test
  void secretStraddlingTheTruncationPointLeavesNoFragment() {
    String text = "z".repeat(495) + SECRET;

    assertThat(redactor.scrub(text)).doesNotContain(SECRET.substring(0, 5));
  }

  @Test
  void nullStaysNull() {
    assertThat(redactor.scrub(null)).isNull();
  }
}
