package dev.intunereset.sandbox.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic to create on a sandbox broker; the replication factor is always 1 (single node).
 *
 * @param name Kafka topic name: 1 to 249 of {@code [a-zA-Z0-9._-]}, not {@code .} or {@code ..}
 * @param partitions number of partitions, at least 1
 * @param configs topic-level configs such as {@code cleanup.policy}; copied, never {@code null}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  // Kafka's own rule (org.apache.kafka.common.internals.Topic); checked here so a typo fails at the
  // call site instead of as an InvalidTopicException from inside an Admin future.
  private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "illegal topic name '" + name + "': use 1-249 characters of [a-zA-Z0-9._-]");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be >= 1, was " + partitions);
    }
    // Map.copyOf rejects null keys and values, and freezes the caller's map.
    configs = configs == null ? Map.of() : Map.copyOf(configs);
  }

  /** A topic with broker-default configs. */
  public TopicSpec(String name, int partitions) {
    this(name, partitions, Map.of());
  }
}
