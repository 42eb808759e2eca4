package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorBehaviorTest {

  @Test
  void perfectBehaviorHasNoLatencyThrottlingErrorsOrOutages() {
    SimulatorBehavior perfect = SimulatorBehavior.perfect();

    assertThat(perfect.latencyMean()).isZero();
    assertThat(perfect.writeLimit()).isZero();
    assertThat(perfect.anyLimit()).isZero();
    assertThat(perfect.errorRate()).isZero();
    assertThat(perfect.outages()).isEmpty();
    assertThat(perfect.outageAt(Instant.now())).isEmpty();
  }

  @Test
  void intuneThrottlingUsesTheRealLimits() {
    SimulatorBehavior intune = SimulatorBehavior.builder().intuneThrottling().build();

    assertThat(intune.writeLimit()).isEqualTo(200);
    assertThat(intune.anyLimit()).isEqualTo(2000);
    assertThat(intune.window()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void intuneThrottlingAlsoSetsThePerTenantLimitsAcrossApps() {
    SimulatorBehavior intune = SimulatorBehavior.builder().intuneThrottling().build();

    assertThat(intune.tenantWriteLimit()).isEqualTo(400);
    assertThat(intune.tenantAnyLimit()).isEqualTo(4000);
    assertThat(SimulatorBehavior.perfect().tenantWriteLimit()).isZero();
    assertThat(intune.toBuilder().build()).isEqualTo(intune);
    assertThatThrownBy(() -> SimulatorBehavior.builder().tenantLimits(-1, 0).build())
        .hasMessageContaining("limits must be >= 0");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    SimulatorBehavior original =
        SimulatorBehavior.builder()
            .latency(Duration.ofMillis(50), Duration.ofMillis(10))
            .throttle(5, 50, Duration.ofSeconds(3))
            .retryAfterOmittedRatio(0.2)
            .throttledButAppliedRatio(0.1)
            .errorRate(0.05)
            .errorStatuses(Set.of(503))
            .outage(Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
            .outageMode(SimulatorBehavior.OutageMode.HANG)
            .build();

    assertThat(original.toBuilder().build()).isEqualTo(original);
  }

  @Test
  void invalidSettingsAreRejectedAtBuild() {
    assertThatThrownBy(() -> SimulatorBehavior.builder().errorRate(1.5).build())
        .hasMessageContaining("errorRate");
    assertThatThrownBy(() -> SimulatorBehavior.builder().retryAfterOmittedRatio(-0.1).build())
        .hasMessageContaining("retryAfterOmittedRatio");
    assertThatThrownBy(
            () -> SimulatorBehavior.builder().throttledButAppliedRatio(Double.NaN).build())
        .hasMessageContaining("throttledButAppliedRatio");
    assertThatThrownBy(() -> SimulatorBehavior.builder().writeLimit(-1).build())
        .hasMessageContaining("limits");
    assertThatThrownBy(() -> SimulatorBehavior.builder().window(Duration.ZERO).build())
        .hasMessageContaining("window");
    assertThatThrownBy(() -> SimulatorBehavior.builder().latency(Duration.ofMillis(-1)).build())
        .hasMessageContaining("latency");
    assertThatThrownBy(() -> SimulatorBehavior.builder().errorStatuses(Set.of(418)).build())
        .hasMessageContaining("errorStatuses");
    assertThatThrownBy(() -> SimulatorBehavior.builder().errorStatuses(Set.of()).build())
        .hasMessageContaining("errorStatuses");
    assertThatThrownBy(() -> SimulatorBehavior.builder().outage(Instant.EPOCH, Instant.EPOCH))
        .hasMessageContaining("outage");
  }

  @Test
  void outagesCoverTheirStartButNotTheirEnd() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    SimulatorBehavior.Outage outage = new SimulatorBehavior.Outage(from, from.plusSeconds(10));

    assertThat(outage.covers(from)).isTrue();
    assertThat(outage.covers(from.plusSeconds(10))).isFalse();
    assertThat(outage.covers(from.minusNanos(1))).isFalse();
  }

  @Test
  void simulatorBuilderRejectsInvalidSettings() {
    assertThatThrownBy(() -> GraphSimulator.builder().port(70_000).start())
        .hasMessageContaining("port");
    assertThatThrownBy(() -> GraphSimulator.builder().acceptedTokens(Set.of(" ")).start())
        .hasMessageContaining("acceptedTokens");
    assertThatThrownBy(
            () -> GraphSimulator.builder().passcodeReadyAfter(Duration.ofSeconds(-1)).start())
        .hasMessageContaining("passcodeReadyAfter");
    assertThatThrownBy(() -> GraphSimulator.builder().handlerThreads(0).start())
        .hasMessageContaining("handlerThreads");
  }
}
