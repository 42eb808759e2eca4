package dev.intunereset.worker.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Maps the KAFKA_SECURITY_*, KAFKA_SASL_* and KAFKA_SSL_* keys, and any {@code KAFKA_CLIENT_*}
 * pass-through, to Kafka client properties. A setting that the chosen protocol or mechanism would
 * silently ignore is a problem, so a half-configured TLS or SASL set-up fails at startup.
 */
final class KafkaSecurityReader {
  static final String OAUTH_LOGIN_CALLBACK_HANDLER =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";

  /** One per choice of {@code KAFKA_SASL_MECHANISM} (a test holds them equal). */
  static final Map<String, String> LOGIN_MODULES =
      Map.of(
          "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
          "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
          "OAUTHBEARER", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule");

  private static final List<ConfigKey<?>> SASL_KEYS =
      List.of(
          ConfigKeys.KAFKA_SASL_USERNAME,
          ConfigKeys.KAFKA_SASL_PASSWORD,
          ConfigKeys.KAFKA_SASL_JAAS_CONFIG,
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL,
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_ID,
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET,
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_SCOPE);
  private static final List<ConfigKey<?>> OAUTH_KEYS = SASL_KEYS.subList(3, 7);
  private static final List<ConfigKey<?>> SSL_KEYS =
      List.of(
          ConfigKeys.KAFKA_SSL_TRUSTSTORE_LOCATION,
          ConfigKeys.KAFKA_SSL_TRUSTSTORE_PASSWORD,
          ConfigKeys.KAFKA_SSL_TRUSTSTORE_TYPE,
          ConfigKeys.KAFKA_SSL_KEYSTORE_LOCATION,
          ConfigKeys.KAFKA_SSL_KEYSTORE_PASSWORD,
          ConfigKeys.KAFKA_SSL_KEYSTORE_TYPE,
          ConfigKeys.KAFKA_SSL_KEY_PASSWORD);

  /**
   * Properties the worker sets itself (its transactions, offsets and group semantics depend on
   * them) or that have their own key above; {@code KAFKA_CLIENT_*} may not set them.
   */
  private static final Map<String, String> RESERVED =
      Map.ofEntries(
          Map.entry("bootstrap.servers", "use KAFKA_BOOTSTRAP_SERVERS"),
          Map.entry("security.protocol", "use KAFKA_SECURITY_PROTOCOL"),
          Map.entry("sasl.mechanism", "use KAFKA_SASL_MECHANISM"),
          Map.entry("sasl.jaas.config", "use KAFKA_SASL_JAAS_CONFIG"),
          Map.entry(
              "sasl.oauthbearer.token.endpoint.url",
              "use KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL"),
          Map.entry(
              "sasl.oauthbearer.client.credentials.client.id",
              "use KAFKA_SASL_OAUTHBEARER_CLIENT_ID"),
          Map.entry(
              "sasl.oauthbearer.client.credentials.client.secret",
              "use KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET"),
          Map.entry("sasl.oauthbearer.scope", "use KAFKA_SASL_OAUTHBEARER_SCOPE"),
          Map.entry("ssl.truststore.location", "use KAFKA_SSL_TRUSTSTORE_LOCATION"),
          Map.entry("ssl.truststore.password", "use KAFKA_SSL_TRUSTSTORE_PASSWORD"),
          Map.entry("ssl.truststore.type", "use KAFKA_SSL_TRUSTSTORE_TYPE"),
          Map.entry("ssl.keystore.location", "use KAFKA_SSL_KEYSTORE_LOCATION"),
          Map.entry("ssl.keystore.password", "use KAFKA_SSL_KEYSTORE_PASSWORD"),
          Map.entry("ssl.keystore.type", "use KAFKA_SSL_KEYSTORE_TYPE"),
          Map.entry("ssl.key.password", "use KAFKA_SSL_KEY_PASSWORD"),
          Map.entry("client.id", "set by the worker per loop"),
          Map.entry("group.id", "use KAFKA_GROUP_ID"),
          Map.entry("group.instance.id", "set by the worker (static membership)"),
          Map.entry("transactional.id", "set by the worker from WORKER_INSTANCE_ID"),
          Map.entry("isolation.level", "the worker reads read_committed"),
          Map.entry("enable.auto.commit", "the worker commits in its transactions"),
          Map.entry("enable.idempotence", "the worker's transactions need it"),
          Map.entry("acks", "the worker's transactions need acks=all"),
          Map.entry("auto.offset.reset", "set by the worker"),
          Map.entry("partition.assignment.strategy", "set by the worker"),
          Map.entry("transaction.timeout.ms", "set by the worker"),
          Map.entry("max.poll.records", "set by the worker per loop"),
          Map.entry("key.serializer", "set by the worker"),
          Map.entry("value.serializer", "set by the worker"),
          Map.entry("key.deserializer", "set by the worker"),
          Map.entry("value.deserializer", "set by the worker"));

  private static final List<ConfigDef> CLIENT_DEFS =
      List.of(
          ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());

  private final ConfigReader r;
  private final Map<String, String> plain = new LinkedHashMap<>();
  private final Map<String, Secret> secret = new LinkedHashMap<>();

  private KafkaSecurityReader(ConfigReader r) {
    this.r = r;
  }

  static KafkaClientProperties read(ConfigReader r) {
    return new KafkaSecurityReader(r).read();
  }

  private KafkaClientProperties read() {
    String protocol = r.text(ConfigKeys.KAFKA_SECURITY_PROTOCOL);
    if (!protocol.equals("PLAINTEXT")) {
      plain.put("security.protocol", protocol);
    }
    if (protocol.startsWith("SASL_")) {
      sasl(protocol);
    } else {
      onlyWith(
          ConfigKeys.KAFKA_SASL_MECHANISM, "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL");
      SASL_KEYS.forEach(k -> onlyWith(k, "KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT or SASL_SSL"));
    }
    if (protocol.endsWith("SSL")) {
      ssl();
    } else {
      SSL_KEYS.forEach(k -> onlyWith(k, "KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL"));
    }
    passThrough();
    return new KafkaClientProperties(plain, secret);
  }

  private void sasl(String protocol) {
    if (!r.isSet(ConfigKeys.KAFKA_SASL_MECHANISM)) {
      r.problem(
          ConfigKeys.KAFKA_SASL_MECHANISM.name()
              + ": required when KAFKA_SECURITY_PROTOCOL="
              + protocol
              + ", expected "
              + ConfigKeys.KAFKA_SASL_MECHANISM.range());
      return;
    }
    String mechanism = r.value(ConfigKeys.KAFKA_SASL_MECHANISM);
    if (mechanism == null) {
      return;
    }
    plain.put("sasl.mechanism", mechanism);
    Optional<Secret> jaas = r.optionalSecret(ConfigKeys.KAFKA_SASL_JAAS_CONFIG);
    if (mechanism.equals("OAUTHBEARER")) {
      List.of(ConfigKeys.KAFKA_SASL_USERNAME, ConfigKeys.KAFKA_SASL_PASSWORD)
          .forEach(k -> onlyWith(k, "KAFKA_SASL_MECHANISM=PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
      oauthBearer(jaas);
    } else {
      OAUTH_KEYS.forEach(k -> onlyWith(k, "KAFKA_SASL_MECHANISM=OAUTHBEARER"));
      userPassword(mechanism, jaas);
    }
  }

  private void userPassword(String mechanism, Optional<Secret> jaas) {
    boolean user = r.isSet(ConfigKeys.KAFKA_SASL_USERNAME);
    Optional<Secret> password = r.optionalSecret(ConfigKeys.KAFKA_SASL_PASSWORD);
    if (jaas.isPresent()) {
      if (user || password.isPresent()) {
        r.problem(
            ConfigKeys.KAFKA_SASL_JAAS_CONFIG.name()
                + ": set either it or KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, not both");
      }
      secret.put("sasl.jaas.config", jaas.get());
      return;
    }
    String reason =
        ": required when KAFKA_SASL_MECHANISM=" + mechanism + " (or KAFKA_SASL_JAAS_CONFIG)";
    if (!user) {
      r.problem(ConfigKeys.KAFKA_SASL_USERNAME.name() + reason);
    }
    if (password.isEmpty()) {
      r.problem(ConfigKeys.KAFKA_SASL_PASSWORD.name() + reason);
    }
    if (user && password.isPresent()) {
      secret.put(
          "sasl.jaas.config",
          Secret.of(
              LOGIN_MODULES.get(mechanism)
                  + " required username=\""
                  + jaasQuote(r.raw(ConfigKeys.KAFKA_SASL_USERNAME))
                  + "\" password=\""
                  + jaasQuote(password.get().reveal())
                  + "\";"));
    }
  }

  private void oauthBearer(Optional<Secret> jaas) {
    secret.put(
        "sasl.jaas.config",
        jaas.orElse(Secret.of(LOGIN_MODULES.get("OAUTHBEARER") + " required;")));
    if (!r.isSet(ConfigKeys.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL)) {
      if (jaas.isEmpty()) {
        r.problem(
            ConfigKeys.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL.name()
                + ": required when KAFKA_SASL_MECHANISM=OAUTHBEARER (unless KAFKA_SASL_JAAS_CONFIG"
                + " and KAFKA_CLIENT_SASL_LOGIN_CALLBACK_HANDLER_CLASS bring their own login)");
      }
      List.of(
              ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_ID,
              ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET,
              ConfigKeys.KAFKA_SASL_OAUTHBEARER_SCOPE)
          .forEach(k -> onlyWith(k, "KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL"));
      return;
    }
    URI url = r.value(ConfigKeys.KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL);
    if (url != null) {
      plain.put("sasl.oauthbearer.token.endpoint.url", url.toString());
    }
    plain.put("sasl.login.callback.handler.class", OAUTH_LOGIN_CALLBACK_HANDLER);
    // The client id and secret may instead come as clientId/clientSecret options of the JAAS line.
    if (r.isSet(ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_ID)) {
      plain.put(
          "sasl.oauthbearer.client.credentials.client.id",
          r.raw(ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_ID));
    } else if (jaas.isEmpty()) {
      r.problem(
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_ID.name()
              + ": required with KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL");
    }
    Optional<Secret> clientSecret =
        r.optionalSecret(ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET);
    if (clientSecret.isPresent()) {
      secret.put("sasl.oauthbearer.client.credentials.client.secret", clientSecret.get());
    } else if (jaas.isEmpty()) {
      r.problem(
          ConfigKeys.KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET.name()
              + ": required with KAFKA_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL");
    }
    if (r.isSet(ConfigKeys.KAFKA_SASL_OAUTHBEARER_SCOPE)) {
      plain.put("sasl.oauthbearer.scope", r.raw(ConfigKeys.KAFKA_SASL_OAUTHBEARER_SCOPE));
    }
  }

  private void ssl() {
    store(
        ConfigKeys.KAFKA_SSL_TRUSTSTORE_LOCATION,
        ConfigKeys.KAFKA_SSL_TRUSTSTORE_PASSWORD,
        ConfigKeys.KAFKA_SSL_TRUSTSTORE_TYPE,
        "ssl.truststore",
        false);
    store(
        ConfigKeys.KAFKA_SSL_KEYSTORE_LOCATION,
        ConfigKeys.KAFKA_SSL_KEYSTORE_PASSWORD,
        ConfigKeys.KAFKA_SSL_KEYSTORE_TYPE,
        "ssl.keystore",
        true);
    if (r.isSet(ConfigKeys.KAFKA_SSL_KEY_PASSWORD)) {
      if (!r.isSet(ConfigKeys.KAFKA_SSL_KEYSTORE_LOCATION)) {
        onlyWith(ConfigKeys.KAFKA_SSL_KEY_PASSWORD, "KAFKA_SSL_KEYSTORE_LOCATION");
      } else {
        secret.put("ssl.key.password", r.optionalSecret(ConfigKeys.KAFKA_SSL_KEY_PASSWORD).get());
      }
    }
  }

  private void store(
      ConfigKey<Path> location,
      ConfigKey<Secret> password,
      ConfigKey<String> type,
      String prefix,
      boolean needsPassword) {
    if (!r.isSet(location)) {
      onlyWith(password, location.name());
      onlyWith(type, location.name());
      return;
    }
    Path path = r.optional(location).orElse(Path.of(r.raw(location)));
    plain.put(prefix + ".location", path.toString());
    String storeType = "";
    if (r.isSet(type)) {
      storeType = r.text(type);
      plain.put(prefix + ".type", storeType);
    }
    Optional<Secret> pw = r.optionalSecret(password);
    if (pw.isPresent()) {
      secret.put(prefix + ".password", pw.get());
    } else if (needsPassword && !storeType.equals("PEM")) {
      r.problem(password.name() + ": required with " + location.name() + " (JKS or PKCS12)");
    }
  }

  private void passThrough() {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    Set<String> passwords = new java.util.HashSet<>();
    for (ConfigDef def : CLIENT_DEFS) {
      def.configKeys()
          .forEach(
              (name, key) -> {
                byEnvName.put(envName(name), name);
                if (key.type == ConfigDef.Type.PASSWORD) {
                  passwords.add(name);
                }
              });
    }
    r.withPrefix(ConfigKeys.KAFKA_CLIENT_PREFIX)
        .forEach(
            (envName, value) -> {
              String property = byEnvName.get(envName);
              if (property == null) {
                r.problem(
                    envName
                        + ": no Kafka producer, consumer or admin property is called "
                        + envName
                            .substring(ConfigKeys.KAFKA_CLIENT_PREFIX.length())
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '.'));
              } else if (RESERVED.containsKey(property)) {
                r.problem(
                    envName
                        + ": "
                        + property
                        + " cannot be set this way: "
                        + RESERVED.get(property));
              } else if (passwords.contains(property)) {
                secret.put(property, Secret.of(value));
              } else {
                plain.put(property, value);
              }
            });
  }

  /** {@code ssl.endpoint.identification.algorithm} → {@code KAFKA_CLIENT_SSL_ENDPOINT_...}. */
  static String envName(String property) {
    return ConfigKeys.KAFKA_CLIENT_PREFIX
        + property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private void onlyWith(ConfigKey<?> key, String condition) {
    if (r.isSet(key)) {
      r.problem(key.name() + ": only used with " + condition + "; remove it or set that");
    }
  }

  /** JAAS option values are double-quoted; a quote or backslash inside must be escaped. */
  private static String jaasQuote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
