package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.identity.FakeTokenEndpoint;
import dev.intunereset.sandbox.identity.FakeTokenEndpoint.TokenRequest;
import dev.intunereset.sandbox.identity.TestPki;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Graph identity end to end: a real worker and broker, the Graph simulator accepting only the
 * tokens that a local HTTPS Entra token endpoint issued, and azure-identity talking to that
 * endpoint through the worker's configuration (authority host, trusted CA file, credentials).
 */
class IdentityIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String TENANT = "7c4e2b1a-9d3f-4e8a-b6c1-2f5d8e9a0b13";
  private static final String SECRET_APP = "11111111-2222-4333-8444-555555555555";
  private static final String CERT_APP = "22222222-3333-4444-8555-666666666666";
  private static final String WORKLOAD_APP = "33333333-4444-4555-8666-777777777777";
  private static final String CLIENT_SECRET = "Qx8~sEcReT.value-9fGh2Lk3Mn4Pq5Rs";
  private static final String PFX_PASSWORD = "pfx-Pa55word-7Yt6";
  private static final String FEDERATED_TOKEN =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2ln";
  private static final int CONCURRENCY = 8;
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(600);

  private static Path dir;
  private static SandboxStack stack;
  private static FakeTokenEndpoint entra;
  private static TestPki clientCert;
  private static Path trustedCa;
  private static int nextDevice;

  private Worker worker;
  private ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("identity-it");
    TestPki server = TestPki.localServer("fake-entra");
    trustedCa = server.writeCertificatePem(dir.resolve("entra-ca.pem"));
    clientCert = TestPki.client("passcode-reset-worker");
    entra =
        FakeTokenEndpoint.builder()
            .tls(server.keyStore("tls-pw"), "tls-pw".toCharArray())
            .clientSecret(TENANT, SECRET_APP, CLIENT_SECRET)
            .clientCertificate(TENANT, CERT_APP, clientCert.certificate)
            .federatedCredential(TENANT, WORKLOAD_APP, FEDERATED_TOKEN)
            .start();
    stack = SandboxStack.start(SandboxStack.Options.defaults());
    // Only what this Entra issued opens Graph: the sandbox's static token no longer does.
    stack.simulator().acceptTokens(entra::issued);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (entra != null) {
      entra.close();
    }
  }

  @AfterEach
  void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    if (logs != null) {
      for (String name : CAPTURED) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        logger.detachAppender(logs);
        logger.setLevel(Level.WARN);
        logger.setAdditive(true);
      }
    }
  }

  private static Map<String, String> env(String mode, String clientId) {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_AUTH_MODE", mode);
    env.put("AZURE_TENANT_ID", TENANT);
    env.put("AZURE_CLIENT_ID", clientId);
    env.put("AZURE_AUTHORITY_HOST", entra.authorityHost());
    env.put("HTTPS_TRUSTED_CA_FILE", trustedCa.toString());
    env.put("DISPATCH_CONCURRENCY", Integer.toString(CONCURRENCY));
    env.put("GRAPH_STATIC_TOKEN", "");
    return env;
  }

  private void startWorker(String name, Map<String, String> env) {
    worker = stack.startWorker("identity-it-" + name, env);
  }

  private static synchronized List<String> devices(int count) {
    List<String> out = ANDROID.subList(nextDevice, nextDevice + count);
    nextDevice += count;
    return out;
  }

  private static List<TokenRequest> tokenRequests(String clientId) {
    return entra.requests().stream().filter(r -> r.clientId().equals(clientId)).toList();
  }

  /** Publishes one request and checks every device succeeded through authenticated calls. */
  private static void resetSucceeds(int count) {
    int callsBefore = stack.simulator().calls().size();
    UUID id = UUID.randomUUID();
    RequestRun run =
        new RequestRun(stack.bootstrapServers())
            .publishAndAwait(
                Set.of(id),
                TIMEOUT,
                RequestRun.request(id, devices(count), "\"validateDeviceExists\":true"));

    List<DeviceOutcome> outcomes = run.outcomes(id);
    assertThat(outcomes).hasSize(count).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    List<RecordedCall> calls = stack.simulator().calls();
    List<RecordedCall> ours = calls.subList(callsBefore, calls.size());
    assertThat(ours).hasSizeGreaterThanOrEqualTo(2 * count).allMatch(RecordedCall::authenticated);
  }

  @Test
  void clientSecretFlowFetchesATokenOnceForHundredsOfGraphCalls() {
    int before = tokenRequests(SECRET_APP).size();
    int callsBefore = stack.simulator().calls().size();
    startWorker("secret", withSecret(env("client-secret", SECRET_APP)));

    resetSucceeds(200);

    List<TokenRequest> requests = tokenRequests(SECRET_APP);
    requests = requests.subList(before, requests.size());
    System.out.printf(
        "client-secret: %d token request(s) for %d Graph calls%n",
        requests.size(), stack.simulator().calls().size() - callsBefore);
    // One token, fetched once by the first of CONCURRENCY concurrent calls, serves all 400+.
    assertThat(requests).singleElement().matches(TokenRequest::succeeded);
  }

  private static Map<String, String> withSecret(Map<String, String> env) {
    env.put("AZURE_CLIENT_SECRET", CLIENT_SECRET);
    return env;
  }

  @Test
  void pemClientCertificateFlowSignsAnAssertionEntraAccepts() {
    Map<String, String> env = env("client-certificate", CERT_APP);
    env.put(
        "AZURE_CLIENT_CERTIFICATE_PATH", clientCert.writePem(dir.resolve("client.pem")).toString());
    int before = tokenRequests(CERT_APP).size();
    startWorker("pem", env);

    resetSucceeds(50);

    List<TokenRequest> requests = tokenRequests(CERT_APP);
    assertThat(requests.subList(before, requests.size()))
        .singleElement()
        .matches(TokenRequest::succeeded);
  }

  @Test
  void pfxClientCertificateFlowWithItsPasswordAndChainSignsAnAssertionEntraAccepts() {
    Map<String, String> env = env("client-certificate", CERT_APP);
    env.put(
        "AZURE_CLIENT_CERTIFICATE_PATH",
        clientCert.writePfx(dir.resolve("client.pfx"), PFX_PASSWORD).toString());
    env.put("AZURE_CLIENT_CERTIFICATE_PASSWORD", PFX_PASSWORD);
    env.put("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "true");
    int before = tokenRequests(CERT_APP).size();
    startWorker("pfx", env);

    resetSucceeds(50);

    List<TokenRequest> requests = tokenRequests(CERT_APP);
    assertThat(requests.subList(before, requests.size()))
        .singleElement()
        .matches(TokenRequest::succeeded);
  }

  @Test
  void workloadIdentityExchangesTheProjectedTokenFile() {
    Map<String, String> env = env("workload-identity", WORKLOAD_APP);
    env.put(
        "AZURE_FEDERATED_TOKEN_FILE",
        TestPki.write(dir.resolve("azure-identity-token"), FEDERATED_TOKEN).toString());
    startWorker("workload", env);

    resetSucceeds(20);

    assertThat(tokenRequests(WORKLOAD_APP)).singleElement().matches(TokenRequest::succeeded);
  }

  @Test
  void aWrongSecretMakesTheWorkerNotReadyNamingTenantClientAndCodeWithoutLeakingIt()
      throws Exception {
    String wrongSecret = "Wr0ng~secret.value-DoNotLeak-8Jk2";
    Map<String, String> env = env("client-secret", SECRET_APP);
    env.put("AZURE_CLIENT_SECRET", wrongSecret);
    int before = tokenRequests(SECRET_APP).size();
    String auth = notReadyWith(env, "wrong-secret");

    assertThat(auth)
        .contains("tenant " + TENANT, "client " + SECRET_APP, "AADSTS7000215", "invalid_client")
        .doesNotContain(wrongSecret);
    assertNoDeviceFailedAndNothingLeaked(wrongSecret);
    assertEntraWasNotHammered(SECRET_APP, before);
  }

  @Test
  void aCertificateEntraDoesNotKnowMakesTheWorkerNotReady() throws Exception {
    TestPki stranger = TestPki.client("not-registered");
    Map<String, String> env = env("client-certificate", CERT_APP);
    env.put(
        "AZURE_CLIENT_CERTIFICATE_PATH", stranger.writePem(dir.resolve("stranger.pem")).toString());
    int before = tokenRequests(CERT_APP).size();
    String auth = notReadyWith(env, "wrong-cert");

    assertThat(auth).contains("client " + CERT_APP, "AADSTS700027", "invalid_client");
    assertNoDeviceFailedAndNothingLeaked(
        stranger.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    assertEntraWasNotHammered(CERT_APP, before);
  }

  private static final List<String> CAPTURED =
      List.of("com.azure", "com.microsoft", "dev.intunereset");
  private UUID refusedRequest;
  private final Duration refusedTimeout = Duration.ofSeconds(20);

  /** Starts a worker that cannot get a token, sends it work, returns its graph.auth check. */
  private String notReadyWith(Map<String, String> env, String workerName) throws Exception {
    // Everything the identity stack and the worker say, down to DEBUG, is checked for the secret.
    logs = new ListAppender<>();
    logs.start();
    for (String name : CAPTURED) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(logs);
    }
    startWorker(workerName, env);
    refusedRequest = UUID.randomUUID();
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      publisher.send(
          refusedRequest.toString(),
          RequestRun.request(
              refusedRequest,
              devices(3),
              "\"ignorePartialFailures\":true,\"timeout\":\""
                  + refusedTimeout.toSeconds()
                  + "s\""));
    }
    String auth = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (auth.isEmpty() || auth.equals("ok")) {
      auth = worker.readiness().checks().getOrDefault("graph.auth", "");
      assertThat(System.nanoTime()).as("readiness reports the auth problem").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(worker.readiness().ready()).isFalse();
    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + worker.opsPort() + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("graph.auth");
    readinessBody = ready.body();
    System.out.println("not ready: " + auth);
    return auth;
  }

  private String readinessBody;

  /** A refused credential is retried about once per cool-down, not on every Graph call. */
  private static void assertEntraWasNotHammered(String clientId, int before) {
    List<TokenRequest> all = tokenRequests(clientId);
    List<TokenRequest> refused = all.subList(before, all.size());
    assertThat(refused).isNotEmpty().noneMatch(TokenRequest::succeeded);
    long seconds =
        Duration.between(refused.get(0).at(), refused.get(refused.size() - 1).at()).toSeconds();
    System.out.printf("refused: %d token requests in %d s%n", refused.size(), seconds);
    assertThat(refused.size()).isLessThanOrEqualTo((int) (seconds / 5) + 2);
  }

  private void assertNoDeviceFailedAndNothingLeaked(String secret) {
    RequestRun run =
        new RequestRun(stack.bootstrapServers()).await(Set.of(refusedRequest), TIMEOUT);
    // The app's credential problem fails nobody's device: they run out of time, unattempted.
    assertThat(run.outcomes(refusedRequest))
        .hasSize(3)
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(OutcomeStatus.TIMED_OUT);
              assertThat(o.attempts()).isZero();
              assertThat(String.valueOf(o.message())).doesNotContain(secret);
            });
    assertThat(readinessBody).doesNotContain(secret);
    List<ILoggingEvent> captured;
    // AppenderBase appends under the appender's monitor.
    synchronized (logs) {
      captured = new ArrayList<>(logs.list);
    }
    assertThat(captured).isNotEmpty();
    for (ILoggingEvent e : captured) {
      assertThat(e.getFormattedMessage()).doesNotContain(secret);
      if (e.getThrowableProxy() != null) {
        assertThat(ThrowableProxyUtil.asString(e.getThrowableProxy())).doesNotContain(secret);
      }
    }
  }
}
