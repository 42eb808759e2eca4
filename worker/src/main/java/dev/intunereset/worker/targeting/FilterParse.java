package dev.intunereset.worker.targeting;

import java.util.Objects;

/** What {@link DeviceFilter#parse} made of a filter string: a filter, or one refusal. */
public sealed interface FilterParse {

  /** The filter, or an {@link IllegalArgumentException} carrying the refusal's message. */
  DeviceFilter orElseThrow();

  /** The string is inside the allowlist; {@code filter} is what it says. */
  record Parsed(DeviceFilter filter) implements FilterParse {
    public Parsed {
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public DeviceFilter orElseThrow() {
      return filter;
    }
  }

  /**
   * The string is refused; nothing of it may reach Graph.
   *
   * @param message for people: names the culprit and its position, and says what is allowed
   * @param position where the culprit starts, counting the filter's first character as 1
   * @param culprit the offending property, operator, word or character, shortened if long
   */
  record Refused(String message, int position, String culprit) implements FilterParse {
    public Refused {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(culprit, "culprit");
      if (position < 1) {
        throw new IllegalArgumentException("position counts from 1: " + position);
      }
    }

    @Override
    public DeviceFilter orElseThrow() {
      throw new IllegalArgumentException(message);
    }
  }
}
