package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How many devices one selector of a request's {@link Targets} stands for, as {@link
 * RequestExpanded} reports it.
 *
 * @param selector the selector's label ({@link Targets#labels()}), such as {@code
 *     user:alice@contoso.com}
 * @param devices the devices it adds to the request: those it matched that neither {@code
 *     deviceIds} nor a selector before it (in label order) had matched already
 * @param matched the devices Graph listed for it, before that folding
 * @param status {@link SelectorStatus#MATCHED} exactly when {@code matched} is above zero; {@link
 *     SelectorStatus#NOT_FOUND} only for a user or a group
 */
public record SelectorCount(
    @JsonProperty("selector") String selector,
    @JsonProperty("devices") int devices,
    @JsonProperty("matched") int matched,
    @JsonProperty("status") SelectorStatus status) {

  public SelectorCount {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(status, "status");
    if (devices < 0 || devices > matched) {
      throw new IllegalArgumentException(
          selector + ": devices must be in 0.." + matched + " (matched), was " + devices);
    }
    // Counts that contradict their status would hide an unknown user behind an empty one.
    if ((status == SelectorStatus.MATCHED) != (matched > 0)) {
      throw new IllegalArgumentException(
          selector + ": status " + status + " contradicts " + matched + " devices matched");
    }
    if (status == SelectorStatus.NOT_FOUND && !Targets.namesUserOrGroup(selector)) {
      throw new IllegalArgumentException(selector + ": only a user or a group can be NOT_FOUND");
    }
  }
}
