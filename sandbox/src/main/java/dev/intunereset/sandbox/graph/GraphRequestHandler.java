package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each request's answer at arrival, records it, and hands it to the {@link Responder}.
 * Deciding at arrival (not after the latency) keeps the call log in arrival order and makes the
 * state a GET sees independent of how long earlier answers take to leave.
 */
final class GraphRequestHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(GraphRequestHandler.class);

  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String METADATA = "https://graph.microsoft.com/beta/$metadata#";

  /** What Graph sends with a 401, so clients that parse it see the familiar challenge. */
  private static final String WWW_AUTHENTICATE =
      "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/"
          + "authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

  private final DeviceInventory inventory;
  private final AtomicReference<Predicate<String>> tokenCheck;
  private final Clock clock;
  private final Random random;
  private final AtomicReference<SimulatorBehavior> behavior;
  private final ThrottleGate throttle = new ThrottleGate();
  private final ActionResults actions;
  private final CallLog calls;
  private final Responder responder;
  private final ObjectMapper json;
  private final GraphErrors errors;
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong injectedErrors = new AtomicLong();

  GraphRequestHandler(
      DeviceInventory inventory,
      Set<String> acceptedTokens,
      Clock clock,
      Random random,
      AtomicReference<SimulatorBehavior> behavior,
      ActionResults actions,
      CallLog calls,
      Responder responder,
      ObjectMapper json) {
    this.inventory = inventory;
    this.tokenCheck = new AtomicReference<>(oneOf(acceptedTokens));
    this.clock = clock;
    this.random = random;
    this.behavior = behavior;
    this.actions = actions;
    this.calls = calls;
    this.responder = responder;
    this.json = json;
    this.errors = new GraphErrors(json);
  }

  /** Constant-time comparison: cheap, and the habit is worth keeping even in a simulator. */
  static Predicate<String> oneOf(Set<String> tokens) {
    List<byte[]> accepted = new ArrayList<>();
    for (String token : tokens) {
      accepted.add(token.getBytes(StandardCharsets.UTF_8));
    }
    return presented -> {
      byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
      boolean match = false;
      for (byte[] a : accepted) {
        match |= MessageDigest.isEqual(bytes, a);
      }
      return match;
    };
  }

  void tokenCheck(Predicate<String> check) {
    tokenCheck.set(check);
  }

  long throttledCount() {
    return throttled.get();
  }

  long injectedErrorCount() {
    return injectedErrors.get();
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
    Request request =
        new Request(
            now,
            method,
            GraphRoute.parse(method, path),
            rawQuery == null ? "" : rawQuery,
            UUID.randomUUID().toString(),
            hasClientRequestId ? sentClientRequestId : UUID.randomUUID().toString(),
            authorization != null && !authorization.isBlank(),
            authenticated(authorization),
            readBody(exchange));
    SimulatorBehavior current = behavior.get();
    Outcome outcome = decide(request, current);
    calls.record(
        new RecordedCall(
            now,
            method,
            path,
            request.query(),
            request.route().deviceId(),
            request.route().operation(),
            outcome.response().status(),
            hasClientRequestId ? sentClientRequestId : null,
            request.authenticated(),
            outcome.applied()));
    SimResponse response =
        outcome
            .response()
            .withHeader("request-id", request.requestId())
            .withHeader("client-request-id", request.clientRequestId());
    if (outcome.holdUntil() != null) {
      responder.hold(exchange, response, outcome.holdUntil());
    } else {
      responder.send(exchange, response, current.sampleLatency(random));
    }
  }

  private Outcome decide(Request rq, SimulatorBehavior b) {
    Optional<SimulatorBehavior.Outage> outage = b.outageAt(rq.now());
    if (outage.isPresent()) {
      if (b.outageMode() == SimulatorBehavior.OutageMode.HANG) {
        SimResponse late = error(rq, 504, "UnknownError", "Gateway Timeout");
        return new Outcome(late, false, outage.get().to());
      }
      return Outcome.of(
          error(rq, 503, "ServiceUnavailable", "The service is temporarily unavailable."));
    }
    if (!rq.authenticated()) {
      String message =
          rq.authorizationPresent()
              ? "Access token validation failure. Invalid audience."
              : "Access token is empty.";
      return Outcome.of(
          error(rq, 401, "InvalidAuthenticationToken", message)
              .withHeader("WWW-Authenticate", WWW_AUTHENTICATE));
    }
    GraphRoute route = rq.route();
    switch (route.kind()) {
      case UNKNOWN_VERSION:
        return Outcome.of(error(rq, 404, "UnknownError", "Invalid version: " + route.detail()));
      case UNKNOWN_SEGMENT:
        return Outcome.of(
            error(
                rq,
                400,
                "BadRequest",
                "Resource not found for the segment '" + route.detail() + "'."));
      case NOT_IMPLEMENTED:
        return Outcome.of(
            error(
                rq, 501, "NotImplemented", "The Graph simulator does not implement this request."));
      case METHOD_NOT_ALLOWED:
        return Outcome.of(
            error(
                    rq,
                    405,
                    "BadRequest",
                    "The HTTP method '" + rq.method() + "' is not allowed on this resource.")
                .withHeader("Allow", route.detail()));
      case MALFORMED_ID:
        return Outcome.of(error(rq, 400, "BadRequest", intune(rq)));
      default:
        return decideDeviceOperation(rq, b);
    }
  }

  private Outcome decideDeviceOperation(Request rq, SimulatorBehavior b) {
    GraphRoute route = rq.route();
    Optional<SimulatedDevice> device = inventory.get(route.deviceId());
    Optional<Duration> wait =
        throttle.tryAdmit(rq.now(), route.isWrite(), b.writeLimit(), b.anyLimit(), b.window());
    if (wait.isPresent()) {
      throttled.incrementAndGet();
      boolean applied = false;
      if (route.isWrite()
          && device.isPresent()
          && chance(b.throttledButAppliedRatio())
          && validResetBody(rq.body())) {
        // Reported Intune quirk: the action ran although the caller was told 429.
        actions.recordReset(device.get(), rq.now(), random);
        applied = true;
      }
      SimResponse tooMany = error(rq, 429, "TooManyRequests", intune(rq));
      if (!chance(b.retryAfterOmittedRatio())) {
        tooMany =
            tooMany.withHeader(
                "Retry-After", Long.toString(ThrottleGate.retryAfterSeconds(wait.get())));
      }
      return new Outcome(tooMany, applied, null);
    }
    if (chance(b.errorRate())) {
      injectedErrors.incrementAndGet();
      List<Integer> statuses = new ArrayList<>(b.errorStatuses());
      int status = statuses.get(random.nextInt(statuses.size()));
      return Outcome.of(error(rq, status, injectedErrorCode(status), intune(rq)));
    }
    if (device.isEmpty()) {
      return Outcome.of(error(rq, 404, "ResourceNotFound", intune(rq)));
    }
    if (route.kind() == GraphRoute.Kind.RESET_PASSCODE) {
      if (!validResetBody(rq.body())) {
        return Outcome.of(
            error(rq, 400, "BadRequest", "The request body must be empty or a JSON object."));
      }
      actions.recordReset(device.get(), rq.now(), random);
      return new Outcome(SimResponse.noContent(), true, null);
    }
    return getDevice(rq, device.get());
  }

  private Outcome getDevice(Request rq, SimulatedDevice device) {
    Map<String, String> known = inventory.propertyNamesByLowerName();
    List<String> requested = selectOption(rq.query());
    Set<String> selected = new LinkedHashSet<>();
    for (String name : requested) {
      String canonical = known.get(name.toLowerCase(Locale.ROOT));
      if (canonical == null) {
        return Outcome.of(
            error(
                rq,
                400,
                "BadRequest",
                "Could not find a property named '"
                    + name
                    + "' on type 'microsoft.graph.managedDevice'."));
      }
      selected.add(canonical);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (selected.isEmpty()) {
      body.put("@odata.context", METADATA + "deviceManagement/managedDevices/$entity");
      device.properties().forEach(body::put);
      body.put(ManagedDeviceProperties.DEVICE_ACTION_RESULTS, actions.render(device, rq.now()));
    } else {
      body.put(
          "@odata.context",
          METADATA + "deviceManagement/managedDevices(" + String.join(",", selected) + ")/$entity");
      body.put("id", device.id());
      for (String name : selected) {
        if (name.equals(ManagedDeviceProperties.DEVICE_ACTION_RESULTS)) {
          body.put(name, actions.render(device, rq.now()));
        } else if (!name.equals("id")) {
          body.put(name, device.properties().get(name));
        }
      }
    }
    try {
      return Outcome.of(SimResponse.json(200, json.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code $select} list; kiota sends the key as {@code %24select}, which decodes alike. */
  private static List<String> selectOption(String rawQuery) {
    List<String> names = new ArrayList<>();
    if (rawQuery.isEmpty()) {
      return names;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (eq < 0 || !(key.equalsIgnoreCase("$select") || key.equalsIgnoreCase("select"))) {
        continue;
      }
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      for (String name : value.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          names.add(trimmed);
        }
      }
    }
    return names;
  }

  /** The docs say no body; the SDK's $batch workaround sends {@code {}}. Accept both. */
  private boolean validResetBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return true;
    }
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String injectedErrorCode(int status) {
    switch (status) {
      case 500:
        return "InternalError";
      case 503:
        return "ServiceUnavailable";
      default:
        return "UnknownError";
    }
  }

  private boolean chance(double ratio) {
    // Ratios of 0 and 1 draw nothing, so perfect behavior leaves the seeded sequence to passcodes.
    if (ratio <= 0.0) {
      return false;
    }
    if (ratio >= 1.0) {
      return true;
    }
    return random.nextDouble() < ratio;
  }

  private String intune(Request rq) {
    return errors.intuneMessage(rq.requestId(), rq.route().intuneResource());
  }

  private SimResponse error(Request rq, int status, String code, String message) {
    return errors.error(status, code, message, rq.now(), rq.requestId(), rq.clientRequestId());
  }

  private boolean authenticated(String authorization) {
    if (authorization == null || authorization.length() < 7) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return tokenCheck.get().test(authorization.substring(7).trim());
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES);
      // Drain the rest so the connection stays usable; the excess is irrelevant to any route.
      in.transferTo(OutputStream.nullOutputStream());
      return body;
    }
  }

  private static String path(HttpExchange exchange) {
    String p = exchange.getRequestURI().getPath();
    return p == null ? "/" : p;
  }

  private record Request(
      Instant now,
      String method,
      GraphRoute route,
      String query,
      String requestId,
      String clientRequestId,
      boolean authorizationPresent,
      boolean authenticated,
      byte[] body) {}

  /**
   * @param holdUntil when non-null, answer only once the clock reaches it (hanging outage)
   */
  private record Outcome(SimResponse response, boolean applied, Instant holdUntil) {
    static Outcome of(SimResponse response) {
      return new Outcome(response, false, null);
    }
  }
}
