package dev.intunereset.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final ScenarioResult SCENARIO =
      new ScenarioResult(
          "budget-saturation",
          "1. Budget saturation",
          List.of("100 POSTs per 2 s"),
          List.of(
              new Metric("budgetUse", "budget use", "", 4),
              new Metric("throttled", "429 answers", "", 0)),
          List.of(
              Map.of("budgetUse", 0.96, "throttled", 0.0),
              Map.of("budgetUse", 0.98, "throttled", 2.0),
              Map.of("budgetUse", 0.975, "throttled", 0.0)),
          List.of(
              Target.atLeast("budget use >= 0.97", "budgetUse", 0.97),
              Target.atMost("zero 429s", "throttled", 0)),
          List.of("a note"));

  private static Report report() {
    return new Report(
        "bench/run",
        "full",
        Instant.parse("2026-11-23T12:00:00Z"),
        Duration.ofMinutes(15),
        new Machine(2, 23.5, "AMD EPYC", "OpenJDK 17", "Linux", 0.2, 1.5),
        List.of(SCENARIO));
  }

  @Test
  void targetsAreJudgedOnTheMedianOfTheRuns() {
    assertThat(SCENARIO.median("budgetUse")).isEqualTo(0.975);
    assertThat(SCENARIO.median("throttled")).isZero();
    assertThat(SCENARIO.allTargetsMet()).isTrue();
  }

  @Test
  void jsonHoldsEveryRunTheMediansAndTheVerdicts() {
    JsonNode json = report().json();

    JsonNode s = json.get("scenarios").get(0);
    assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(s.get("runs")).hasSize(3);
    assertThat(s.get("runs").get(1).get("throttled").asDouble()).isEqualTo(2.0);
    assertThat(s.get("median").get("budgetUse").asDouble()).isEqualTo(0.975);
    assertThat(s.get("targets").get(0).get("met").asBoolean()).isTrue();
    assertThat(s.get("targets").get(1).get("comparison").asText()).isEqualTo("<=");
  }

  @Test
  void markdownHasTheCommandTheMachineAndARowPerFigureWithEveryRun() {
    String md = report().markdown();

    assertThat(md).contains("`bench/run`").contains("| cores | 2 |").contains("AMD EPYC");
    assertThat(md).contains("| budget use | 0.9600 | 0.9800 | 0.9750 | 0.9750 |");
    assertThat(md).contains("| 1. Budget saturation | zero 429s | 0 | yes |");
    assertThat(md).doesNotContain("{{");
  }
}
