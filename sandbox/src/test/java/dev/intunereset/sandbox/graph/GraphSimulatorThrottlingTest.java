package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intune's sliding-window throttling and its quirks, driven by a test clock. */
class GraphSimulatorThrottlingTest {
  private static final Duration WINDOW = Duration.ofSeconds(20);

  private final MutableClock clock = MutableClock.at("2026-11-10T12:00:00Z");
  private GraphSimulator sim;
  private RawHttp http;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(100))
            .clock(clock)
            .passcodeReadyAfter(Duration.ZERO)
            .random(new Random(3))
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
  void writesOverBudgetGet429WithRetryAfterUntilTheWindowFreesASlot() {
    sim.behavior(SimulatorBehavior.builder().throttle(3, 0, WINDOW).build());
    for (int i = 0; i < 3; i++) {
      assertThat(http.post(RawHttp.resetPath(id(i))).statusCode()).isEqualTo(204);
      clock.advance(Duration.ofSeconds(1));
    }

    HttpResponse<String> throttled = http.post(RawHttp.resetPath(id(3)));

    assertThat(throttled.statusCode()).isEqualTo(429);
    // The first write (at t=0) leaves the window at t=20; now is t=3.
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("17");
    assertThat(RawHttp.json(throttled).at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(sim.postCount(id(3))).isZero();
    assertThat(sim.calls().get(3).applied()).isFalse();
    assertThat(sim.throttledCount()).isEqualTo(1);

    clock.advance(Duration.ofMillis(16_500));
    assertThat(http.post(RawHttp.resetPath(id(3))).headers().firstValue("Retry-After"))
        .as("rounded up")
        .hasValue("1");

    clock.advance(Duration.ofMillis(500));
    assertThat(http.post(RawHttp.resetPath(id(3))).statusCode()).isEqualTo(204);
    assertThat(sim.postCount(id(3))).isEqualTo(1);
  }

  @Test
  void readsDoNotSpendTheWriteBudget() {
    sim.behavior(SimulatorBehavior.builder().throttle(1, 0, WINDOW).build());
    for (int i = 0; i < 10; i++) {
      assertThat(http.get(RawHttp.devicePath(id(i))).statusCode()).isEqualTo(200);
    }
    assertThat(http.post(RawHttp.resetPath(id(0))).statusCode()).isEqualTo(204);
    assertThat(http.post(RawHttp.resetPath(id(1))).statusCode()).isEqualTo(429);
  }

  @Test
  void anyLimitThrottlesReadsAndWritesAlike() {
    sim.behavior(SimulatorBehavior.builder().throttle(0, 4, WINDOW).build());
    http.get(RawHttp.devicePath(id(0)));
    http.get(RawHttp.devicePath(id(1)));
    http.post(RawHttp.resetPath(id(2)));
    http.get(RawHttp.devicePath(id(3)));

    assertThat(http.get(RawHttp.devicePath(id(4))).statusCode()).isEqualTo(429);
    assertThat(http.post(RawHttp.resetPath(id(5))).statusCode()).isEqualTo(429);
    assertThat(sim.throttledCount()).isEqualTo(2);

    clock.advance(WINDOW);
    assertThat(http.get(RawHttp.devicePath(id(4))).statusCode()).isEqualTo(200);
  }

  @Test
  void intuneLimitsAdmit200WritesPer20Seconds() {
    sim.behavior(SimulatorBehavior.builder().intuneThrottling().build());
    int accepted = 0;
    for (int i = 0; i < 210; i++) {
      if (http.post(RawHttp.resetPath(id(i % 100))).statusCode() == 204) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(200);
    assertThat(sim.throttledCount()).isEqualTo(10);
  }

  @Test
  void retryAfterCanBeOmittedAsIntuneOftenDoes() {
    sim.behavior(
        SimulatorBehavior.builder().throttle(1, 0, WINDOW).retryAfterOmittedRatio(1.0).build());
    http.post(RawHttp.resetPath(id(0)));

    HttpResponse<String> throttled = http.post(RawHttp.resetPath(id(1)));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isEmpty();
    assertThat(throttled.headers().firstValue("request-id")).isPresent();
  }

  @Test
  void retryAfterOmittedRatioOmitsItForAboutThatShare() {
    sim.behavior(
        SimulatorBehavior.builder().throttle(1, 0, WINDOW).retryAfterOmittedRatio(0.5).build());
    http.post(RawHttp.resetPath(id(0)));
    int omitted = 0;
    for (int i = 0; i < 100; i++) {
      if (http.post(RawHttp.resetPath(id(1))).headers().firstValue("Retry-After").isEmpty()) {
        omitted++;
      }
    }
    assertThat(omitted).isBetween(30, 70);
  }

  @Test
  void throttledButAppliedResetIsAnswered429YetTakesEffect() {
    sim.behavior(
        SimulatorBehavior.builder().throttle(1, 0, WINDOW).throttledButAppliedRatio(1.0).build());
    http.post(RawHttp.resetPath(id(0)));

    HttpResponse<String> throttled = http.post(RawHttp.resetPath(id(1)));

    assertThat(throttled.statusCode()).isEqualTo(429);
    RecordedCall call = sim.calls().get(1);
    assertThat(call.status()).isEqualTo(429);
    assertThat(call.applied()).isTrue();
    assertThat(sim.postCount(id(1))).isEqualTo(1);
    sim.behavior(SimulatorBehavior.perfect());
    assertThat(
            RawHttp.json(http.get(RawHttp.devicePath(id(1)) + "?$select=deviceActionResults"))
                .at("/deviceActionResults/0/actionState")
                .asText())
        .isEqualTo("done");
  }

  @Test
  void throttledGetIsNeverApplied() {
    sim.behavior(
        SimulatorBehavior.builder().throttle(0, 1, WINDOW).throttledButAppliedRatio(1.0).build());
    http.get(RawHttp.devicePath(id(0)));

    assertThat(http.get(RawHttp.devicePath(id(0))).statusCode()).isEqualTo(429);
    assertThat(sim.calls().get(1).applied()).isFalse();
  }

  @Test
  void retryAfterSecondsRoundUpAndAreAtLeastOne() {
    assertThat(ThrottleGate.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(ThrottleGate.retryAfterSeconds(Duration.ofMillis(1000))).isEqualTo(1);
    assertThat(ThrottleGate.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(ThrottleGate.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }
}
