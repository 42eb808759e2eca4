package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** /health/ready over real HTTP: ready with a broker, not ready (and saying why) without one. */
class ReadinessIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> await(int port, Predicate<HttpResponse<String>> condition)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> r = get(port, "/health/ready");
    while (!condition.test(r) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = get(port, "/health/ready");
    }
    return r;
  }

  @Test
  void readinessFlipsToNotReadyWithTheReasonWhenTheBrokerStops() throws Exception {
    try (SandboxStack stack =
        SandboxStack.start(
            SandboxStack.Options.defaults().withWorkerEnv(Map.of("GRAPH_CALL_TIMEOUT", "1s")))) {
      Worker worker = stack.startWorker();
      int port = worker.opsPort();

      HttpResponse<String> ready = await(port, r -> r.statusCode() == 200);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body())
          .contains("\"status\":\"UP\"", "\"kafka.broker\":\"ok\"", "task partitions");
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);

      stack.kafka().close();

      HttpResponse<String> down = await(port, r -> r.statusCode() == 503);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"kafka.broker\":\"unreachable");
      assertThat(get(port, "/health/live").statusCode())
          .as("still live: it can recover")
          .isEqualTo(200);
    }
  }
}
