package dev.intunereset.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * An app registered with the fake Entra tenant and the one credential it proves itself with, kept
 * apart from the endpoint so the grant checks can be read without the HTTP server around them.
 */
record AppRegistration(String tenant, String clientId, Credential credential) {

  /** The map key that identifies an app: Entra scopes client ids by tenant. */
  String key() {
    return key(tenant, clientId);
  }

  static String key(String tenant, String clientId) {
    return tenant + "/" + clientId;
  }

  /** What the app presents to get a token. */
  sealed interface Credential {}

  /** A client secret, held as bytes for constant-time comparison. */
  record Secret(byte[] secret) implements Credential {
    Secret(String secret) {
      this(secret.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A certificate, with the SHA-1 thumbprint a JWT's {@code x5t} names it by. */
  record Certificate(X509Certificate certificate, String x5t) implements Credential {
    Certificate(X509Certificate certificate) {
      this(certificate, ClientAssertions.thumbprint(certificate));
    }
  }

  /** A federated credential that trusts exactly this assertion (a projected token). */
  record Federated(byte[] assertion) implements Credential {
    Federated(String assertion) {
      this(assertion.getBytes(StandardCharsets.UTF_8));
    }
  }
}
