package dev.intunereset.sandbox.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins what {@link PromQl} takes for a metric name, since the consistency checks rely on it. */
class PromQlTest {
  @Test
  void findsTheSeriesOfHistogramQuantilesAndRates() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, operation)"
                    + " (rate(passcode_reset_graph_call_duration_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))"))
        .containsExactly("passcode_reset_graph_call_duration_seconds_bucket");
  }

  @Test
  void ignoresLabelsStringsRangesKeywordsAndNumbers() {
    assertThat(
            PromQl.metricNames(
                "sum by (reason) (increase(a_total{reason=~\"FORBIDDEN|x y\"}[15m])) > 1e-9\n"
                    + "or\nsum by (reason) (a_total unless a_total offset 15m)\n"
                    + "and on () (sum(rate(b_total[15m])) or on () vector(0)) == bool 0"
                    + " * on (instance) group_left (lane) c_info"))
        .containsExactly("a_total", "b_total", "c_info");
  }

  @Test
  void aggregationWithTrailingByClauseAndTopLevelSelector() {
    assertThat(PromQl.metricNames("sum(rate(x_total[5m])) by (status) / ignoring(status) y"))
        .containsExactly("x_total", "y");
    assertThat(PromQl.metricNames("up{job=~\"(.*/)?w\"} == 0")).containsExactly("up");
    assertThat(PromQl.metricNames("max_over_time(g[5m:1m]) == Inf")).containsExactly("g");
  }

  @Test
  void selectorsCarryTheirMatchers() {
    assertThat(
            PromQl.selectors(
                "sum(rate(x_total{instance=~\"$instance\", cause=\"THROTTLED\"}[5m])) / y{a!=\"b\\\"c\"}"))
        .containsExactly(
            new PromQl.Selector(
                "x_total",
                List.of(
                    new PromQl.LabelMatcher("instance", "=~", "$instance"),
                    new PromQl.LabelMatcher("cause", "=", "THROTTLED"))),
            new PromQl.Selector("y", List.of(new PromQl.LabelMatcher("a", "!=", "b\\\"c"))));
  }

  @Test
  void variableQueriesNameTheSelectorNotTheLabel() {
    assertThat(PromQl.variableQueryMetricNames("label_values(m{job=\"a\"}, instance)"))
        .containsExactly("m");
    assertThat(PromQl.variableQueryMetricNames("label_values(instance)")).isEmpty();
  }

  @Test
  void theDashboardAndTheRulesReferenceTheMetricsTheyAreAbout() {
    assertThat(PromQl.referencedMetrics().keySet())
        .contains(
            "passcode_reset_device_outcomes_total",
            "passcode_reset_graph_call_duration_seconds_bucket",
            "passcode_reset_graph_retries_total",
            "passcode_reset_graph_circuit_open",
            "passcode_reset_requests_rejected_total",
            "passcode_reset_requests_open",
            "jvm_memory_used_bytes")
        .doesNotContain("le", "instance", "operation", "vector", "rate", "sum");
  }
}
