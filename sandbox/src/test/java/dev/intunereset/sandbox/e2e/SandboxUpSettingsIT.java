package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.RequestStatus;
import dev.intunereset.contracts.SealedPasscode;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox/run up} given an integrator's settings (issue 17), run from the commands that
 * docs/integration.md shows, as written there: a source given with {@code --env} is accepted and
 * replaces the sandbox's list; a typo fails with the worker's own message before anything starts; a
 * passcode is delivered sealed to a key this test made, and opens with its private half.
 */
class SandboxUpSettingsIT {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Duration UP = Duration.ofSeconds(120);
  private static final Duration RESULTS = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(3);

  @TempDir Path dir;

  /** The one {@code sandbox/run up} line of the doc that contains {@code text}. */
  private static String documentedUp(String text) throws Exception {
    List<String> found =
        Files.readAllLines(DOC).stream()
            .filter(l -> l.startsWith("sandbox/run up ") && l.contains(text))
            .toList();
    assertThat(found).as("sandbox/run up lines of %s with %s", DOC, text).hasSize(1);
    return found.get(0);
  }

  /** The text the doc writes into {@code name} with {@code cat > name <<'EOF'}. */
  private static String documentedFile(String name) throws Exception {
    String doc = Files.readString(DOC);
    String start = "cat > " + name + " <<'EOF'\n";
    assertThat(doc).contains(start);
    int from = doc.indexOf(start) + start.length();
    return doc.substring(from, doc.indexOf("\nEOF\n", from) + 1);
  }

  @Test
  void aSourceGivenWithEnvIsAcceptedAndReplacesTheSandboxsList() throws Exception {
    try (UpProcess up = UpProcess.run(documentedUp("--env REQUEST_ALLOWED_SOURCES="), dir)) {
      Map<String, String> printed = up.awaitUp(UP);

      assertThat(printed).containsEntry("REQUEST_ALLOWED_SOURCES", "jira,servicenow");
      assertThat(up.stdout())
          .anyMatch(l -> l.contains("to accept yours, start with --env REQUEST_ALLOWED_SOURCES="));
      List<String> keys = up.stdout().stream().map(l -> l.split("=")[0]).toList();
      assertThat(keys.indexOf("GRAPH_SIMULATOR_ADMIN_URL"))
          .as("the fault controls, printed after the lines scripts already read")
          .isGreaterThan(keys.indexOf("MASS_RESET_TRUSTED_SOURCES"));
      assertThat(faultControls(printed.get("GRAPH_SIMULATOR_ADMIN_URL")))
          .contains("\"throttle\":false");
      UUID fromJira = UUID.randomUUID();
      UUID fromSentinel = UUID.randomUUID();
      RequestRun run =
          new RequestRun(printed.get("KAFKA_BOOTSTRAP"))
              .publishAndAwait(
                  Set.of(fromJira, fromSentinel),
                  RESULTS,
                  RequestRun.request(fromJira, ANDROID.subList(0, 1), "", "jira"),
                  // Allowed by the sandbox's own list, which the setting replaced.
                  RequestRun.request(fromSentinel, ANDROID.subList(1, 2), "", "sentinel-playbook"));

      assertThat(run.completions(fromJira))
          .singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo(RequestStatus.COMPLETED));
      assertThat(run.rejections(fromSentinel))
          .singleElement()
          .satisfies(r -> assertThat(r.problems()).anyMatch(p -> p.field().equals("source")));
    }
  }

  @Test
  void aTypoFailsWithTheWorkersOwnMessageBeforeAnythingStarts() throws Exception {
    try (UpProcess up = UpProcess.run(documentedUp("RESET_COOLDOWN=2d"), dir)) {
      int exit = up.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).as("stderr: %s", up.stderr()).isEqualTo(2);
      assertThat(up.stdout()).as("nothing started, so nothing to print").isEmpty();
      assertThat(up.stderr())
          .startsWith("invalid configuration:\n")
          .contains("REQUEST_ALLOWED_SOURCE: unknown key (--env)")
          .contains("RESET_COOLDOWN: invalid value '2d'");
      assertThat(Files.readString(DOC)).as("the doc shows the message").contains(up.stderr());
    }
  }

  @Test
  void deliversThePasscodeSealedToTheIntegratorsOwnKey() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("ticketing").keyUse(KeyUse.ENCRYPTION).generate();
    Files.writeString(
        dir.resolve("recipients.jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    Files.writeString(dir.resolve("sandbox.env"), documentedFile("sandbox.env"));
    String device = ANDROID.get(2);
    UUID id = UUID.randomUUID();

    try (UpProcess up = UpProcess.run(documentedUp("--recipients"), dir)) {
      Map<String, String> printed = up.awaitUp(UP);
      assertThat(printed)
          .containsEntry("PASSCODE_RECIPIENTS", "ticketing")
          .containsEntry("REQUEST_ALLOWED_SOURCES", "jira");
      RequestRun run =
          new RequestRun(printed.get("KAFKA_BOOTSTRAP"))
              .publishAndAwait(
                  Set.of(id),
                  RESULTS,
                  RequestRun.request(
                      id,
                      List.of(device),
                      "\"passcodeDelivery\":{\"recipient\":\"ticketing\"}",
                      "jira"));

      DeviceOutcome outcome = run.outcomes(id).get(0);
      assertThat(outcome.passcode().status()).isEqualTo(PasscodeStatus.SEALED);
      assertThat(outcome.passcode().recipient()).isEqualTo("ticketing");
      JWEObject jwe = JWEObject.parse(outcome.passcode().jwe());
      jwe.decrypt(new RSADecrypter(key));
      SealedPasscode opened = JSON.readValue(jwe.getPayload().toBytes(), SealedPasscode.class);
      assertThat(opened.requestId()).isEqualTo(id);
      assertThat(opened.deviceId()).isEqualTo(device);
      assertThat(opened.passcode()).isEqualTo(graphsPasscode(printed, device));
    }
  }

  /** What the fault controls of a running {@code up} show, read as the doc's curl does. */
  private static String faultControls(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** The passcode the simulator shows for the device's reset, read as a Graph client would. */
  private static String graphsPasscode(Map<String, String> printed, String device)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            printed.get("GRAPH_SIMULATOR_URL")
                                + "/deviceManagement/managedDevices/"
                                + device))
                    .header("Authorization", "Bearer " + SandboxStack.SANDBOX_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    for (JsonNode action : JSON.readTree(response.body()).path("deviceActionResults")) {
      if (action.path("actionName").asText().equals("resetPasscode")) {
        return action.path("passcode").asText();
      }
    }
    throw new AssertionError("no resetPasscode in deviceActionResults: " + response.body());
  }
}
