package dev.intunereset.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  @Test
  void topicSpecRejectsBlankIllegalAndPartitionlessTopics() {
    assertThatThrownBy(() -> new TopicSpec(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicSpec("has space", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicSpec("..", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicSpec("orders", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions must be >= 1");
    assertThatThrownBy(() -> new TopicSpec(null, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void topicSpecCopiesItsConfigsAndTreatsNullAsEmpty() {
    Map<String, String> configs = new HashMap<>(Map.of("cleanup.policy", "compact"));
    TopicSpec spec = new TopicSpec("passcode-reset.requests", 3, configs);
    configs.put("retention.ms", "1");

    assertThat(spec.configs()).containsExactly(Map.entry("cleanup.policy", "compact"));
    assertThat(new TopicSpec("t", 1, null).configs()).isEmpty();
  }

  @Test
  void embeddedKafkaConfigDefaultsToFreePortsOnLoopbackAndATempDir() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isZero();
    assertThat(config.controllerPort()).isZero();
    assertThat(config.logDir()).isNull();
    assertThat(config.brokerProperties()).isEmpty();
  }

  @Test
  void embeddedKafkaConfigRejectsBadPortsBlankHostsAndDerivedBrokerProperties() {
    assertThatThrownBy(() -> EmbeddedKafkaConfig.builder().port(70_000).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmbeddedKafkaConfig.builder().port(9092).controllerPort(9092).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> EmbeddedKafkaConfig.builder().host(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                EmbeddedKafkaConfig.builder().brokerProperty("listeners", "PLAINTEXT://:1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  @Test
  void embeddedKafkaConfigBrokerPropertiesAreImmutableCopies() {
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder().brokerProperty("message.max.bytes", "2097152").build();

    assertThatThrownBy(() -> config.brokerProperties().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(config.toBuilder().port(1234).build().brokerProperties())
        .containsExactly(Map.entry("message.max.bytes", "2097152"));
  }

  @Test
  void brokerProcessOptionsRejectNonPositiveStartupTimeoutsAndDerivedProperties() {
    assertThatThrownBy(
            () -> KafkaBrokerProcessConfig.builder().startupTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KafkaBrokerProcessConfig.builder().brokerProperty("log.dirs", "/tmp/x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(KafkaBrokerProcessConfig.defaults().startupTimeout())
        .isEqualTo(Duration.ofSeconds(60));
  }
}
