package dev.intunereset.worker.config;

import dev.intunereset.worker.config.GraphAuth.CertificateFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens certificate files at startup, so that a wrong path, password or format fails there with one
 * clear line instead of at the first token request. Messages never contain key material or
 * passwords.
 */
final class CertificateFiles {
  private static final Pattern PKCS8_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private CertificateFiles() {}

  /** PEM files are text that starts with a {@code -----BEGIN} line; anything else is PFX. */
  static CertificateFormat formatOf(Path path) {
    try {
      String head = new String(readHead(path), StandardCharsets.ISO_8859_1).strip();
      return head.startsWith("-----BEGIN") ? CertificateFormat.PEM : CertificateFormat.PFX;
    } catch (IOException e) {
      return CertificateFormat.PFX;
    }
  }

  /** An unencrypted PKCS#8 RSA key and the certificate of its public key. */
  static Optional<String> checkPem(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return Optional.of("cannot read the PEM file " + path);
    }
    if (text.contains("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")) {
      return Optional.of(path + " holds an encrypted key; azure-identity needs it unencrypted");
    }
    Matcher m = PKCS8_KEY.matcher(text);
    if (!m.find()) {
      return Optional.of(
          path + " has no unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
    }
    PrivateKey key;
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of(path + ": the private key is not an RSA key Entra ID can use");
    }
    Collection<? extends Certificate> certs;
    try {
      certs = certificates(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      return Optional.of(path + ": cannot parse its certificate");
    }
    if (certs.isEmpty()) {
      return Optional.of(path + " has no certificate (-----BEGIN CERTIFICATE-----)");
    }
    boolean matches =
        certs.stream()
            .anyMatch(
                c ->
                    c.getPublicKey() instanceof RSAPublicKey pub
                        && key instanceof RSAPrivateCrtKey priv
                        && pub.getModulus().equals(priv.getModulus()));
    return matches
        ? Optional.empty()
        : Optional.of(path + ": no certificate in it matches the private key");
  }

  /** A PKCS#12 file that opens with the password and holds a private key. */
  static Optional<String> checkPfx(Path path, Optional<Secret> password) {
    char[] pw = password.map(p -> p.reveal().toCharArray()).orElse(new char[0]);
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, pw);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return Optional.empty();
        }
      }
      return Optional.of(path + " holds no private key");
    } catch (IOException e) {
      return Optional.of(
          "cannot open the PFX file "
              + path
              + (password.isPresent()
                  ? " with AZURE_CLIENT_CERTIFICATE_PASSWORD (wrong password, or not PFX?)"
                  : " without a password (set AZURE_CLIENT_CERTIFICATE_PASSWORD?)"));
    } catch (GeneralSecurityException e) {
      return Optional.of("cannot open the PFX file " + path + ": " + e.getClass().getSimpleName());
    }
  }

  /** A file of one or more PEM (or DER) X.509 certificates. */
  static Optional<String> checkCaBundle(Path path) {
    try {
      if (certificates(Files.readAllBytes(path)).isEmpty()) {
        return Optional.of(path + " holds no certificate");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot read the file " + path);
    } catch (GeneralSecurityException e) {
      return Optional.of(path + ": not a file of X.509 certificates");
    }
  }

  private static Collection<? extends Certificate> certificates(byte[] content)
      throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(stripNonCertificateBlocks(content)));
  }

  /** The JDK parser stops at the first non-certificate block, e.g. a private key before it. */
  private static byte[] stripNonCertificateBlocks(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    if (!text.contains("-----BEGIN")) {
      return content;
    }
    Matcher m =
        Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----")
            .matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      out.append(m.group()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readHead(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(64);
    }
  }
}
