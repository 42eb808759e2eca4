package dev.intunereset.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTextTest {
  private static final String SCRAPE =
      """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
      jvm_memory_used_bytes_total 1.0
      """;

  @Test
  void sumsTheSamplesWhoseLabelsMatch() {
    assertThat(MetricsText.sum(SCRAPE, "jvm_memory_used_bytes", "area=\"heap\""))
        .isEqualTo(10_485_760.0 + 2_097_152.0);
  }

  @Test
  void isNaNWhenNoSampleMatches() {
    assertThat(MetricsText.sum(SCRAPE, "jvm_gc_pause_seconds", "")).isNaN();
  }
}
