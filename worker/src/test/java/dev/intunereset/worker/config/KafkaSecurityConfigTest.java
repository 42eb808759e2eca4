package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KAFKA_SECURITY_*, KAFKA_SASL_*, KAFKA_SSL_* and KAFKA_CLIENT_* become client properties. */
class KafkaSecurityConfigTest {
  private static final String PASSWORD = "kafka-Pw\"with\\quote";
  private static final String STORE_PASSWORD = "store~Hq8Jd2Kx9Lv4";

  @TempDir Path dir;

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_AUTH_MODE", "static-token");
    env.put("GRAPH_STATIC_TOKEN", "tok-123456");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static KafkaClientProperties props(Map<String, String> env) {
    return ConfigReader.read(env).kafka().clientProperties();
  }

  private static ConfigException rejected(Map<String, String> env) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env));
  }

  private Path file(String name) throws IOException {
    return Files.writeString(dir.resolve(name), "not really a store");
  }

  @Test
  void plaintextByDefaultAddsNoProperty() {
    assertThat(props(env()).isEmpty()).isTrue();
  }

  @Test
  void scramWithUserAndPasswordWritesAQuotedJaasLine() {
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "passcode-reset-worker",
                "KAFKA_SASL_PASSWORD", PASSWORD));

    assertThat(p.plain())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(p.secret().get("sasl.jaas.config").reveal())
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"passcode-reset-worker\" password=\"kafka-Pw\\\"with\\\\quote\";");
    assertThat(p.toString()).doesNotContain("kafka-Pw").contains("sasl.jaas.config=****");
  }

  @Test
  void aSaslProtocolRequiresAMechanism() {
    ConfigException e = rejected(env("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("KAFKA_SASL_MECHANISM: required when KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT");
  }

  @Test
  void anUnknownMechanismIsRejected() {
    ConfigException e =
        rejected(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "GSSAPI"));

    assertThat(e.problems()).singleElement().asString().startsWith("KAFKA_SASL_MECHANISM:");
  }

  @Test
  void saslSettingsWithoutASaslProtocolAreRejectedOnePerKey() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", PASSWORD));

    assertThat(e.problems())
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).contains("only used with KAFKA_SECURITY_PROTOCOL=SASL_"));
    assertThat(e.getMessage()).doesNotContain(PASSWORD);
  }

  @Test
  void plainRequiresUserAndPasswordOrAJaasLine() {
    ConfigException e =
        rejected(env("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "PLAIN"));

    assertThat(e.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("KAFKA_SASL_USERNAME: required"))
        .anySatisfy(p -> assertThat(p).startsWith("KAFKA_SASL_PASSWORD: required"));
  }

  @Test
  void aJaasLineIsTakenAsIsAndIsSecret() {
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\""
            + " password=\""
            + PASSWORD
            + "\";";
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", jaas));

    assertThat(p.secret().get("sasl.jaas.config").reveal()).isEqualTo(jaas);
    assertThat(p.plain()).doesNotContainKey("sasl.jaas.config");
  }

  @Test
  void aJaasLineAndUserPasswordTogetherAreRejected() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", "x required;",
                "KAFKA_SASL_USERNAME", "u"));

    assertThat(e.problems()).singleElement().asString().startsWith("KAFKA_SASL_JAAS_CONFIG:");
  }

  @Test
  void oauthBearerMapsTheClientCredentialsFlow() {
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "OAUTHBEARER",
                "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "https://idp.example.com/oauth2/token",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_ID", "passcode-reset-worker",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET", PASSWORD,
                "KAFKA_SASL_OAUTHBEARER_SCOPE", "kafka"));

    assertThat(p.plain())
        .containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry(
            "sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/oauth2/token")
        .containsEntry(
            "sasl.login.callback.handler.class",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
        .containsEntry("sasl.oauthbearer.client.credentials.client.id", "passcode-reset-worker")
        .containsEntry("sasl.oauthbearer.scope", "kafka");
    assertThat(p.secret().get("sasl.oauthbearer.client.credentials.client.secret"))
        .isEqualTo(Secret.of(PASSWORD));
    assertThat(p.secret().get("sasl.jaas.config").reveal())
        .isEqualTo("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
  }

  @Test
  void oauthBearerRefusesAPlainHttpTokenEndpoint() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "OAUTHBEARER",
                "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "http://idp.example.com/token",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_ID", "c",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET", PASSWORD));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL: must be https");
  }

  @Test
  void oauthBearerRequiresItsEndpointAndClientCredentials() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "OAUTHBEARER",
                "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "https://idp.example.com/token"));

    assertThat(e.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("KAFKA_SASL_OAUTHBEARER_CLIENT_ID: required"))
        .anySatisfy(
            p -> assertThat(p).startsWith("KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET: required"));
  }

  @Test
  void sslSettingsWithoutAnSslProtocolAreRejected() throws IOException {
    ConfigException e =
        rejected(env("KAFKA_SSL_TRUSTSTORE_LOCATION", file("truststore.p12").toString()));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("KAFKA_SSL_TRUSTSTORE_LOCATION: only used with KAFKA_SECURITY_PROTOCOL=SSL");
  }

  @Test
  void sslMapsTrustAndKeyStoresWithSecretPasswords() throws IOException {
    Path trust = file("truststore.p12");
    Path keys = file("keystore.p12");
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL",
                "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                trust.toString(),
                "KAFKA_SSL_TRUSTSTORE_TYPE",
                "PKCS12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD",
                STORE_PASSWORD,
                "KAFKA_SSL_KEYSTORE_LOCATION",
                keys.toString(),
                "KAFKA_SSL_KEYSTORE_TYPE",
                "PKCS12",
                "KAFKA_SSL_KEYSTORE_PASSWORD",
                STORE_PASSWORD,
                "KAFKA_SSL_KEY_PASSWORD",
                STORE_PASSWORD));

    assertThat(p.plain())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.location", trust.toString())
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.keystore.location", keys.toString())
        .containsEntry("ssl.keystore.type", "PKCS12");
    assertThat(p.secret())
        .containsOnlyKeys("ssl.truststore.password", "ssl.keystore.password", "ssl.key.password");
    assertThat(p.toString()).doesNotContain(STORE_PASSWORD);
  }

  @Test
  void aTrustStoreThatCannotBeReadIsRejected() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SECURITY_PROTOCOL",
                "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                dir.resolve("missing.p12").toString()));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("KAFKA_SSL_TRUSTSTORE_LOCATION: cannot read the file");
  }

  @Test
  void aKeyStoreNeedsItsPassword() throws IOException {
    ConfigException e =
        rejected(
            env(
                "KAFKA_SECURITY_PROTOCOL",
                "SSL",
                "KAFKA_SSL_KEYSTORE_LOCATION",
                file("keystore.jks").toString()));

    assertThat(e.problems()).singleElement().asString().startsWith("KAFKA_SSL_KEYSTORE_PASSWORD:");
  }

  @Test
  void aPassThroughVariableSetsTheKafkaPropertyItNames() {
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "",
                "KAFKA_CLIENT_RECONNECT_BACKOFF_MAX_MS", "5000"));

    assertThat(p.plain())
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .containsEntry("reconnect.backoff.max.ms", "5000");
  }

  @Test
  void aPassThroughPasswordPropertyIsKeptSecret() {
    KafkaClientProperties p =
        props(
            env(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "OAUTHBEARER",
                "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL", "https://idp.example.com/token",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_ID", "c",
                "KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET", PASSWORD,
                "KAFKA_CLIENT_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE", STORE_PASSWORD));

    assertThat(p.secret())
        .containsEntry(
            "sasl.oauthbearer.assertion.private.key.passphrase", Secret.of(STORE_PASSWORD));
    assertThat(p.toString()).doesNotContain(STORE_PASSWORD);
  }

  @Test
  void aPassThroughVariableNamingNoKafkaPropertyIsRejected() {
    ConfigException e = rejected(env("KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION", "https"));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION: no Kafka");
  }

  @Test
  void aPassThroughVariableMayNotOverrideWhatTheWorkerOwns() {
    ConfigException e =
        rejected(
            env(
                "KAFKA_CLIENT_ISOLATION_LEVEL", "read_uncommitted",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "x required;"));

    assertThat(e.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("KAFKA_CLIENT_ISOLATION_LEVEL: isolation.level"))
        .anySatisfy(p -> assertThat(p).contains("use KAFKA_SASL_JAAS_CONFIG"));
    assertThat(e.getMessage()).doesNotContain("x required");
  }

  @Test
  void passThroughVariablesMayComeFromThePropertiesFile() throws IOException {
    Path p =
        Files.writeString(dir.resolve("w.properties"), "KAFKA_CLIENT_METADATA_MAX_AGE_MS=60000\n");

    KafkaClientProperties props = props(env("WORKER_CONFIG_FILE", p.toString()));

    assertThat(props.plain()).containsEntry("metadata.max.age.ms", "60000");
  }
}
