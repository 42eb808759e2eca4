package dev.intunereset.sandbox.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a client assertion JWT as Entra does for certificate credentials: the certificate it names
 * (x5t), its RS256 signature, audience, issuer, subject and validity window.
 */
final class ClientAssertions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientAssertions() {}

  /** SHA-1 thumbprint of the certificate, base64url as in a JWT x5t header. */
  static String thumbprint(X509Certificate certificate) {
    return base64UrlDigest("SHA-1", certificate);
  }

  static String sha256Thumbprint(X509Certificate certificate) {
    return base64UrlDigest("SHA-256", certificate);
  }

  private static String base64UrlDigest(String algorithm, X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return empty if the assertion proves the certificate credential, else Entra's {@code
   *     invalid_client} error
   */
  static Optional<EntraError> verify(
      String jwt,
      X509Certificate certificate,
      String x5t,
      String clientId,
      String tokenUrl,
      Instant now,
      long skewSeconds) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return problem(50027, "JWT token is invalid or malformed.");
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      return problem(50027, "JWT token is invalid or malformed.");
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      return problem(
          50027,
          "Invalid JWT token. '"
              + header.path("alg").asText()
              + "' is not a supported signature algorithm.");
    }
    // MSAL sends the SHA-256 thumbprint (x5t#S256) to Entra, the SHA-1 one (x5t) elsewhere.
    boolean known =
        header.has("x5t#S256")
            ? sameThumbprint(header.path("x5t#S256").asText(), sha256Thumbprint(certificate))
            : sameThumbprint(header.path("x5t").asText(), x5t);
    if (!known) {
      return problem(
          700027,
          "The certificate with identifier used to sign the client assertion is not registered on"
              + " application. [Reason - The key was not found., Thumbprint of key used by client: '"
              + header.path(header.has("x5t#S256") ? "x5t#S256" : "x5t").asText()
              + "']");
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(certificate.getPublicKey());
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return problem(700027, "Client assertion failed signature validation.");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return problem(700027, "Client assertion failed signature validation.");
    }
    if (!tokenUrl.equals(claims.path("aud").asText())) {
      return problem(
          50027,
          "Invalid JWT token. The audience '"
              + claims.path("aud").asText()
              + "' is not this token endpoint.");
    }
    if (!clientId.equals(claims.path("iss").asText())
        || !clientId.equals(claims.path("sub").asText())) {
      return problem(
          50027,
          "Client assertion issuer and subject must both be the client id '" + clientId + "'.");
    }
    long t = now.getEpochSecond();
    if (!claims.path("exp").canConvertToLong()
        || claims.path("exp").asLong() + skewSeconds < t
        || claims.path("nbf").asLong(0) - skewSeconds > t) {
      return problem(700024, "Client assertion is not within its valid time range.");
    }
    return Optional.empty();
  }

  private static boolean sameThumbprint(String presented, String registered) {
    if (presented.isEmpty()) {
      return false;
    }
    byte[] want = Base64.getUrlDecoder().decode(registered);
    for (Base64.Decoder d : new Base64.Decoder[] {Base64.getUrlDecoder(), Base64.getDecoder()}) {
      try {
        if (MessageDigest.isEqual(d.decode(presented), want)) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        // try the other alphabet
      }
    }
    return false;
  }

  private static Optional<EntraError> problem(int aadsts, String description) {
    return Optional.of(EntraError.invalidClient(aadsts, description));
  }
}
