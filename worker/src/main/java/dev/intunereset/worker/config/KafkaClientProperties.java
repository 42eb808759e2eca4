package dev.intunereset.worker.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka client properties from configuration (security settings and {@code KAFKA_CLIENT_*}
 * pass-through), applied to every producer, consumer and admin client that knows them. Secret
 * values (passwords, JAAS lines) are kept apart so that printing this never shows them.
 *
 * @param plain property name to value
 * @param secret property name to value that must never be logged
 */
public record KafkaClientProperties(Map<String, String> plain, Map<String, Secret> secret) {
  public KafkaClientProperties {
    plain = Map.copyOf(plain);
    secret = Map.copyOf(secret);
    for (String name : plain.keySet()) {
      if (secret.containsKey(name)) {
        throw new IllegalArgumentException("property set twice: " + name);
      }
    }
  }

  public static KafkaClientProperties none() {
    return new KafkaClientProperties(Map.of(), Map.of());
  }

  public boolean isEmpty() {
    return plain.isEmpty() && secret.isEmpty();
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(plain);
    secret.keySet().forEach(k -> shown.put(k, "****"));
    return "KafkaClientProperties" + shown;
  }
}
