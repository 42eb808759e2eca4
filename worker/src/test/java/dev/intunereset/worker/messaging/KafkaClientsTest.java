package dev.intunereset.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.config.KafkaClientProperties;
import dev.intunereset.worker.config.Secret;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
  private static final KafkaClientProperties CONFIGURED =
      new KafkaClientProperties(
          Map.of(
              "security.protocol", "SASL_SSL",
              "fetch.max.wait.ms", "200",
              "linger.ms", "20"),
          Map.of("sasl.jaas.config", Secret.of("x required password=\"pw-9\";")));

  @Test
  void eachClientGetsOnlyThePropertiesItKnows() {
    Map<String, Object> consumer =
        KafkaClients.propertiesFor(CONFIGURED, ConsumerConfig.configNames());
    Map<String, Object> producer =
        KafkaClients.propertiesFor(CONFIGURED, ProducerConfig.configNames());
    Map<String, Object> admin =
        KafkaClients.propertiesFor(CONFIGURED, AdminClientConfig.configNames());

    assertThat(consumer).containsKeys("security.protocol", "sasl.jaas.config", "fetch.max.wait.ms");
    assertThat(consumer).doesNotContainKey("linger.ms");
    assertThat(producer).containsKeys("security.protocol", "sasl.jaas.config", "linger.ms");
    assertThat(producer).doesNotContainKey("fetch.max.wait.ms");
    assertThat(admin).containsOnlyKeys("security.protocol", "sasl.jaas.config");
  }

  @Test
  void secretsReachTheClientsAsPasswordsThatPrintHidden() {
    Object jaas =
        KafkaClients.propertiesFor(CONFIGURED, ProducerConfig.configNames())
            .get("sasl.jaas.config");

    assertThat(jaas).isInstanceOf(Password.class);
    assertThat(((Password) jaas).value()).isEqualTo("x required password=\"pw-9\";");
    assertThat(jaas.toString()).doesNotContain("pw-9");
  }

  @Test
  void theConfiguredOAuthTokenEndpointIsAddedToKafkasAllowList() {
    String before = System.getProperty(KafkaClients.ALLOWED_OAUTH_URLS);
    try {
      System.setProperty(KafkaClients.ALLOWED_OAUTH_URLS, "https://other.example.com/token");
      var configured =
          new KafkaClientProperties(
              Map.of("sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token"),
              Map.of());

      KafkaClients.allowOAuthTokenEndpoint(configured);
      KafkaClients.allowOAuthTokenEndpoint(configured);

      assertThat(System.getProperty(KafkaClients.ALLOWED_OAUTH_URLS))
          .isEqualTo("https://other.example.com/token,https://idp.example.com/token");
    } finally {
      if (before == null) {
        System.clearProperty(KafkaClients.ALLOWED_OAUTH_URLS);
      } else {
        System.setProperty(KafkaClients.ALLOWED_OAUTH_URLS, before);
      }
    }
  }
}
