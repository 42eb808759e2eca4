package dev.intunereset.sandbox.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.ResultsFeed;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code sandbox up} as integrators use it: a separate process that prints where things are, a
 * plain Kafka client producing a request and reading the results, and a clean SIGTERM.
 */
class SandboxUpIT {

  @Test
  void upServesAnExternalKafkaClientAndStopsOnSigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.intunereset.sandbox.SandboxCli",
                "up",
                "--kafka-port",
                "0",
                "--graph-port",
                "0",
                "--ops-port",
                "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Map<String, String> printed = new HashMap<>();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("sandbox is up")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          printed.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      assertThat(printed).containsKeys("KAFKA_BOOTSTRAP", "GRAPH_SIMULATOR_URL", "METRICS_URL");
      // The README shows the sources the sandbox accepts by default, as up prints them.
      for (String key : List.of("REQUEST_ALLOWED_SOURCES", "MASS_RESET_TRUSTED_SOURCES")) {
        assertThat(Files.readAllLines(Path.of("..", "README.md")))
            .contains(key + "=" + printed.get(key));
      }

      UUID id = UUID.randomUUID();
      String request =
          "{\"schemaVersion\":1,\"requestId\":\""
              + id
              + "\","
              + "\"deviceIds\":[\"00000000-0000-4000-8000-000000000001\"],"
              + "\"requestedBy\":\"helpdesk-agent@contoso.com\",\"reason\":\"INC0012345: user locked out\","
              + "\"source\":\"servicenow\"}";
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, printed.get("KAFKA_BOOTSTRAP")),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>(Topics.REQUESTS, id.toString(), request)).get();
      }
      RequestCompleted completed = null;
      try (ResultsFeed feed = new ResultsFeed(printed.get("KAFKA_BOOTSTRAP"))) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (completed == null && System.nanoTime() < deadline) {
          List<ResultEvent> events = feed.poll(Duration.ofMillis(200));
          for (ResultEvent e : events) {
            if (e instanceof RequestCompleted c && c.requestId().equals(id)) {
              completed = c;
            }
          }
        }
      }
      assertThat(completed).isNotNull();
      assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);

      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(printed.get("METRICS_URL"))).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("passcode_reset_device_outcomes_total");

      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }
  }
}
