package dev.intunereset.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pacing math of {@link BudgetGate#limiter}, checked from the limiter's configuration rather
 * than by timing it. Resilience4j refreshes at most {@code limitForPeriod} permits at the start of
 * each period and never lets them pile up beyond that, so permits are granted at most {@code
 * limitForPeriod} per period; a closed window of length W can then touch at most floor(W / period)
 * + 1 periods when W is a whole number of periods, and one more otherwise.
 */
class PacingTest {

  private static RateLimiterConfig config(int budget, Duration window) {
    RateLimiter limiter = Pacing.limiter("test", budget, window);
    return limiter.getRateLimiterConfig();
  }

  /** Most permits that can fall in a window of length W, with periods on a fixed grid. */
  private static long worstCase(RateLimiterConfig c, Duration window) {
    long period = c.getLimitRefreshPeriod().toNanos();
    long w = window.toNanos();
    long periodsTouched = w / period + (w % period == 0 ? 1 : 2);
    return periodsTouched * c.getLimitForPeriod();
  }

  @ParameterizedTest(name = "B={0}, W={1}")
  @CsvSource({"200, PT20S", "100, PT2S", "2000, PT20S", "2, PT1S", "100000, PT1H", "1000, PT1S"})
  void atMostBudgetPermitsFitInAnyWindowOfAlignedLength(int budget, Duration window) {
    RateLimiterConfig c = config(budget, window);
    long period = c.getLimitRefreshPeriod().toNanos();

    assertThat(window.toNanos() / period + 1).isLessThanOrEqualTo(budget);
    assertThat(c.getLimitForPeriod()).isEqualTo(1);
  }

  @ParameterizedTest(name = "B={0}, W={1}")
  @CsvSource({"200, PT20S", "100, PT2S", "2000, PT20S", "7, PT1S"})
  void pacingUsesTheWholeBudget(int budget, Duration window) {
    RateLimiterConfig c = config(budget, window);
    long period = c.getLimitRefreshPeriod().toNanos();

    // Not overly conservative: the period is rounded up to whole nanoseconds for safety, which
    // may cost at most one permit per window.
    assertThat(window.toNanos() / period + 1).isBetween((long) budget - 1, (long) budget);
  }

  @Test
  void largestConfigurableBudgetStaysWithinBudget() {
    RateLimiterConfig c = config(1_000_000, Duration.ofSeconds(1));
    long period = c.getLimitRefreshPeriod().toNanos();

    assertThat(Duration.ofSeconds(1).toNanos() / period + 1).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void permitsNeverAccumulateWhileIdle() {
    assertThat(config(200, Duration.ofSeconds(20)).getLimitForPeriod()).isEqualTo(1);
  }

  @Test
  void neverWaitsForAPermit() {
    assertThat(config(200, Duration.ofSeconds(20)).getTimeoutDuration()).isZero();
  }

  @Test
  void intuneWriteBudgetIsOnePermitPerWindowOver199RoundedUp() {
    assertThat(config(200, Duration.ofSeconds(20)).getLimitRefreshPeriod())
        .isEqualTo(Duration.ofNanos(100_502_513));
  }

  @Test
  void budgetOfOneIsRefusedBecausePacingCannotHonourIt() {
    assertThatThrownBy(() -> config(1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2");
  }

  @ParameterizedTest(name = "B={0}, W={1}")
  @CsvSource({"200, PT20S", "100, PT2S", "2000, PT20S", "1000000, PT1S"})
  void atMostBudgetPermitsFitInAnyWindowEvenToTheNanosecond(int budget, Duration window) {
    assertThat(worstCase(config(budget, window), window)).isLessThanOrEqualTo(budget);
  }

  @ParameterizedTest(name = "B={0}, W={1}")
  @CsvSource({"200, PT20S", "50, PT2S", "100, PT2S", "2000, PT20S", "1000, PT20S", "25, PT2S"})
  void callsLateByUpToTheJitterAllowanceStillFitGraphsWindow(int budget, Duration window) {
    int paced = Pacing.scaled(budget, 1.0, 1.0, window);
    long period = config(paced, window).getLimitRefreshPeriod().toNanos();

    // Arrivals in any window of length W come from permits within W plus the allowance.
    long permits = (window.toNanos() + Pacing.JITTER_ALLOWANCE.toNanos()) / period + 1;

    assertThat(permits).isLessThanOrEqualTo(budget);
  }

  @ParameterizedTest(name = "B={0}, W={1} -> {2}")
  @CsvSource({
    "200, PT20S, 199",
    "50, PT2S, 48",
    "100, PT2S, 97",
    "2000, PT20S, 1994",
    "3, PT1S, 2"
  })
  void holdsBackOnlyWhatTheJitterAllowanceNeeds(int budget, Duration window, int paced) {
    assertThat(Pacing.scaled(budget, 1.0, 1.0, window)).isEqualTo(paced);
  }

  @Test
  void aReplicaPacesItsShareOfTheBudget() {
    assertThat(Pacing.scaled(50, 0.5, 1.0, Duration.ofSeconds(2))).isEqualTo(24);
    assertThat(Pacing.scaled(200, 0.25, 0.5, Duration.ofSeconds(20))).isEqualTo(24);
  }
}
