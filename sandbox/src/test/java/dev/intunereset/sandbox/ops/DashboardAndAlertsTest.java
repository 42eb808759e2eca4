package dev.intunereset.sandbox.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules: well-formed, every alert with a runbook section in
 * docs/operations.md, and every metric either the worker's own (MetricsExportIT checks those
 * against a live scrape) or one of the few named external ones.
 */
class DashboardAndAlertsTest {
  private static final List<String> WORKER_PREFIXES =
      List.of(
          "passcode_reset_", "jvm_", "process_", "system_", "kafka_consumer_", "kafka_producer_");

  private static List<JsonNode> allPanels(JsonNode panels) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : panels) {
      out.add(p);
      out.addAll(allPanels(p.path("panels")));
    }
    return out;
  }

  @Test
  void theDashboardIsWellFormed() {
    JsonNode d = OpsFiles.dashboard();
    assertThat(d.path("uid").asText()).isEqualTo("passcode-reset");
    assertThat(d.path("title").asText()).isNotBlank();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : allPanels(d.path("panels"))) {
      String title = p.path("title").asText();
      assertThat(ids.add(p.path("id").asInt())).as("unique id of panel %s", title).isTrue();
      JsonNode grid = p.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as("width of %s", title)
          .isLessThanOrEqualTo(24);
      if ("row".equals(p.path("type").asText())) {
        continue;
      }
      assertThat(p.path("targets")).as("targets of %s", title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode t : p.path("targets")) {
        assertThat(refIds.add(t.path("refId").asText())).as("unique refId in %s", title).isTrue();
        assertThat(t.path("expr").asText()).as("expr in %s", title).isNotBlank();
        assertThat(t.path("datasource").path("uid").asText())
            .as("datasource of %s", title)
            .isEqualTo("${datasource}");
      }
    }
    List<String> variables = new ArrayList<>();
    d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("datasource", "instance");
  }

  @Test
  void theDashboardCoversWhatOperatorsAskAbout() {
    Set<String> names = new HashSet<>();
    PromQl.dashboardExpressions(OpsFiles.dashboard())
        .values()
        .forEach(e -> names.addAll(PromQl.metricNames(e)));
    assertThat(names)
        .contains(
            "passcode_reset_device_outcomes_total",
            "passcode_reset_requests_accepted_total",
            "passcode_reset_requests_rejected_total",
            "passcode_reset_requests_completed_total",
            "passcode_reset_graph_call_duration_seconds_bucket",
            "passcode_reset_graph_retries_total",
            "passcode_reset_graph_circuit_open",
            "passcode_reset_graph_budget_factor",
            "passcode_reset_tasks_in_flight",
            "passcode_reset_requests_open",
            "passcode_reset_request_duration_seconds_bucket",
            "passcode_reset_devices_settled_total",
            "passcode_reset_settlement_reads_total",
            "passcode_reset_settlement_pending",
            "passcode_reset_settlement_oldest_pending_seconds",
            "jvm_memory_used_bytes");
  }

  @Test
  void everyReferencedMetricIsTheWorkersOrANamedExternalOne() {
    Map<String, String> referenced = PromQl.referencedMetrics();
    referenced.forEach(
        (name, where) -> {
          boolean worker = WORKER_PREFIXES.stream().anyMatch(name::startsWith);
          assertThat(worker || PromQl.EXTERNAL.containsKey(name))
              .as(
                  "%s (used by %s) is neither a worker metric nor a known external one",
                  name, where)
              .isTrue();
        });
    assertThat(referenced.keySet())
        .as("stale EXTERNAL entries")
        .containsAll(PromQl.EXTERNAL.keySet());
  }

  @Test
  void everyAlertHasSeverityTextAndARunbookSection() {
    Set<String> anchors = anchors(OpsFiles.text("docs/operations.md"));
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : OpsFiles.rulesFile().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        alerts.add(alert);
        assertThat(rule.path("labels").path("severity").asText())
            .as(alert)
            .isIn("critical", "warning", "info");
        assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
        assertThat(rule.path("annotations").path("description").asText()).as(alert).isNotBlank();
        String runbook = rule.path("annotations").path("runbook_url").asText();
        assertThat(runbook).as(alert).startsWith("docs/operations.md#");
        String anchor = runbook.substring(runbook.indexOf('#') + 1);
        assertThat(anchor).as(alert).isEqualTo(alert.toLowerCase(Locale.ROOT));
        assertThat(anchors).as("section for %s in docs/operations.md", alert).contains(anchor);
      }
    }
    assertThat(alerts)
        .as("lag, 429s, circuit, DLQ, no progress, not ready, settlement stuck")
        .contains(
            "PasscodeResetConsumerLagGrowing",
            "PasscodeResetGraphThrottled",
            "PasscodeResetGraphCircuitOpen",
            "PasscodeResetRequestsDeadLettered",
            "PasscodeResetNoProgress",
            "PasscodeResetWorkerNotReady",
            "PasscodeResetSettlementStuck")
        .doesNotHaveDuplicates();
    assertThat(OpsFiles.text("deploy/prometheus/tests/passcode-reset.rules.test.yml"))
        .contains("../rules/passcode-reset.rules.yml");
  }

  @Test
  void theLagAlertLeavesOutTheGroupsWhoseLagIsHighByDesign() {
    String expr = null;
    for (JsonNode group : OpsFiles.rulesFile().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if ("PasscodeResetConsumerLagGrowing".equals(rule.path("alert").asText())) {
          expr = rule.path("expr").asText();
        }
      }
    }
    assertThat(expr).isNotNull();
    Matcher m = Pattern.compile("consumergroup=~\"([^\"]+)\"").matcher(expr);
    List<Pattern> groups = new ArrayList<>();
    while (m.find()) {
      groups.add(Pattern.compile(m.group(1)));
    }
    assertThat(groups).isNotEmpty();
    for (Pattern g : groups) {
      // Prometheus anchors label regexes at both ends, as matches() does.
      assertThat(g.matcher("passcode-reset-worker-dispatch").matches()).as(g.pattern()).isTrue();
      assertThat(g.matcher("passcode-reset-worker-settlement").matches())
          .as("%s: settlement commits only up to the oldest request it follows", g.pattern())
          .isFalse();
    }
  }

  @Test
  void theRunbookListsEveryTopic() {
    String doc = OpsFiles.text("docs/operations.md");
    KubernetesManifestsTest.defaultTopics()
        .values()
        .forEach(t -> assertThat(doc).contains("`" + t + "`"));
  }

  /** GitHub-style heading anchors of a Markdown document. */
  static Set<String> anchors(String markdown) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE).matcher(markdown);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
    }
    return out;
  }
}
