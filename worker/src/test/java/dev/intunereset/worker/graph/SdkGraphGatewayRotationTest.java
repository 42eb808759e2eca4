package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rotateBitLockerKeys} through the real Graph beta SDK over HTTP: the path the SDK's request
 * builder sends, the client-request-id set per call, and Graph's request-id captured from a 204 and
 * from an error body, as for resetPasscode. (The sandbox's {@code WorkerGraphClientRotationTest}
 * sends it to the Graph simulator.)
 */
class SdkGraphGatewayRotationTest {
  private static final String ERROR_400 =
      "{\"error\":{\"code\":\"BadRequest\",\"message\":\"{\\\"_version\\\": 3}\","
          + "\"innerError\":{\"date\":\"2026-11-10T09:00:00\",\"request-id\":\"graph-400\","
          + "\"client-request-id\":\"c-2\"}}}";

  private final List<String> received = new CopyOnWriteArrayList<>();
  private LoopbackGraph graph;
  private GraphGateway gateway;

  @BeforeEach
  void startAFakeGraph() {
    graph = LoopbackGraph.start(this::answer, "rotation-test-token", Clock.systemUTC());
    gateway = graph.gateway();
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  /** 204 for the Windows device, Graph's opaque 400 for the Android one. */
  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    received.add(
        exchange.getRequestMethod()
            + " "
            + path
            + " client-request-id="
            + exchange.getRequestHeaders().getFirst("client-request-id"));
    exchange.getRequestBody().readAllBytes();
    if (path.contains("/android/")) {
      LoopbackGraph.json(exchange, 400, ERROR_400);
    } else {
      exchange.getResponseHeaders().add("request-id", "graph-204");
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    }
  }

  @Test
  void postsTheRotationWithItsClientRequestIdAndKeepsGraphsRequestId() {
    GraphCallResult result = gateway.rotateBitLockerKeys("windows", "c-1");

    assertThat(result.kind()).isEqualTo(GraphCallResult.Kind.SUCCESS);
    assertThat(result.httpStatus()).isEqualTo(204);
    assertThat(result.graphRequestId()).isEqualTo("graph-204");
    assertThat(result.clientRequestId()).isEqualTo("c-1");
    assertThat(received)
        .containsExactly(
            "POST /beta/deviceManagement/managedDevices/windows/rotateBitLockerKeys"
                + " client-request-id=c-1");
  }

  @Test
  void anOpaque400IsAnHttpErrorWithGraphsCodeAndRequestId() {
    GraphCallResult result = gateway.rotateBitLockerKeys("android", "c-2");

    assertThat(result.kind()).isEqualTo(GraphCallResult.Kind.HTTP_ERROR);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.graphErrorCode()).isEqualTo("BadRequest");
    assertThat(result.graphRequestId()).isEqualTo("graph-400");
    assertThat(result.clientRequestId()).isEqualTo("c-2");
  }

  @Test
  void theResetStillPostsToItsOwnPath() {
    assertThat(gateway.resetPasscode("windows", "c-3").graphRequestId()).isEqualTo("graph-204");
    assertThat(received)
        .containsExactly(
            "POST /beta/deviceManagement/managedDevices/windows/resetPasscode"
                + " client-request-id=c-3");
  }
}
