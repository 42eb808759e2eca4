package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault controls of a running simulator ({@code sandbox/run up}, the standalone one): {@code
 * GET /_sim/behavior} shows the {@link BehaviorKnobs} as JSON, {@code PUT} with a JSON object of
 * some of them changes those, a bad one is 400 with the problem. Kept off Graph's paths ({@code
 * /beta/…} never reaches it) and not Graph: it answers only a loopback peer that names a loopback
 * host (no DNS rebinding) and sends no bearer token (so no Graph client's request is ever taken for
 * it), and a PUT must say {@code Content-Type: application/json} (so no web page's form can send
 * one).
 */
final class SimulatorAdmin implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SimulatorAdmin.class);

  static final String PATH = "/_sim/";
  static final String BEHAVIOR = PATH + "behavior";

  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<SimulatorBehavior> behavior;
  private final Clock clock;

  SimulatorAdmin(AtomicReference<SimulatorBehavior> behavior, Clock clock) {
    this.behavior = behavior;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String refusal =
          refusal(
              exchange.getRemoteAddress().getAddress(),
              exchange.getRequestHeaders().getFirst("Host"),
              exchange.getRequestHeaders().getFirst("Authorization"));
      if (refusal != null) {
        send(exchange, 403, problem(refusal));
        return;
      }
      if (!BEHAVIOR.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, problem("the fault controls are at " + BEHAVIOR));
        return;
      }
      switch (exchange.getRequestMethod().toUpperCase(Locale.ROOT)) {
        case "GET" -> send(exchange, 200, BehaviorKnobs.of(behavior.get(), clock.instant()));
        case "PUT" -> put(exchange);
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, PUT");
          send(exchange, 405, problem("GET or PUT " + BEHAVIOR));
        }
      }
    } catch (RuntimeException e) {
      log.error("Graph simulator admin failed on {}", exchange.getRequestURI(), e);
    } finally {
      exchange.close();
    }
  }

  /**
   * Why a request may not use the controls, or null when it may.
   *
   * @param host the {@code Host} header, or null
   * @param authorization the {@code Authorization} header, or null
   */
  static String refusal(InetAddress peer, String host, String authorization) {
    if (!peer.isLoopbackAddress()) {
      return "the fault controls answer only on the loopback interface";
    }
    if (host == null || !loopbackName(host)) {
      return "the fault controls answer only to a loopback host name: " + host;
    }
    if (authorization != null) {
      return "the fault controls are not Graph: send no Authorization header";
    }
    return null;
  }

  private void put(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      send(exchange, 415, problem("send the knobs as Content-Type: application/json"));
      return;
    }
    SimulatorBehavior next;
    Instant now = clock.instant();
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode changes = JSON.readTree(in.readNBytes(MAX_BODY_BYTES));
      // One read-modify-write, so a concurrent Java API swap is not lost half-way.
      next = behavior.updateAndGet(current -> BehaviorKnobs.apply(current, changes, now));
    } catch (JsonProcessingException e) {
      send(exchange, 400, problem("the body is not JSON: " + e.getOriginalMessage()));
      return;
    } catch (IllegalArgumentException e) {
      send(exchange, 400, problem(e.getMessage()));
      return;
    }
    log.info("Graph simulator behavior changed over {}: {}", BEHAVIOR, BehaviorKnobs.of(next, now));
    send(exchange, 200, BehaviorKnobs.of(next, now));
  }

  private static boolean loopbackName(String host) {
    String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
  }

  private static Map<String, Object> problem(String message) {
    return Map.of("problem", message);
  }

  private static void send(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
