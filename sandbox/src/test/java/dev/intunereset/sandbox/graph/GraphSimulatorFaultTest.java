package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected errors, outages and latency. */
class GraphSimulatorFaultTest {
  private final MutableClock clock = MutableClock.at("2026-11-10T15:00:00Z");
  private GraphSimulator sim;
  private RawHttp http;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(100))
            .clock(clock)
            .random(new Random(11))
            .handlerThreads(4)
            .start();
    http = new RawHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static String id(int i) {
    return DeviceInventory.deterministicId(i);
  }

  @Test
  void injectedErrorsUseTheConfiguredStatusesWithGraphErrorBodiesAndAreNotApplied() {
    sim.behavior(SimulatorBehavior.builder().errorRate(1.0).errorStatuses(Set.of(502)).build());

    HttpResponse<String> response = http.post(RawHttp.resetPath(id(0)));

    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode error = RawHttp.json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("UnknownError");
    assertThat(error.get("message").asText()).startsWith("{\"_version\": 3");
    assertThat(error.at("/innerError/request-id").asText()).isNotBlank();
    assertThat(sim.postCount(id(0))).isZero();
    assertThat(sim.calls().get(0).applied()).isFalse();
    assertThat(sim.injectedErrorCount()).isEqualTo(1);
  }

  @Test
  void injectedErrorCodesFollowTheStatus() {
    sim.behavior(SimulatorBehavior.builder().errorRate(1.0).errorStatuses(Set.of(500)).build());
    assertThat(RawHttp.json(http.get(RawHttp.devicePath(id(0)))).at("/error/code").asText())
        .isEqualTo("InternalError");
    sim.behavior(SimulatorBehavior.builder().errorRate(1.0).errorStatuses(Set.of(503)).build());
    assertThat(RawHttp.json(http.get(RawHttp.devicePath(id(0)))).at("/error/code").asText())
        .isEqualTo("ServiceUnavailable");
  }

  @Test
  void errorRateInjectsAboutThatShareDrawnFromAllStatuses() {
    sim.behavior(SimulatorBehavior.builder().errorRate(0.3).build());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      statuses.add(http.get(RawHttp.devicePath(id(i % 100))).statusCode());
    }
    long errors = statuses.stream().filter(s -> s >= 500).count();
    assertThat(errors).isBetween(35L, 85L);
    assertThat(statuses).containsOnly(200, 500, 502, 503, 504);
    assertThat(sim.injectedErrorCount()).isEqualTo(errors);
  }

  @Test
  void outageForAnswers503ToEverythingUntilItEnds() {
    sim.outageFor(Duration.ofSeconds(30));

    HttpResponse<String> get = http.get(RawHttp.devicePath(id(0)));
    HttpResponse<String> post = http.post(RawHttp.resetPath(id(0)));
    HttpResponse<String> anonymous = http.send(http.request(RawHttp.devicePath(id(0))));

    assertThat(List.of(get.statusCode(), post.statusCode(), anonymous.statusCode()))
        .containsOnly(503);
    assertThat(RawHttp.json(get).at("/error/code").asText()).isEqualTo("ServiceUnavailable");
    assertThat(sim.postCount(id(0))).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(http.post(RawHttp.resetPath(id(0))).statusCode()).isEqualTo(204);
  }

  @Test
  void outageWindowsApplyOnlyBetweenTheirBounds() {
    Instant now = clock.instant();
    sim.behavior(
        SimulatorBehavior.builder().outage(now.plusSeconds(10), now.plusSeconds(20)).build());

    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isEqualTo(503);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isEqualTo(200);
  }

  @Test
  void hangingOutageAnswersNothingUntilTheOutageEndsThen504() throws Exception {
    sim.behavior(SimulatorBehavior.builder().outageMode(SimulatorBehavior.OutageMode.HANG).build());
    sim.outageFor(Duration.ofMinutes(5));

    CompletableFuture<HttpResponse<String>> pending =
        http.client()
            .sendAsync(
                http.authorized(RawHttp.resetPath(id(0)))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    await().atMost(Duration.ofSeconds(5)).until(() -> sim.heldRequestCount() == 1);
    Thread.sleep(200);
    assertThat(pending).isNotDone();

    clock.advance(Duration.ofMinutes(5));
    HttpResponse<String> late = pending.get(5, TimeUnit.SECONDS);
    assertThat(late.statusCode()).isEqualTo(504);
    assertThat(sim.postCount(id(0))).isZero();
    assertThat(sim.heldRequestCount()).isZero();
  }

  @Test
  void latencyDelaysAnswersWithoutHoldingServerThreads() throws Exception {
    Duration latency = Duration.ofMillis(400);
    sim.behavior(SimulatorBehavior.builder().latency(latency).build());
    int calls = 200;

    long started = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      inFlight.add(
          http.client()
              .sendAsync(
                  http.authorized(RawHttp.devicePath(id(i % 100))).GET().build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : inFlight) {
      assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    // 4 server threads sleeping 400 ms each would need 20 s for 200 calls.
    assertThat(elapsed).isGreaterThanOrEqualTo(latency).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void latencyJitterStaysWithinItsBoundsAndNeverGoesNegative() {
    SimulatorBehavior jittery =
        SimulatorBehavior.builder().latency(Duration.ofMillis(100), Duration.ofMillis(150)).build();
    Random random = new Random(5);
    for (int i = 0; i < 1000; i++) {
      assertThat(jittery.sampleLatency(random)).isBetween(Duration.ZERO, Duration.ofMillis(250));
    }
  }

  @Test
  void behaviorSwapsTakeEffectForTheNextRequest() {
    sim.behavior(SimulatorBehavior.builder().errorRate(1.0).build());
    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isGreaterThanOrEqualTo(500);

    sim.behavior(SimulatorBehavior.perfect());
    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isEqualTo(200);
    assertThat(sim.behavior()).isEqualTo(SimulatorBehavior.perfect());
  }

  @Test
  void closeDropsHeldRequestsRatherThanHangingTheCaller() throws Exception {
    sim.behavior(SimulatorBehavior.builder().outageMode(SimulatorBehavior.OutageMode.HANG).build());
    sim.outageFor(Duration.ofHours(1));
    CompletableFuture<HttpResponse<String>> pending =
        http.client()
            .sendAsync(
                http.authorized(RawHttp.devicePath(id(0))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.heldRequestCount() == 1);

    sim.close();

    await().atMost(Duration.ofSeconds(5)).until(pending::isDone);
    assertThat(pending).isCompletedExceptionally();
  }
}
