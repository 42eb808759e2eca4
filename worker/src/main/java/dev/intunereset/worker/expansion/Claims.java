package dev.intunereset.worker.expansion;

import java.util.Optional;

/**
 * Which selector claimed each device first: the deduplication of the union of a request's
 * selectors. Kept to device ids and selector labels (a 20,000-device request is a few megabytes),
 * and behind an interface so that the expansion stage can restore it after a crash from what it
 * already wrote.
 */
public interface Claims {

  /**
   * Claims {@code deviceId} (compared case-insensitively) for {@code selector} unless a selector
   * claimed it before.
   *
   * @return the label of the selector that already held it, or empty when this call claimed it
   */
  Optional<String> claim(String deviceId, String selector);

  /** How many devices {@code selector} claimed. */
  int count(String selector);

  /** How many devices all selectors claimed together. */
  int size();
}
