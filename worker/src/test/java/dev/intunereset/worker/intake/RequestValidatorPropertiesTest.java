package dev.intunereset.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.RequestPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives, the validator answers with exactly one verdict and never throws: random bytes,
 * random JSON, and valid requests with random fields replaced.
 */
class RequestValidatorPropertiesTest {
  private static final RequestPolicy POLICY =
      new RequestPolicy(
          50,
          64 * 1024,
          Duration.ofHours(1),
          Duration.ofHours(24),
          10,
          Set.of(Platform.ANDROID_ENTERPRISE));
  private final RequestValidator validator =
      new RequestValidator(POLICY, Guards.ANY_SOURCE, Set.of("servicenow"));

  @Property(tries = 2000)
  void randomBytesAlwaysGetAVerdict(@ForAll @Size(max = 512) byte[] bytes) {
    assertWellFormed(validator.validate(bytes));
  }

  @Property(tries = 2000)
  void randomJsonAlwaysGetsAVerdict(@ForAll("json") String json) {
    assertWellFormed(validator.validate(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 2000)
  void mutatedRequestsAreAcceptedOnlyWhenEveryFieldIsValid(@ForAll("mutatedRequest") String json) {
    Verdict v = validator.validate(json.getBytes(StandardCharsets.UTF_8));
    assertWellFormed(v);
    if (v instanceof Verdict.Accepted a) {
      assertThat(a.deviceIds()).isNotEmpty().allMatch(d -> d.matches("[0-9a-f-]{36}"));
      assertThat(a.requestedBy()).isNotBlank();
      assertThat(a.reason()).isNotBlank();
      assertThat(a.timeout()).isPositive();
    }
  }

  private static void assertWellFormed(Verdict v) {
    assertThat(v).isNotNull();
    if (v instanceof Verdict.Rejected r) {
      assertThat(r.problems()).isNotEmpty();
      assertThat(r.dlqReason()).isNotBlank();
      assertThat(r.summary()).doesNotContainPattern("[\\p{Cntrl}\\u2028\\u2029\\u202e]");
    } else {
      assertThat(v).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Provide
  Arbitrary<String> json() {
    return jsonValue(4);
  }

  private Arbitrary<String> jsonValue(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40).map(RequestValidatorPropertiesTest::quote),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf),
            Arbitraries.of("true", "false", "null"));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> array =
        jsonValue(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        Combinators.combine(
                Arbitraries.of(
                        "schemaVersion",
                        "requestId",
                        "deviceIds",
                        "requestedBy",
                        "reason",
                        "timeout",
                        "dryRun",
                        "x")
                    .map(RequestValidatorPropertiesTest::quote),
                jsonValue(depth - 1))
            .as((k, val) -> k + ":" + val)
            .list()
            .ofMaxSize(6)
            .map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.oneOf(scalar, array, object);
  }

  @Provide
  Arbitrary<String> mutatedRequest() {
    Arbitrary<String> anyValue = jsonValue(2);
    Arbitrary<String> field =
        Arbitraries.of(
            "schemaVersion",
            "requestId",
            "deviceIds",
            "requestedBy",
            "reason",
            "source",
            "timeout",
            "dryRun",
            "ignorePartialFailures",
            "validateDeviceExists",
            "unknown");
    return Combinators.combine(field, anyValue, Arbitraries.integers().between(0, 2))
        .as(
            (name, value, mode) -> {
              List<String> parts =
                  new java.util.ArrayList<>(
                      List.of(
                          "\"schemaVersion\":1",
                          "\"requestId\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"",
                          "\"deviceIds\":[\"12345678-1234-1234-1234-123456789ABC\"]",
                          "\"requestedBy\":\"a@b.c\"",
                          "\"reason\":\"r\""));
              parts.removeIf(p -> p.startsWith(quote(name) + ":") && mode == 0);
              if (mode > 0) {
                parts.removeIf(p -> p.startsWith(quote(name) + ":"));
                parts.add(quote(name) + ":" + value);
              }
              return "{" + String.join(",", parts) + "}";
            });
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
