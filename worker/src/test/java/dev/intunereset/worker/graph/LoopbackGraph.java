package dev.intunereset.worker.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.intunereset.worker.config.ConfigReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * A scripted Graph on the loopback interface and the worker's SDK-backed gateway pointed at it with
 * a static token: for tests of what the SDK sends and how the gateway reads the answers.
 */
record LoopbackGraph(HttpServer server, String baseUrl, GraphGateway gateway)
    implements AutoCloseable {

  /** Answers every request with {@code handler}. */
  static LoopbackGraph start(HttpHandler handler, String token, Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", handler);
    server.start();
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/beta";
    GraphGateway gateway =
        GraphGateways.create(
            ConfigReader.read(
                    Map.of(
                        "GRAPH_AUTH_MODE", "static-token",
                        "GRAPH_STATIC_TOKEN", token,
                        "GRAPH_BASE_URL", baseUrl))
                .graph(),
            1,
            clock);
    return new LoopbackGraph(server, baseUrl, gateway);
  }

  /** A JSON answer with Graph's {@code request-id} header, {@code graph-<status>}. */
  static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("request-id", "graph-" + status);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    gateway.close();
    server.stop(0);
  }
}
