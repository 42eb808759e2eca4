package dev.intunereset.worker.expansion;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Claims} in a map of device id to selector label. Not thread-safe: one expander uses it.
 */
public final class InMemoryClaims implements Claims {
  private final Map<String, String> selectorByDevice = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, String> labels = new HashMap<>();

  /** No device claimed yet. */
  public InMemoryClaims() {}

  /** The claims written before a crash, device id to selector label, for a resumed expansion. */
  public static InMemoryClaims restore(Map<String, String> selectorByDevice) {
    InMemoryClaims claims = new InMemoryClaims();
    selectorByDevice.forEach(claims::claim);
    return claims;
  }

  @Override
  public Optional<String> claim(String deviceId, String selector) {
    // One String instance per label, however many devices it holds.
    String label = labels.computeIfAbsent(selector, s -> s);
    String before = selectorByDevice.putIfAbsent(deviceId.toLowerCase(Locale.ROOT), label);
    if (before != null) {
      return Optional.of(before);
    }
    counts.merge(label, 1, Integer::sum);
    return Optional.empty();
  }

  @Override
  public int count(String selector) {
    return counts.getOrDefault(selector, 0);
  }

  @Override
  public int size() {
    return selectorByDevice.size();
  }
}
