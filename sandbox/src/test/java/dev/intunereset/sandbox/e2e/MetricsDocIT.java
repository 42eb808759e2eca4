package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/metrics.md and a real scrape after a run name the same worker metrics. */
class MetricsDocIT {
  private static final Pattern DOC_ROW = Pattern.compile("^\\| `([a-z_]+)`", Pattern.MULTILINE);
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

  @Test
  void everyWorkerMetricIsDocumentedAndEveryDocumentedOneIsExported() throws Exception {
    SandboxStack stack = SharedStack.get();
    List<String> android = DeviceInventory.firstResettableAndroidIds(3_000);
    UUID ok = UUID.randomUUID();
    UUID mixed = UUID.randomUUID();
    UUID bad = UUID.randomUUID();
    new RequestRun(stack.bootstrapServers())
        .publishAndAwait(
            Set.of(ok, mixed, bad),
            Duration.ofSeconds(60),
            RequestRun.request(ok, android.subList(2990, 2991), ""),
            RequestRun.request(
                mixed,
                List.of(android.get(2992), "0badc0de-0000-4000-8000-0000000000d1"),
                "\"ignorePartialFailures\":true"),
            "{\"requestId\":\"" + bad + "\"}");

    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + stack.workers().get(0).opsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Set<String> exported = new TreeSet<>();
    Matcher s = SAMPLE.matcher(scrape);
    while (s.find()) {
      exported.add(s.group(1).replaceAll("_(bucket|count|sum|max)$", ""));
    }
    Set<String> documented = new TreeSet<>();
    Matcher d = DOC_ROW.matcher(Files.readString(Path.of("..", "docs", "metrics.md")));
    while (d.find()) {
      documented.add(d.group(1));
    }

    Set<String> ours = new TreeSet<>();
    exported.stream().filter(n -> n.startsWith("passcode_reset_")).forEach(ours::add);
    Set<String> documentedOurs = new TreeSet<>();
    documented.stream().filter(n -> n.startsWith("passcode_reset_")).forEach(documentedOurs::add);
    assertThat(ours).isEqualTo(documentedOurs);
    assertThat(exported)
        .contains("kafka_consumer_fetch_manager_records_lag", "jvm_memory_used_bytes");
  }
}
