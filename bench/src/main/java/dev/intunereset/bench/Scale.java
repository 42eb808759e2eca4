package dev.intunereset.bench;

import java.time.Duration;

/**
 * How big each scenario is. The full form follows the issue (scaled where the text says how); the
 * quick form keeps every scenario but shrinks it so the whole run stays under two minutes.
 */
record Scale(
    String form,
    int runs,
    int budgetDevices,
    int headroomDevices,
    Duration naiveTimeBox,
    int bulkDevices,
    int tickets,
    Duration ticketSpread,
    int largeDevices,
    int startupRuns) {

  static Scale full() {
    return new Scale(
        "full",
        3,
        3_000,
        20_000,
        Duration.ofSeconds(15),
        20_000,
        50,
        Duration.ofSeconds(60),
        100_000,
        3);
  }

  static Scale quick() {
    return new Scale(
        "quick", 1, 500, 3_000, Duration.ofSeconds(3), 3_000, 10, Duration.ofSeconds(8), 5_000, 1);
  }

  boolean isQuick() {
    return form.equals("quick");
  }
}
