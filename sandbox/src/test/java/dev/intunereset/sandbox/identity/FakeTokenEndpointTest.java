package dev.intunereset.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Entra token endpoint issues tokens only for credentials Entra would accept. */
class FakeTokenEndpointTest {
  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final String SECRET_APP = "11111111-2222-4333-8444-555555555555";
  private static final String CERT_APP = "22222222-3333-4444-8555-666666666666";
  private static final String SECRET = "s3cr3t~value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestPki client;
  private static FakeTokenEndpoint entra;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    TestPki server = TestPki.localServer("fake-entra-test");
    client = TestPki.client("client");
    entra =
        FakeTokenEndpoint.builder()
            .tls(server.keyStore("pw"), "pw".toCharArray())
            .clientSecret(TENANT, SECRET_APP, SECRET)
            .clientCertificate(TENANT, CERT_APP, client.certificate)
            .start();
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  static void stop() {
    entra.close();
  }

  private static String tokenUrl() {
    return entra.authorityHost() + TENANT + "/oauth2/v2.0/token";
  }

  private static HttpResponse<String> post(Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return http.send(
        HttpRequest.newBuilder(URI.create(tokenUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> form(String clientId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("scope", "https://graph.microsoft.com/.default");
    return form;
  }

  private static Map<String, String> assertion(String jwt) {
    Map<String, String> form = form(CERT_APP);
    form.put("client_assertion_type", ClientCredentialsGrant.JWT_BEARER);
    form.put("client_assertion", jwt);
    return form;
  }

  /** A client assertion as MSAL builds it, with the claims given. */
  private static String jwt(PrivateKey key, String aud, String iss, long exp) throws Exception {
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(client.certificate.getEncoded());
    String header =
        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5t#S256\":\""
            + Base64.getEncoder().encodeToString(sha256)
            + "\"}";
    long now = Instant.now().getEpochSecond();
    String claims =
        "{\"aud\":\""
            + aud
            + "\",\"iss\":\""
            + iss
            + "\",\"sub\":\""
            + iss
            + "\",\"jti\":\"1\","
            + "\"nbf\":"
            + now
            + ",\"exp\":"
            + exp
            + "}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(key);
    rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + b64.encodeToString(rs256.sign());
  }

  private static long inTenMinutes() {
    return Instant.now().getEpochSecond() + 600;
  }

  private static void assertRefused(HttpResponse<String> r, int status, String error, int code)
      throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("error").asText()).isEqualTo(error);
    assertThat(body.path("error_description").asText()).startsWith("AADSTS" + code + ":");
    assertThat(body.path("error_codes").get(0).asInt()).isEqualTo(code);
    assertThat(body.has("trace_id") && body.has("correlation_id") && body.has("timestamp"))
        .isTrue();
  }

  @Test
  void theRightSecretGetsABearerTokenThatTheEndpointRecognises() throws Exception {
    Map<String, String> form = form(SECRET_APP);
    form.put("client_secret", SECRET);

    HttpResponse<String> r = post(form);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asInt()).isEqualTo(3599);
    assertThat(entra.issued(body.path("access_token").asText())).isTrue();
    assertThat(entra.issued("anything-else")).isFalse();
  }

  @Test
  void aWrongSecretIsInvalidClient7000215() throws Exception {
    Map<String, String> form = form(SECRET_APP);
    form.put("client_secret", "nope");

    assertRefused(post(form), 401, "invalid_client", 7000215);
  }

  @Test
  void anUnknownAppIsUnauthorizedClient700016() throws Exception {
    Map<String, String> form = form("99999999-2222-4333-8444-555555555555");
    form.put("client_secret", SECRET);

    assertRefused(post(form), 400, "unauthorized_client", 700016);
  }

  @Test
  void aValidAssertionGetsAToken() throws Exception {
    String jwt = jwt(client.keys.getPrivate(), tokenUrl(), CERT_APP, inTenMinutes());

    assertThat(post(assertion(jwt)).statusCode()).isEqualTo(200);
  }

  @Test
  void anAssertionSignedByAnotherKeyFailsSignatureValidation() throws Exception {
    String jwt =
        jwt(TestPki.client("other").keys.getPrivate(), tokenUrl(), CERT_APP, inTenMinutes());

    assertRefused(post(assertion(jwt)), 401, "invalid_client", 700027);
  }

  @Test
  void anAssertionForAnotherAudienceIsRefused() throws Exception {
    String jwt =
        jwt(
            client.keys.getPrivate(),
            "https://login.microsoftonline.com/x/oauth2/v2.0/token",
            CERT_APP,
            inTenMinutes());

    assertRefused(post(assertion(jwt)), 401, "invalid_client", 50027);
  }

  @Test
  void anAssertionIssuedByAnotherClientIsRefused() throws Exception {
    String jwt = jwt(client.keys.getPrivate(), tokenUrl(), SECRET_APP, inTenMinutes());

    assertRefused(post(assertion(jwt)), 401, "invalid_client", 50027);
  }

  @Test
  void anExpiredAssertionIsOutsideItsValidTimeRange700024() throws Exception {
    String jwt =
        jwt(client.keys.getPrivate(), tokenUrl(), CERT_APP, Instant.now().getEpochSecond() - 3600);

    assertRefused(post(assertion(jwt)), 401, "invalid_client", 700024);
  }

  @Test
  void onlyTheTokenPathAnswers() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        entra.authorityHost() + TENANT + "/v2.0/.well-known/openid-configuration"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(404);
  }
}
