package dev.intunereset.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.sandbox.graph.GraphSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/**
 * The demo's stand-in for a ticketing system that receives passcodes: a fresh RSA key pair whose
 * public half the worker is given, and whose private half opens the sealed passcode in the outcome.
 */
final class DemoRecipient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RSAKey key;
  private final Path publicJwks;

  private DemoRecipient(RSAKey key, Path publicJwks) {
    this.key = key;
    this.publicJwks = publicJwks;
  }

  static DemoRecipient create(String name) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID(name).keyUse(KeyUse.ENCRYPTION).generate();
      Path file = Files.createTempFile("passcode-recipients", ".jwks.json");
      file.toFile().deleteOnExit();
      Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
      return new DemoRecipient(key, file);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate the demo recipient's key", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path publicJwks() {
    return publicJwks;
  }

  /**
   * The worker settings that deliver passcodes to the recipients of a JWKS file on the sandbox: the
   * file, and a short first wait, since the simulator shows a new passcode within seconds. The demo
   * gives its own key; {@code up --recipients} an integrator's.
   */
  static Map<String, String> workerEnv(Path jwks) {
    return Map.of("PASSCODE_RECIPIENTS_FILE", jwks.toString(), "PASSCODE_POLL_INTERVAL", "500ms");
  }

  /**
   * Opens the outcome's JWE and compares it with what Graph shows for the device. The passcode
   * itself is not printed: the point is that only the recipient can read it.
   */
  String check(DeviceOutcome o, GraphSimulator graph) {
    try {
      JWEObject jwe = JWEObject.parse(o.passcode().jwe());
      jwe.decrypt(new RSADecrypter(key));
      JsonNode payload = JSON.readTree(jwe.getPayload().toString());
      boolean matches =
          graph
              .passcodeOf(o.deviceId())
              .map(p -> p.equals(payload.path("passcode").asText()))
              .orElse(false);
      return String.format(
          "sealed for %s (%d-character JWE); opened with its private key: %s",
          o.passcode().recipient(),
          o.passcode().jwe().length(),
          matches ? "matches the passcode Graph shows" : "DOES NOT match Graph");
    } catch (ParseException | JOSEException | IOException e) {
      return "sealed, but could not be opened: " + e.getMessage();
    }
  }
}
