package dev.intunereset.worker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WorkerGraphClient#expandTargets} found, in plain values so that tools outside the
 * worker read it without its internals.
 *
 * @param selectors one report per selector, in the order given
 * @param total the distinct devices all selectors claimed together
 * @param reads the GETs spent
 * @param peakMembersHeld the most group member ids held at once
 * @param stoppedBy the failure of a read worth retrying that stopped the expansion early (429, 5xx,
 *     no answer), or empty when every selector ended
 */
public record TargetExpansion(
    List<SelectorReport> selectors,
    int total,
    int reads,
    int peakMembersHeld,
    Optional<String> stoppedBy) {
  public TargetExpansion {
    selectors = List.copyOf(selectors);
    stoppedBy = stoppedBy == null ? Optional.empty() : stoppedBy;
  }

  /** The report of the selector labelled {@code label}. */
  public SelectorReport selector(String label) {
    return selectors.stream()
        .filter(s -> s.selector().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no selector " + label));
  }

  /**
   * How one selector ended.
   *
   * @param selector its label, e.g. {@code user:alice@contoso.com}
   * @param status {@code EXPANDED}, {@code EMPTY}, {@code NOT_FOUND}, {@code NOT_HONOURED}, {@code
   *     FAILED} or {@code SKIPPED}
   * @param devices the devices it claimed first
   * @param overlaps the devices it matched that an earlier selector had claimed
   * @param detail for people
   */
  public record SelectorReport(
      String selector, String status, int devices, int overlaps, String detail) {
    public SelectorReport {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(status, "status");
    }
  }
}
