package dev.intunereset.sandbox.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression reads: good enough for the expressions of our
 * dashboard and rules (and pinned by {@code PromQlTest}), not a PromQL parser.
 */
public final class PromQl {
  /**
   * Metrics that do not come from the worker, so that no worker scrape can vouch for them; each
   * with where it comes from. Keep this short: everything else must be in the worker's /metrics.
   */
  public static final Map<String, String> EXTERNAL =
      Map.of(
          "kafka_consumergroup_lag",
          "Kafka Exporter (Strimzi spec.kafkaExporter; the compose kafka-exporter service)",
          "kube_pod_status_ready",
          "kube-state-metrics",
          "up",
          "Prometheus itself (scrape health)");

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan");

  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern SINGLE_QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern BACKTICKED = Pattern.compile("`[^`]*`");
  private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");

  private PromQl() {}

  /** The metric names an expression selects (functions, keywords and label names excluded). */
  public static Set<String> metricNames(String expr) {
    String s = DOUBLE_QUOTED.matcher(expr).replaceAll(" ");
    s = SINGLE_QUOTED.matcher(s).replaceAll(" ");
    s = BACKTICKED.matcher(s).replaceAll(" ");
    // Label matchers, ranges and subqueries, grouping label lists: none of them name metrics.
    s = BRACES.matcher(s).replaceAll(" ");
    s = BRACKETS.matcher(s).replaceAll(" ");
    s = LABEL_LIST.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean call = next < s.length() && s.charAt(next) == '(';
      if (!call && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  /** One label matcher of a selector: {@code label op "value"}. */
  public record LabelMatcher(String label, String op, String value) {}

  /** A metric name with the label matchers written in braces right after it. */
  public record Selector(String metric, List<LabelMatcher> matchers) {}

  private static final Pattern SELECTOR =
      Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Every {@code metric{...}} selector of an expression, with its matchers. */
  public static List<Selector> selectors(String expr) {
    List<Selector> out = new ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      List<LabelMatcher> matchers = new ArrayList<>();
      Matcher lm = MATCHER.matcher(m.group(2));
      while (lm.find()) {
        matchers.add(new LabelMatcher(lm.group(1), lm.group(2), lm.group(3)));
      }
      out.add(new Selector(m.group(1), matchers));
    }
    return out;
  }

  /** Every PromQL expression of the dashboard and the rules, by where it is. */
  public static Map<String, String> allExpressions() {
    Map<String, String> out = new TreeMap<>();
    JsonNode dashboard = OpsFiles.dashboard();
    dashboardExpressions(dashboard).forEach((at, e) -> out.put("dashboard " + at, e));
    ruleExpressions(OpsFiles.rulesFile()).forEach((alert, e) -> out.put("rule " + alert, e));
    return out;
  }

  /** Metric names of a Grafana variable query: {@code label_values(<selector>, <label>)}. */
  public static Set<String> variableQueryMetricNames(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (m.matches()) {
      return metricNames(m.group(1));
    }
    if (query.trim().startsWith("label_values(")) {
      return Set.of(); // label_values(label): no metric
    }
    return metricNames(query);
  }

  /** Every PromQL expression of the dashboard's panels (rows included), by where it is. */
  public static Map<String, String> dashboardExpressions(JsonNode dashboard) {
    Map<String, String> out = new TreeMap<>();
    collectPanelExpressions(dashboard.path("panels"), out);
    return out;
  }

  private static void collectPanelExpressions(JsonNode panels, Map<String, String> out) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          out.put(
              "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
              target.get("expr").asText());
        }
      }
      collectPanelExpressions(panel.path("panels"), out);
    }
  }

  /** Queries of the dashboard's query variables, by variable name. */
  public static Map<String, String> dashboardVariableQueries(JsonNode dashboard) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if ("query".equals(v.path("type").asText())) {
        JsonNode q = v.path("query");
        out.put(v.path("name").asText(), q.isObject() ? q.path("query").asText() : q.asText());
      }
    }
    return out;
  }

  /** Every rule expression of a Prometheus rules document ({@code groups:}), by rule name. */
  public static Map<String, String> ruleExpressions(JsonNode rules) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name =
            rule.hasNonNull("alert") ? rule.get("alert").asText() : rule.path("record").asText();
        out.put(name, rule.path("expr").asText());
      }
    }
    return out;
  }

  /** Names defined by recording rules, which expressions may read like any metric. */
  public static List<String> recordedNames(JsonNode rules) {
    List<String> out = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.hasNonNull("record")) {
          out.add(rule.get("record").asText());
        }
      }
    }
    return out;
  }

  /** Every metric name the dashboard and the alert rules read, with one place that reads it. */
  public static Map<String, String> referencedMetrics() {
    JsonNode dashboard = OpsFiles.dashboard();
    JsonNode rules = OpsFiles.rulesFile();
    Map<String, String> where = new TreeMap<>();
    dashboardExpressions(dashboard)
        .forEach(
            (at, expr) -> metricNames(expr).forEach(n -> where.putIfAbsent(n, "dashboard " + at)));
    dashboardVariableQueries(dashboard)
        .forEach(
            (name, q) ->
                variableQueryMetricNames(q)
                    .forEach(n -> where.putIfAbsent(n, "dashboard variable $" + name)));
    ruleExpressions(rules)
        .forEach(
            (alert, expr) -> metricNames(expr).forEach(n -> where.putIfAbsent(n, "rule " + alert)));
    recordedNames(rules).forEach(where::remove);
    return where;
  }
}
