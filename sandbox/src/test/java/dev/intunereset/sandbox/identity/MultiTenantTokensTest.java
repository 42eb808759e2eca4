package dev.intunereset.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.GraphCaller;
import dev.intunereset.sandbox.graph.GraphSimulator;
import dev.intunereset.sandbox.graph.RecordedCall;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One multi-tenant app consented in two tenants gets a token per tenant from {@code
 * /{tenant}/oauth2/v2.0/token}, and the Graph simulator serves each token in its own tenant only.
 */
class MultiTenantTokensTest {
  private static final String TENANT_A = "3c9a1e52-7d4b-4f0e-9a61-2b8c5d7e9f01";
  private static final String TENANT_B = "4d0b2f63-8e5c-4a1f-8b72-3c9d6e8f0a12";
  private static final String TENANT_NOT_SERVED = "5e1c3a74-9f6d-4b2a-9c83-4d0e7f9a1b23";
  private static final String MSP_APP = "6f2d4b85-a07e-4c3b-8d94-5e1f8a0b2c34";
  private static final String SECRET = "msp~s3cr3t.value";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FakeTokenEndpoint entra;
  private static GraphSimulator graph;
  private static HttpClient https;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    TestPki server = TestPki.localServer("fake-entra-tenants");
    entra =
        FakeTokenEndpoint.builder()
            .tls(server.keyStore("pw"), "pw".toCharArray())
            .clientSecret(TENANT_A, MSP_APP, SECRET)
            .clientSecret(TENANT_B, MSP_APP, SECRET)
            .clientSecret(TENANT_NOT_SERVED, MSP_APP, SECRET)
            .start();
    graph =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(0))
            .tenant(TENANT_A, "Contoso", DeviceInventory.deterministic(10, 1))
            .tenant(TENANT_B, "Fabrikam", DeviceInventory.deterministic(10, 2))
            .start();
    graph.acceptCallers(
        token ->
            entra
                .issuedToken(token)
                .map(issued -> new GraphCaller(issued.tenant(), issued.clientId())));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    https = HttpClient.newBuilder().sslContext(tls).build();
  }

  @AfterAll
  static void stop() {
    graph.close();
    entra.close();
  }

  private static String tokenFor(String tenant) throws Exception {
    Map<String, String> form =
        Map.of(
            "grant_type",
            "client_credentials",
            "client_id",
            MSP_APP,
            "client_secret",
            SECRET,
            "scope",
            "https://graph.microsoft.com/.default");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> answer =
        https.send(
            HttpRequest.newBuilder(
                    URI.create(entra.authorityHost() + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("access_token").asText();
  }

  private static HttpResponse<String> get(String token, String deviceId) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(graph.baseUrl() + "/deviceManagement/managedDevices/" + deviceId))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error");
  }

  @Test
  void eachTenantsTokenIsBoundToThatTenantAndTheApp() throws Exception {
    String tokenA = tokenFor(TENANT_A);
    String tokenB = tokenFor(TENANT_B);

    assertThat(tokenA).isNotEqualTo(tokenB);
    assertThat(entra.issuedToken(tokenA))
        .hasValue(new FakeTokenEndpoint.IssuedToken(TENANT_A, MSP_APP));
    assertThat(entra.issuedToken(tokenB))
        .hasValue(new FakeTokenEndpoint.IssuedToken(TENANT_B, MSP_APP));
    assertThat(entra.issuedToken("made-up")).isEmpty();
  }

  @Test
  void aTenantsTokenOpensItsOwnDevicesAndNotAnotherTenants() throws Exception {
    String tokenA = tokenFor(TENANT_A);
    String deviceOfA = DeviceInventory.deterministicId(0, 1);
    String deviceOfB = DeviceInventory.deterministicId(0, 2);

    HttpResponse<String> own = get(tokenA, deviceOfA);
    HttpResponse<String> others = get(tokenA, deviceOfB);

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(error(others).get("code").asText()).isEqualTo("ResourceNotFound");
    assertThat(get(tokenFor(TENANT_B), deviceOfB).statusCode()).isEqualTo(200);
    RecordedCall last = graph.calls().get(graph.calls().size() - 1);
    assertThat(last.tenantId()).isEqualTo(TENANT_B);
    assertThat(last.appId()).isEqualTo(MSP_APP);
  }

  @Test
  void aTokenOfATenantTheSimulatorDoesNotServeIs401() throws Exception {
    HttpResponse<String> refused =
        get(tokenFor(TENANT_NOT_SERVED), DeviceInventory.deterministicId(0, 1));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(error(refused).get("code").asText()).isEqualTo("InvalidAuthenticationToken");
  }

  @Test
  void theSandboxTokenOpensNothingOnceIssuedTokensAreRequired() throws Exception {
    assertThat(
            get(GraphSimulator.DEFAULT_TOKEN, DeviceInventory.deterministicId(0, 1)).statusCode())
        .isEqualTo(401);
  }
}
