package dev.intunereset.sandbox.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of the simulator: reads each exchange into a {@link GraphRequest}, has the {@link
 * GraphDecider} answer it at arrival, records the call, and hands the answer to the {@link
 * Responder}. Deciding at arrival (not after the latency) keeps the call log in arrival order and
 * makes the state a GET sees independent of how long earlier answers take to leave.
 */
final class GraphRequestHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(GraphRequestHandler.class);

  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final BearerTokens tokens;
  private final Clock clock;
  private final Random random;
  private final AtomicReference<SimulatorBehavior> behavior;
  private final GraphDecider decider;
  private final CallLog calls;
  private final Responder responder;

  GraphRequestHandler(
      BearerTokens tokens,
      GraphDecider decider,
      Clock clock,
      Random random,
      AtomicReference<SimulatorBehavior> behavior,
      CallLog calls,
      Responder responder) {
    this.tokens = tokens;
    this.decider = decider;
    this.clock = clock;
    this.random = random;
    this.behavior = behavior;
    this.calls = calls;
    this.responder = responder;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      process(exchange);
    } catch (RuntimeException | IOException e) {
      // A simulator bug must not hang the client: drop the connection, loudly.
      log.error("Graph simulator failed on {} {}", exchange.getRequestMethod(), path(exchange), e);
      exchange.close();
    }
  }

  private void process(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = path(exchange);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String sentClientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean hasClientRequestId = sentClientRequestId != null && !sentClientRequestId.isBlank();
    GraphRequest request =
        new GraphRequest(
            now,
            method,
            GraphRoute.parse(method, path),
            rawQuery == null ? "" : rawQuery,
            UUID.randomUUID().toString(),
            hasClientRequestId ? sentClientRequestId : UUID.randomUUID().toString(),
            authorization != null && !authorization.isBlank(),
            tokens.caller(authorization).orElse(null),
            readBody(exchange),
            origin(exchange),
            rawPath(exchange),
            exchange.getRequestHeaders().getFirst("ConsistencyLevel"));
    SimulatorBehavior current = behavior.get();
    Decision decision = decider.decide(request, current);
    calls.record(
        new RecordedCall(
            now,
            method,
            path,
            request.query(),
            request.route().deviceId(),
            request.route().operation(),
            decision.response().status(),
            hasClientRequestId ? sentClientRequestId : null,
            request.authenticated(),
            decision.applied(),
            request.authenticated() ? request.caller().tenantId() : null,
            request.authenticated() ? request.caller().appId() : null));
    SimResponse response =
        decision
            .response()
            .withHeader("request-id", request.requestId())
            .withHeader("client-request-id", request.clientRequestId());
    if (decision.holdUntil() != null) {
      responder.hold(exchange, response, decision.holdUntil());
    } else {
      responder.send(exchange, response, current.sampleLatency(random));
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES);
      // Drain the rest so the connection stays usable; the excess is irrelevant to any route.
      in.transferTo(OutputStream.nullOutputStream());
      return body;
    }
  }

  /** Where the caller sent the request, so a nextLink leads back here whatever the bind address. */
  private static String origin(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || host.isBlank()) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  private static String rawPath(HttpExchange exchange) {
    String p = exchange.getRequestURI().getRawPath();
    return p == null ? "/" : p;
  }

  private static String path(HttpExchange exchange) {
    String p = exchange.getRequestURI().getPath();
    return p == null ? "/" : p;
  }
}
