package dev.intunereset.worker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.intunereset.contracts.SealedPasscode;
import dev.intunereset.worker.messaging.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasscodeRecipientsTest {
  private static RSAKey servicenow;

  @BeforeAll
  static void generateKey() throws Exception {
    servicenow = new RSAKeyGenerator(2048).keyID("servicenow").keyUse(KeyUse.ENCRYPTION).generate();
  }

  private static String jwks(JWK... keys) {
    // JWKSet.toString() would drop private parts; these tests need them kept where present.
    return new JWKSet(List.of(keys)).toString(false);
  }

  private static SealedPasscode payload() {
    return new SealedPasscode(
        UUID.fromString("6f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"),
        "12345678-1234-1234-1234-123456789abc",
        "48151623",
        Instant.parse("2026-11-23T10:00:00Z"),
        Instant.parse("2026-11-23T10:00:07Z"));
  }

  @Test
  void sealsAPasscodeThatOnlyTheRecipientsPrivateKeyOpens() throws Exception {
    PasscodeRecipients recipients = PasscodeRecipients.fromJwks(jwks(servicenow.toPublicJWK()));

    String jwe = recipients.seal("servicenow", payload(), Json::write);

    JWEObject parsed = JWEObject.parse(jwe);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
    assertThat(parsed.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    assertThat(parsed.getHeader().getKeyID()).isEqualTo("servicenow");
    assertThat(jwe).doesNotContain("48151623");
    parsed.decrypt(new RSADecrypter(servicenow));
    SealedPasscode opened = Json.read(parsed.getPayload().toBytes(), SealedPasscode.class);
    assertThat(opened).isEqualTo(payload());
  }

  @Test
  void twoSealsOfTheSamePasscodeDiffer() {
    PasscodeRecipients recipients = PasscodeRecipients.fromJwks(jwks(servicenow.toPublicJWK()));

    assertThat(recipients.seal("servicenow", payload(), Json::write))
        .isNotEqualTo(recipients.seal("servicenow", payload(), Json::write));
  }

  @Test
  void namesRecipientsByKeyId() throws Exception {
    RSAKey jira = new RSAKeyGenerator(2048).keyID("jira").generate();

    PasscodeRecipients recipients =
        PasscodeRecipients.fromJwks(jwks(servicenow.toPublicJWK(), jira.toPublicJWK()));

    assertThat(recipients.names()).containsExactly("jira", "servicenow");
    assertThat(recipients.contains("servicenow")).isTrue();
    assertThat(recipients.contains("other")).isFalse();
  }

  @Test
  void refusesToSealForAnUnknownRecipient() {
    PasscodeRecipients recipients = PasscodeRecipients.fromJwks(jwks(servicenow.toPublicJWK()));

    assertThatThrownBy(() -> recipients.seal("jira", payload(), Json::write))
        .hasMessageContaining("unknown passcode recipient: jira");
  }

  @Test
  void refusesAPrivateKeyWithoutEchoingItsMaterial() {
    assertThatThrownBy(() -> PasscodeRecipients.fromJwks(jwks(servicenow)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 'servicenow': holds private key material")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(servicenow.getPrivateExponent().toString()));
  }

  @Test
  void refusesAKeyShorterThan2048Bits() throws Exception {
    RSAKey small = new RSAKeyGenerator(1024, true).keyID("weak").generate();

    assertThatThrownBy(() -> PasscodeRecipients.fromJwks(jwks(small.toPublicJWK())))
        .hasMessageContaining("key 'weak': 1024-bit key; at least 2048 needed");
  }

  @Test
  void refusesAKeyThatIsNotRsa() throws Exception {
    JWK ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate().toPublicJWK();

    assertThatThrownBy(() -> PasscodeRecipients.fromJwks(jwks(ec)))
        .hasMessageContaining("key 'ec': must be an RSA key (kty RSA), is EC");
  }

  @Test
  void refusesAKeyWithoutKid() throws Exception {
    RSAKey anonymous = new RSAKeyGenerator(2048).generate();

    assertThatThrownBy(() -> PasscodeRecipients.fromJwks(jwks(anonymous.toPublicJWK())))
        .hasMessageContaining("a key without kid: kid must match");
  }

  @Test
  void refusesASigningKey() throws Exception {
    RSAKey signing = new RSAKeyGenerator(2048).keyID("sig").keyUse(KeyUse.SIGNATURE).generate();

    assertThatThrownBy(() -> PasscodeRecipients.fromJwks(jwks(signing.toPublicJWK())))
        .hasMessageContaining("key 'sig': use must be enc, is sig");
  }

  @Test
  void refusesTheSameKidTwice() throws Exception {
    RSAKey again = new RSAKeyGenerator(2048).keyID("servicenow").generate();

    assertThatThrownBy(
            () -> PasscodeRecipients.fromJwks(jwks(servicenow.toPublicJWK(), again.toPublicJWK())))
        .hasMessageContaining("key 'servicenow': kid appears more than once");
  }

  @Test
  void refusesTextThatIsNotAJwks() {
    assertThatThrownBy(() -> PasscodeRecipients.fromJwks("{\"kty\":"))
        .hasMessageStartingWith("not a JWKS document");
  }

  @Test
  void noRecipientsNamesNone() {
    assertThat(PasscodeRecipients.none().names()).isEmpty();
  }
}
