package dev.intunereset.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void rendersEmptyPartialAndFull() {
    assertThat(ProgressBar.render(0, 20, 10)).isEqualTo("[----------]   0/20 devices    0%");
    assertThat(ProgressBar.render(9, 20, 10)).isEqualTo("[####------]   9/20 devices   45%");
    assertThat(ProgressBar.render(20, 20, 10)).isEqualTo("[##########]  20/20 devices  100%");
  }

  @Test
  void neverShowsFullBeforeTheLastDevice() {
    assertThat(ProgressBar.render(9_999, 10_000, 30))
        .startsWith("[" + "#".repeat(29) + "-]")
        .endsWith(" 9999/10000 devices   99%");
  }

  @Test
  void unknownTotalBeforeAcceptance() {
    assertThat(ProgressBar.render(3, null, 5)).isEqualTo("[?????]  3/? devices");
  }

  @Test
  void clampsCountsOutsideTheRange() {
    assertThat(ProgressBar.render(7, 5, 5)).isEqualTo("[#####]  5/5 devices  100%");
    assertThat(ProgressBar.render(-1, 5, 5)).isEqualTo("[-----]  0/5 devices    0%");
  }

  @Test
  void keepsItsWidthSoRedrawingOverwritesTheLastOne() {
    int length = ProgressBar.render(0, 500, 30).length();
    for (int done = 0; done <= 500; done++) {
      assertThat(ProgressBar.render(done, 500, 30)).hasSize(length);
    }
    assertThatThrownBy(() -> ProgressBar.render(1, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
