package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A second client listener, {@code SECURED}, that authenticates with SASL (PLAIN users from {@code
 * plainUsers}; SCRAM-SHA-256/512 users created through the admin API) over TLS when a key store is
 * given, and optionally enforces ACLs. The PLAINTEXT listener stays for the sandbox's own admin and
 * test clients, whose principal (ANONYMOUS) is then a super user.
 *
 * @param port 0 picks a free port
 * @param plainUsers user name to password for SASL/PLAIN
 * @param keyStore PKCS#12 key store of the broker's certificate (SASL_SSL), or null
 *     (SASL_PLAINTEXT)
 * @param keyStorePassword its password (also the key's)
 * @param enforceAcls authorize every request on this listener with Kafka's StandardAuthorizer
 */
public record SecuredListener(
    int port,
    Map<String, String> plainUsers,
    Path keyStore,
    String keyStorePassword,
    boolean enforceAcls) {

  static final String NAME = "SECURED";

  public SecuredListener {
    plainUsers = Map.copyOf(plainUsers);
    if (keyStore != null) {
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (free port) or 1-65535, was " + port);
    }
  }

  public String securityProtocol() {
    return keyStore == null ? "SASL_PLAINTEXT" : "SASL_SSL";
  }

  /** Broker properties of this listener (the listener lists themselves are derived elsewhere). */
  Map<String, String> brokerProperties() {
    String prefix = "listener.name." + NAME.toLowerCase(java.util.Locale.ROOT) + ".";
    Map<String, String> props = new LinkedHashMap<>();
    props.put(prefix + "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
    StringBuilder plain =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    plainUsers.forEach(
        (user, password) ->
            plain.append(" user_").append(user).append("=\"").append(password).append('"'));
    props.put(prefix + "plain.sasl.jaas.config", plain.append(';').toString());
    String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    props.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
    props.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
    if (keyStore != null) {
      props.put(prefix + "ssl.keystore.location", keyStore.toAbsolutePath().toString());
      props.put(prefix + "ssl.keystore.password", keyStorePassword);
      props.put(prefix + "ssl.key.password", keyStorePassword);
      props.put(prefix + "ssl.keystore.type", "PKCS12");
    }
    if (enforceAcls) {
      props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      // The PLAINTEXT and controller listeners authenticate nobody: their principal is ANONYMOUS.
      props.put("super.users", "User:ANONYMOUS");
    }
    return props;
  }
}
