package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.ops.OpsFiles;
import dev.intunereset.sandbox.ops.PromQl;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations artifacts against the real worker: drives a small request mix through the shared
 * stack (a reset, an unknown device, a broken message, and a few resets under Graph throttling, so
 * that every labelled counter exists), scrapes the worker's /metrics and checks that every metric
 * the Grafana dashboard and the alert rules read is exported, with the labels they match on; then
 * calls the probe paths of the Kubernetes manifest on the live worker.
 */
class MetricsExportIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  // Devices no other shared-stack test uses, so their per-device POST counts stay theirs.
  private static final List<String> DEVICES =
      DeviceInventory.firstResettableAndroidIds(5_000).subList(4_900, 4_910);
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static SandboxStack stack;

  @BeforeAll
  static void startStack() {
    stack = SharedStack.get();
  }

  private static String ops(String path) {
    return "http://127.0.0.1:" + stack.workers().get(0).opsPort() + path;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ops(path))).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sample name to the label sets seen for it, from Prometheus text format. */
  static Map<String, List<Map<String, String>>> parse(String scrape) {
    Map<String, List<Map<String, String>>> samples = new TreeMap<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      int end = brace >= 0 && brace < space ? brace : space;
      String name = line.substring(0, end);
      Map<String, String> labels = new HashMap<>();
      if (end == brace) {
        Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
      }
      samples.computeIfAbsent(name, k -> new ArrayList<>()).add(labels);
    }
    return samples;
  }

  private static void runRequestMix() {
    UUID ok = UUID.randomUUID();
    UUID partly = UUID.randomUUID();
    UUID broken = UUID.randomUUID();
    String brokenMessage =
        "{\"schemaVersion\":1,\"requestId\":\"" + broken + "\",\"deviceIds\":[\"{nope}\"]}";
    new RequestRun(stack.bootstrapServers())
        .publishAndAwait(
            Set.of(ok, partly, broken),
            TIMEOUT,
            RequestRun.request(ok, List.of(DEVICES.get(0)), ""),
            RequestRun.request(
                partly,
                List.of(DEVICES.get(1), "0badc0de-0000-4000-8000-0000000000e1"),
                "\"ignorePartialFailures\":true"),
            brokenMessage);

    // Graph admits one reset per 2 s: the worker meets 429s, retries them (cause THROTTLED) and
    // slows down. The shared simulator gets its behaviour back whatever happens.
    SimulatorBehavior before = stack.simulator().behavior();
    stack.simulator().behavior(before.toBuilder().throttle(1, 0, Duration.ofSeconds(2)).build());
    try {
      UUID throttled = UUID.randomUUID();
      new RequestRun(stack.bootstrapServers())
          .publishAndAwait(
              Set.of(throttled),
              TIMEOUT,
              RequestRun.request(
                  throttled,
                  DEVICES.subList(2, 6),
                  "\"validateDeviceExists\":false,\"ignorePartialFailures\":true"));
    } finally {
      stack.simulator().behavior(before);
    }
  }

  @Test
  void everyMetricTheDashboardAndTheAlertsReadIsExportedWithItsLabels() throws Exception {
    runRequestMix();

    Map<String, String> referenced = new TreeMap<>(PromQl.referencedMetrics());
    PromQl.EXTERNAL.keySet().forEach(referenced::remove);
    assertThat(referenced).isNotEmpty();

    Map<String, List<Map<String, String>>> samples = Map.of();
    Map<String, String> missing = new LinkedHashMap<>(referenced);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // Counters are bumped around the transaction that publishes the events just awaited.
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      HttpResponse<String> scrape = get("/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      samples = parse(scrape.body());
      missing.keySet().removeAll(samples.keySet());
      if (!missing.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(missing)
        .as(
            "metrics read by the dashboard or the alerts but not exported (name = where it is used)")
        .isEmpty();

    List<String> labelProblems = new ArrayList<>();
    for (Map.Entry<String, String> e : PromQl.allExpressions().entrySet()) {
      for (PromQl.Selector s : PromQl.selectors(e.getValue())) {
        List<Map<String, String>> series = samples.get(s.metric());
        if (series == null) {
          continue; // external, checked above otherwise
        }
        for (PromQl.LabelMatcher m : s.matchers()) {
          if (Set.of("instance", "job", "namespace", "pod").contains(m.label())) {
            continue; // target labels, added by Prometheus
          }
          boolean labelSeen = series.stream().anyMatch(l -> l.containsKey(m.label()));
          boolean valueSeen =
              !m.op().equals("=")
                  || series.stream().anyMatch(l -> m.value().equals(l.get(m.label())));
          if (!labelSeen || !valueSeen) {
            labelProblems.add(
                e.getKey()
                    + ": "
                    + s.metric()
                    + "{"
                    + m.label()
                    + m.op()
                    + "\""
                    + m.value()
                    + "\"}");
          }
        }
      }
    }
    assertThat(labelProblems).as("label matchers that match nothing the worker exported").isEmpty();

    // Leave the shared worker as found: its budget factor recovers from the 429s within a window.
    long recover = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < recover && budgetFactor() < 0.999) {
      Thread.sleep(1000);
    }
  }

  /** The worker's budget factor gauge, 1 when it cannot be read. */
  private static double budgetFactor() throws IOException, InterruptedException {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("passcode_reset_graph_budget_factor ")) {
        return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    return 1.0;
  }

  @Test
  void theManifestsProbePathsAnswerOnTheLiveWorker() throws Exception {
    JsonNode container =
        OpsFiles.kubernetesObject("StatefulSet")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      String path = container.path(probe).path("httpGet").path("path").asText();
      // As the kubelet would: a freshly started worker is ready once its loops have connected.
      HttpResponse<String> r = get(path);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (r.statusCode() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(500);
        r = get(path);
      }
      assertThat(r.statusCode()).as("%s %s: %s", probe, path, r.body()).isEqualTo(200);
      assertThat(r.body()).as("%s %s", probe, path).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void everyReadinessCheckIsDocumented() throws Exception {
    JsonNode ready = new ObjectMapper().readTree(get("/health/ready").body());
    Set<String> checks = new HashSet<>();
    ready.path("checks").fieldNames().forEachRemaining(checks::add);
    assertThat(checks).isNotEmpty();
    String doc = OpsFiles.text("docs/operations.md");
    for (String check : checks) {
      assertThat(doc)
          .as("docs/operations.md documents readiness check %s", check)
          .contains("`" + check + "`");
    }
  }
}
