package dev.intunereset.worker.delivery;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.intunereset.contracts.SealedPasscode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The systems a new passcode may be delivered to, each by name with its RSA public key, read from a
 * JWKS document whose key ids are the recipient names. A passcode is sealed as a compact JWE
 * (RSA-OAEP-256 key wrap, A256GCM content) that only the recipient's private key opens.
 */
public final class PasscodeRecipients {
  static final int MIN_KEY_BITS = 2048;
  static final JWEAlgorithm ALGORITHM = JWEAlgorithm.RSA_OAEP_256;
  static final EncryptionMethod ENCRYPTION = EncryptionMethod.A256GCM;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, RSAKey> keys;

  private PasscodeRecipients(Map<String, RSAKey> keys) {
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
  }

  /** No recipient: every request asking for delivery is rejected. */
  public static PasscodeRecipients none() {
    return new PasscodeRecipients(Map.of());
  }

  /**
   * Reads and checks a JWKS file.
   *
   * @throws IllegalArgumentException naming every problem (never key material)
   */
  public static PasscodeRecipients fromFile(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    return fromJwks(json);
  }

  /**
   * Parses and checks a JWKS document: RSA public keys of at least 2048 bits, each with a unique
   * {@code kid} naming the recipient, usable for encryption with RSA-OAEP-256. A private key is
   * refused: the worker has no business holding one, and a config file is no place for it.
   */
  public static PasscodeRecipients fromJwks(String json) {
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWKS document: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Map<String, RSAKey> keys = new TreeMap<>();
    for (JWK jwk : set.getKeys()) {
      String kid = jwk.getKeyID();
      String name = kid == null ? "a key without kid" : "key '" + kid + "'";
      if (kid == null || !NAME.matcher(kid).matches()) {
        problems.add(name + ": kid must match [A-Za-z0-9._-]{1,64}; it names the recipient");
      }
      if (!(jwk instanceof RSAKey rsa)) {
        problems.add(name + ": must be an RSA key (kty RSA), is " + jwk.getKeyType());
        continue;
      }
      if (rsa.isPrivate()) {
        problems.add(name + ": holds private key material; give the worker the public key only");
      }
      if (rsa.size() < MIN_KEY_BITS) {
        problems.add(name + ": " + rsa.size() + "-bit key; at least " + MIN_KEY_BITS + " needed");
      }
      if (rsa.getKeyUse() != null && !KeyUse.ENCRYPTION.equals(rsa.getKeyUse())) {
        problems.add(name + ": use must be enc, is " + rsa.getKeyUse().identifier());
      }
      if (rsa.getAlgorithm() != null && !ALGORITHM.equals(rsa.getAlgorithm())) {
        problems.add(name + ": alg must be " + ALGORITHM + ", is " + rsa.getAlgorithm());
      }
      if (kid != null && keys.put(kid, rsa.toPublicJWK()) != null) {
        problems.add(name + ": kid appears more than once");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new PasscodeRecipients(keys);
  }

  /** Recipient names, sorted. */
  public Set<String> names() {
    return keys.keySet();
  }

  public boolean contains(String recipient) {
    return keys.containsKey(recipient);
  }

  /**
   * Seals a passcode for a recipient.
   *
   * @param toJson serialises the payload (the worker's JSON mapper)
   * @return compact JWE with the recipient's name as {@code kid}
   */
  public String seal(
      String recipient, SealedPasscode payload, Function<SealedPasscode, byte[]> toJson) {
    RSAKey key = keys.get(recipient);
    if (key == null) {
      throw new IllegalArgumentException("unknown passcode recipient: " + recipient);
    }
    JWEObject jwe =
        new JWEObject(
            new JWEHeader.Builder(ALGORITHM, ENCRYPTION).keyID(recipient).build(),
            new Payload(toJson.apply(payload)));
    try {
      jwe.encrypt(new RSAEncrypter(key));
    } catch (JOSEException e) {
      // Only a broken JCE provider gets here; the message names no key or payload.
      throw new IllegalStateException("sealing for " + recipient + " failed: " + e.getMessage());
    }
    return jwe.serialize();
  }
}
