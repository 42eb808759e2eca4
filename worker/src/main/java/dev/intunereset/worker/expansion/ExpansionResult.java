package dev.intunereset.worker.expansion;

import java.util.List;

/**
 * What expanding a request's selectors found.
 *
 * @param selectors one outcome per selector, in the request's order
 * @param total the distinct devices all selectors claimed together
 * @param reads the GETs spent, failed ones included (this run's, and the runs before a resume)
 * @param peakMembersHeld the most group member ids held at once in this run: what bounds a group's
 *     memory, at most the join chunk plus one page of members
 */
public record ExpansionResult(
    List<SelectorOutcome> selectors, int total, int reads, int peakMembersHeld) {
  public ExpansionResult {
    selectors = List.copyOf(selectors);
  }

  /** Whether Graph ignored a selector: the request must be rejected whatever else it says. */
  public boolean notHonoured() {
    return selectors.stream().anyMatch(s -> s.status() == SelectorOutcome.Status.NOT_HONOURED);
  }

  /** Whether every selector matched devices. */
  public boolean allExpanded() {
    return selectors.stream().allMatch(SelectorOutcome::expanded);
  }
}
