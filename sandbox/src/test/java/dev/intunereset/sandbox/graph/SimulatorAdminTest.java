package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault controls at {@code /_sim/behavior} over real HTTP: read, change, refuse bad input with
 * the problem, and stay apart from Graph (no bearer token, never under {@code /beta}).
 */
class SimulatorAdminTest {
  private static final String BEHAVIOR = "/_sim/behavior";
  private static final String DEVICE = DeviceInventory.deterministicId(0);

  private final MutableClock clock = MutableClock.at("2026-12-08T10:00:00Z");
  // A simulator per test: JUnit makes an instance of this class for each.
  private final GraphSimulator sim =
      GraphSimulator.builder()
          .inventory(DeviceInventory.deterministic(40))
          .clock(clock)
          .handlerThreads(2)
          .start();
  private final RawHttp http = new RawHttp(sim);

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> put(String json) {
    return send(http.request(BEHAVIOR), "application/json", json);
  }

  /** A PUT of {@code json} as {@code contentType}, from {@code request} (which may add headers). */
  private HttpResponse<String> send(HttpRequest.Builder request, String contentType, String json) {
    return http.send(
        request.header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static JsonNode parse(String json) {
    try {
      return RawHttp.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get() {
    return http.send(http.request(BEHAVIOR).GET());
  }

  @Test
  void adminUrlIsOnTheSimulatorsPortOutsideBeta() {
    assertThat(sim.adminUrl()).isEqualTo("http://127.0.0.1:" + sim.port() + "/_sim/behavior");
  }

  @Test
  void getShowsThePerfectDefaultsAsJson() {
    HttpResponse<String> response = get();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(RawHttp.json(response))
        .isEqualTo(
            parse(
                "{\"latencyMs\":0,\"throttle\":false,\"errorRate\":0.0,\"outageSeconds\":0,"
                    + "\"filterDefect\":\"IGNORE_UNSUPPORTED\",\"startsWithAsContains\":false}"));
  }

  @Test
  void putChangesOnlyTheNamedKnobsAndAnswersTheResult() {
    HttpResponse<String> response =
        put(
            "{\"latencyMs\": 250, \"throttle\": true, \"errorRate\": 0.5, \"outageSeconds\": 30,"
                + " \"filterDefect\": \"ignore_all\", \"startsWithAsContains\": true}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(RawHttp.json(response)).isEqualTo(RawHttp.json(get()));
    SimulatorBehavior b = sim.behavior();
    assertThat(b.latencyMean()).isEqualTo(Duration.ofMillis(250));
    assertThat(b.writeLimit()).isEqualTo(SimulatorBehavior.INTUNE_WRITE_LIMIT);
    assertThat(b.tenantAnyLimit()).isEqualTo(SimulatorBehavior.INTUNE_TENANT_ANY_LIMIT);
    assertThat(b.errorRate()).isEqualTo(0.5);
    assertThat(b.outages())
        .containsExactly(
            new SimulatorBehavior.Outage(clock.instant(), clock.instant().plusSeconds(30)));
    assertThat(b.filterDefect()).isEqualTo(SimulatorBehavior.FilterDefect.IGNORE_ALL);
    assertThat(b.startsWithAsContains()).isTrue();

    put("{\"throttle\": false, \"outageSeconds\": 0, \"latencyMs\": 0}");

    SimulatorBehavior after = sim.behavior();
    assertThat(after.writeLimit()).isZero();
    assertThat(after.anyLimit()).isZero();
    assertThat(after.tenantWriteLimit()).isZero();
    assertThat(after.outages()).isEmpty();
    assertThat(after.errorRate()).as("not named, so kept").isEqualTo(0.5);
    assertThat(after.filterDefect()).isEqualTo(SimulatorBehavior.FilterDefect.IGNORE_ALL);
  }

  @Test
  void anOutageSetOverHttpFailsGraphRequestsUntilItEnds() {
    put("{\"outageSeconds\": 10}");

    assertThat(http.get(RawHttp.devicePath(DEVICE)).statusCode()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(4));
    assertThat(RawHttp.json(get()).get("outageSeconds").asLong()).isEqualTo(6);
    clock.advance(Duration.ofSeconds(6));
    assertThat(http.get(RawHttp.devicePath(DEVICE)).statusCode()).isEqualTo(200);
    assertThat(RawHttp.json(get()).get("outageSeconds").asLong()).isZero();
  }

  @Test
  void throttleOverHttpGivesIntunes429WithRetryAfter() {
    put("{\"throttle\": true}");

    HttpResponse<String> last = null;
    for (int i = 0; i <= SimulatorBehavior.INTUNE_WRITE_LIMIT; i++) {
      last = http.post(RawHttp.resetPath(DeviceInventory.deterministicId(i % 40)));
    }

    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void badInputIs400WithTheProblemAndChangesNothing() {
    String[][] cases = {
      {"{\"errorRate\": 2}", "errorRate must be a number 0..1: 2"},
      {"{\"latencyMs\": -1}", "latencyMs must be a whole number 0..600000: -1"},
      {"{\"latencyMs\": \"100\"}", "latencyMs must be a whole number"},
      {"{\"throttle\": \"on\"}", "throttle must be true or false"},
      {"{\"outageSeconds\": 1.5}", "outageSeconds must be a whole number"},
      {"{\"filterDefect\": \"SOME\"}", "filterDefect must be one of [NONE, IGNORE_UNSUPPORTED"},
      {"{\"errorRate\": 0.1, \"latency\": 5}", "unknown field 'latency'; the fields are"},
      {"[1]", "the body must be a JSON object"},
      {"", "the body must be a JSON object"},
      {"{\"errorRate\":", "the body is not JSON"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response = put(c[0]);

      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(RawHttp.json(response).get("problem").asText()).as(c[0]).startsWith(c[1]);
    }
    assertThat(sim.behavior()).isEqualTo(SimulatorBehavior.perfect());
  }

  @Test
  void putWithoutJsonContentTypeIs415AndOtherMethodsAre405() {
    HttpResponse<String> form =
        send(http.request(BEHAVIOR), "application/x-www-form-urlencoded", "{\"errorRate\": 1}");
    HttpResponse<String> post =
        http.send(http.request(BEHAVIOR).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, PUT");
    assertThat(sim.behavior()).isEqualTo(SimulatorBehavior.perfect());
  }

  @Test
  void aRequestWithAGraphBearerTokenIsRefusedAndChangesNothing() {
    HttpResponse<String> response =
        send(http.authorized(BEHAVIOR), "application/json", "{\"errorRate\": 1}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(RawHttp.json(response).get("problem").asText())
        .isEqualTo("the fault controls are not Graph: send no Authorization header");
    assertThat(sim.behavior()).isEqualTo(SimulatorBehavior.perfect());
    assertThat(sim.calls()).as("not a Graph call").isEmpty();
  }

  @Test
  void theControlsUnderBetaAreGraphsUnknownSegmentAndChangeNothing() {
    HttpResponse<String> response =
        send(http.authorized("/beta" + BEHAVIOR), "application/json", "{\"errorRate\": 1}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).at("/error/message").asText())
        .isEqualTo("Resource not found for the segment '_sim'.");
    assertThat(sim.behavior()).isEqualTo(SimulatorBehavior.perfect());
    assertThat(sim.calls()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(400));
  }

  @Test
  void otherPathsUnderSimAre404() {
    assertThat(http.send(http.request("/_sim/nothing").GET()).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyALoopbackPeerNamingALoopbackHostWithoutATokenMayUseThem() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress remote = InetAddress.getByName("192.0.2.10");

    assertThat(SimulatorAdmin.refusal(loopback, "127.0.0.1:8085", null)).isNull();
    assertThat(SimulatorAdmin.refusal(loopback, "localhost:8085", null)).isNull();
    assertThat(SimulatorAdmin.refusal(InetAddress.getByName("::1"), "[::1]:8085", null)).isNull();
    assertThat(SimulatorAdmin.refusal(remote, "127.0.0.1:8085", null))
        .isEqualTo("the fault controls answer only on the loopback interface");
    assertThat(SimulatorAdmin.refusal(loopback, "attacker.example:8085", null))
        .startsWith("the fault controls answer only to a loopback host name");
    assertThat(SimulatorAdmin.refusal(loopback, null, null)).isNotNull();
    assertThat(SimulatorAdmin.refusal(loopback, "127.0.0.1:8085", "Bearer sandbox-token"))
        .isNotNull();
  }
}
