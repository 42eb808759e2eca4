package dev.intunereset.cli;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how to connect.
 *
 * @param bootstrapServers the resolved bootstrap list
 * @param clientProperties extra Kafka client settings (TLS, SASL, ...), without bootstrap.servers
 * @param connectTimeout how long to wait for the cluster before giving up
 */
record KafkaSettings(
    String bootstrapServers, Map<String, Object> clientProperties, Duration connectTimeout) {
  KafkaSettings {
    clientProperties = Map.copyOf(clientProperties);
  }
}
