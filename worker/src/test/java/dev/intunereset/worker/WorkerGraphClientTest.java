package dev.intunereset.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.intunereset.worker.config.ConfigReader;
import dev.intunereset.worker.config.WorkerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerGraphClientTest {
  private static final String TOKEN = "tok-Zq7vX93kLmW2pRt5";

  private HttpServer graph;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startGraph() throws IOException {
    graph = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    graph.createContext(
        "/",
        exchange -> {
          calls.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          int status = exchange.getRequestURI().getPath().contains("/missing/") ? 404 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    graph.start();
  }

  @AfterEach
  void stopGraph() {
    graph.stop(0);
  }

  private static WorkerConfig configFor(String baseUrl) {
    return ConfigReader.read(
        Map.of(
            "GRAPH_AUTH_MODE", "static-token",
            "GRAPH_STATIC_TOKEN", TOKEN,
            "GRAPH_BASE_URL", baseUrl));
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + graph.getAddress().getPort() + "/beta";
  }

  @Test
  void resetsThePasscodeWithTheConfiguredTokenAndReturnsGraphsStatus() {
    try (WorkerGraphClient client =
        WorkerGraphClient.open(configFor(baseUrl()), 2, Clock.systemUTC())) {
      assertThat(client.resetPasscode("device-1", "c-1")).isEqualTo(204);
      assertThat(client.resetPasscode("missing", "c-2")).isEqualTo(404);
    }
    assertThat(calls)
        .containsExactly(
            "POST /beta/deviceManagement/managedDevices/device-1/resetPasscode Bearer " + TOKEN,
            "POST /beta/deviceManagement/managedDevices/missing/resetPasscode Bearer " + TOKEN);
  }

  @Test
  void returnsZeroWhenGraphDoesNotAnswer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (WorkerGraphClient client =
        WorkerGraphClient.open(
            configFor("http://127.0.0.1:" + closedPort + "/beta"), 1, Clock.systemUTC())) {
      assertThat(client.resetPasscode("device-1", "c-1")).isZero();
    }
  }
}
