package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphCallResult;
import java.util.Objects;
import java.util.Optional;

/**
 * How one selector's expansion ended.
 *
 * @param selector the selector's label ({@link Selector#describe})
 * @param devices the devices it claimed: those no earlier selector had
 * @param overlaps the devices it matched that an earlier selector had already claimed
 * @param detail for people: what was found, or why nothing was
 * @param call the failed call behind {@code NOT_FOUND} or {@code FAILED}
 */
public record SelectorOutcome(
    String selector,
    Status status,
    int devices,
    int overlaps,
    String detail,
    Optional<GraphCallResult> call) {

  /** The ways a selector's expansion ends. */
  public enum Status {
    /** It matched at least one device. */
    EXPANDED,
    /** It matched no device: named in the rejection. */
    EMPTY,
    /** Graph does not know the user or group (404): named in the rejection. */
    NOT_FOUND,
    /**
     * Graph returned a device the selector does not match, so it ignored the selector: the whole
     * request is rejected, and expansion stops.
     */
    NOT_HONOURED,
    /** Graph refused a read for good (400, 403, …). */
    FAILED,
    /** Not expanded, because an earlier selector was not honoured. */
    SKIPPED
  }

  public SelectorOutcome {
    if (devices < 0 || overlaps < 0) {
      throw new IllegalArgumentException("counts are not negative: " + devices + ", " + overlaps);
    }
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(status, "status");
    detail = Objects.requireNonNullElse(detail, "");
    call = call == null ? Optional.empty() : call;
  }

  /** Whether the selector matched devices and nothing went wrong. */
  public boolean expanded() {
    return status == Status.EXPANDED;
  }
}
