package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.task.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaleDeviceTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration LIMIT = Duration.ofDays(30);
  private static final RequestOptions VALIDATED =
      RequestOptions.NONE.withValidateDeviceExists(true);

  private static ManagedDeviceInfo lastSync(Instant at) {
    return new ManagedDeviceInfo(
        "d", "Android", "14", "androidForWork", "androidEnterprise", at, null, List.of());
  }

  private static Optional<String> skip(ManagedDeviceInfo device, RequestOptions options) {
    return StaleDevice.skip(device, NOW, LIMIT, options);
  }

  @Test
  void aDeviceNotCheckedInForLongerThanTheLimitIsSkippedWithAMessageNamingBoth() {
    Instant fortyDaysAgo = NOW.minus(Duration.ofDays(40));

    Optional<String> message = skip(lastSync(fortyDaysAgo), VALIDATED);

    assertThat(message).isPresent();
    assertThat(message.get())
        .contains(fortyDaysAgo.toString())
        .contains("720h")
        .contains("STALE_DEVICE_AFTER")
        .contains("force=true");
  }

  @Test
  void aDeviceThatCheckedInWithinTheLimitProceeds() {
    assertThat(skip(lastSync(NOW.minus(Duration.ofDays(29))), VALIDATED)).isEmpty();
  }

  @Test
  void aDeviceThatCheckedInExactlyAtTheLimitProceeds() {
    assertThat(skip(lastSync(NOW.minus(LIMIT)), VALIDATED)).isEmpty();
  }

  @Test
  void forceResetsAStaleDevice() {
    assertThat(skip(lastSync(NOW.minus(Duration.ofDays(400))), VALIDATED.withForce(true)))
        .isEmpty();
  }

  @Test
  void aZeroLimitTurnsTheCheckOff() {
    ManagedDeviceInfo stale = lastSync(NOW.minus(Duration.ofDays(400)));

    assertThat(StaleDevice.skip(stale, NOW, Duration.ZERO, VALIDATED)).isEmpty();
  }

  @Test
  void aRequestWithoutValidationIsNotCheckedForStaleness() {
    assertThat(skip(lastSync(NOW.minus(Duration.ofDays(400))), RequestOptions.NONE)).isEmpty();
  }

  @Test
  void anUnknownLastCheckInIsNotStale() {
    assertThat(skip(lastSync(null), VALIDATED)).isEmpty();
  }

  @Test
  void graphsMinimumDateForNoValueIsNotStale() {
    assertThat(skip(lastSync(Instant.parse("0001-01-01T00:00:00Z")), VALIDATED)).isEmpty();
  }

  @Test
  void noDeviceIsNotStale() {
    assertThat(skip(null, VALIDATED)).isEmpty();
  }
}
