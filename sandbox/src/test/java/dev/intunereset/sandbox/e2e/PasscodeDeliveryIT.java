package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.Lane;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.PasscodeOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SealedPasscode;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.GraphSimulator;
import dev.intunereset.sandbox.graph.ResetOutcome;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passcode retrieval and sealed delivery, end to end: the worker reads the new passcode from the
 * simulator's deviceActionResults after the reset and puts it into the outcome as a JWE that the
 * recipient's private key (held only by this test) opens.
 */
class PasscodeDeliveryIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  // Slots of DeviceInventory.deterministic: 13 is Android device administrator on Android 10
  // (reset unsupported: Graph shows the action notSupported), 14 is iOS.
  private static final String DEVICE_ADMIN = DeviceInventory.deterministicId(13);
  private static final String IPHONE = DeviceInventory.deterministicId(14);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(40);

  @TempDir static Path dir;
  private static RSAKey servicenow;
  private static SandboxStack stack;

  @BeforeAll
  static void start() throws Exception {
    servicenow = new RSAKeyGenerator(2048).keyID("servicenow").keyUse(KeyUse.ENCRYPTION).generate();
    Path jwks = dir.resolve("recipients.jwks.json");
    // Public part only: the worker refuses private key material.
    Files.writeString(jwks, new JWKSet(servicenow.toPublicJWK()).toString());
    stack =
        SandboxStack.start(
            SandboxStack.Options.defaults()
                .withWorkerEnv(
                    Map.of(
                        "PASSCODE_RECIPIENTS_FILE", jwks.toString(),
                        "PASSCODE_POLL_INTERVAL", "200ms",
                        "PASSCODE_RETRIEVAL_TIMEOUT", "10s",
                        "PLATFORM_POLICY", "android-enterprise,aosp,ios")));
    stack.startWorker();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static RequestRun run(UUID id, List<String> devices, String extra) {
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(Set.of(id), TIMEOUT, RequestRun.request(id, devices, extra));
  }

  private static SealedPasscode open(String jwe) throws Exception {
    JWEObject parsed = JWEObject.parse(jwe);
    parsed.decrypt(new RSADecrypter(servicenow));
    return JSON.readValue(parsed.getPayload().toBytes(), SealedPasscode.class);
  }

  @Test
  void deliversEachNewPasscodeSealedToTheRecipientAndOnlyItsKeyOpensIt() throws Exception {
    UUID id = UUID.randomUUID();
    List<String> devices = ANDROID.subList(0, 3);

    RequestRun run = run(id, devices, "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}");

    List<DeviceOutcome> outcomes = run.outcomes(id);
    assertThat(outcomes).hasSize(3).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    for (DeviceOutcome o : outcomes) {
      PasscodeOutcome p = o.passcode();
      assertThat(p.status()).isEqualTo(PasscodeStatus.SEALED);
      assertThat(p.recipient()).isEqualTo("servicenow");
      String simulators = stack.simulator().passcodeOf(o.deviceId()).orElseThrow();
      assertThat(JSON.writeValueAsString(o)).doesNotContain(simulators);
      SealedPasscode opened = open(p.jwe());
      assertThat(opened.passcode()).isEqualTo(simulators);
      assertThat(opened.deviceId()).isEqualTo(o.deviceId());
      assertThat(opened.requestId()).isEqualTo(id);
      assertThat(opened.resetStartedAt()).isNotNull();
    }
  }

  @Test
  void withoutDeliveryTheOutcomeSaysWhereToReadThePasscode() {
    UUID id = UUID.randomUUID();

    RequestRun run = run(id, ANDROID.subList(10, 11), "");

    PasscodeOutcome p = run.outcomes(id).get(0).passcode();
    assertThat(p.status()).isEqualTo(PasscodeStatus.NOT_REQUESTED);
    assertThat(p.jwe()).isNull();
    assertThat(p.message()).contains("Intune admin center", "7 days");
  }

  @Test
  void rejectsDeliveryToARecipientTheWorkerDoesNotKnow() {
    UUID id = UUID.randomUUID();

    RequestRun run =
        run(id, ANDROID.subList(11, 12), "\"passcodeDelivery\":{\"recipient\":\"jira\"}");

    RequestRejected rejected = run.rejections(id).get(0);
    assertThat(rejected.problems())
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo("passcodeDelivery.recipient");
              assertThat(p.problem()).contains("'jira' is not a configured recipient");
            });
    assertThat(stack.simulator().postCount(ANDROID.get(11))).isZero();
  }

  @Test
  void aResetLeftByACrashedOwnerIsNotRepeatedAndItsPasscodeIsStillDelivered() throws Exception {
    String device = ANDROID.get(30);
    UUID id = UUID.randomUUID();
    Instant accepted = Instant.now().minusSeconds(30);
    // What a crashed owner leaves behind: a reset sent to Graph...
    OutsideReset.of(stack, device);
    // ...and its task, never committed, which the next owner now takes.
    InheritedTask.send(
        stack.bootstrapServers(),
        SandboxStack.INTERACTIVE_TASKS,
        List.of(
            InheritedTask.of(id, device, 0, 1, Lane.INTERACTIVE, accepted)
                .with("reason", "inherited with delivery")
                .with("validateDeviceExists", true)
                .with("passcodeRecipient", "servicenow")));

    DeviceOutcome o = awaitOutcome(id);

    assertThat(o.reasonCode()).isEqualTo(ReasonCode.ALREADY_RESET);
    assertThat(o.attempts()).isZero();
    assertThat(stack.simulator().postCount(device)).isEqualTo(1);
    assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.SEALED);
    assertThat(open(o.passcode().jwe()).passcode())
        .isEqualTo(stack.simulator().passcodeOf(device).orElseThrow());
  }

  private static DeviceOutcome awaitOutcome(UUID id) {
    try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
          if (e instanceof DeviceOutcome o && o.requestId().equals(id)) {
            return o;
          }
        }
      }
    }
    throw new AssertionError("no outcome for " + id + " within " + TIMEOUT);
  }

  @Test
  void anIphoneGetsItsPasscodeRemovedSoThereIsNothingToDeliver() {
    UUID id = UUID.randomUUID();

    RequestRun run =
        run(id, List.of(IPHONE), "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}");

    DeviceOutcome o = run.outcomes(id).get(0);
    assertThat(o.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.NONE_ISSUED);
  }

  @Test
  void aResetTheDeviceDoesNotSupportIsReportedWithoutAPasscode() {
    UUID id = UUID.randomUUID();

    // Skipping the lookup lets the POST reach a device whose platform cannot reset.
    RequestRun run =
        run(
            id,
            List.of(DEVICE_ADMIN),
            "\"validateDeviceExists\":false,\"passcodeDelivery\":{\"recipient\":\"servicenow\"}");

    DeviceOutcome o = run.outcomes(id).get(0);
    assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
    assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.ACTION_FAILED);
    assertThat(o.passcode().message()).contains("as notSupported", "(errorCode 0)");
  }

  @Test
  void aResetThatFailsOnTheDeviceIsReportedWithGraphsErrorCodeAndNoPasscode() {
    UUID id = UUID.randomUUID();
    String device = ANDROID.get(25);
    stack.simulator().resetOutcome(device, ResetOutcome.failed(1234));
    try {
      RequestRun run =
          run(id, List.of(device), "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}");

      DeviceOutcome o = run.outcomes(id).get(0);
      assertThat(o.reasonCode()).isEqualTo(ReasonCode.RESET_ISSUED);
      assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.ACTION_FAILED);
      assertThat(o.passcode().jwe()).isNull();
      assertThat(o.passcode().message()).contains("as failed", "(errorCode 1234)");
    } finally {
      stack.simulator().clearResetOutcomes();
    }
  }

  @Test
  void aPasscodeThatIsNotReadyInTimeIsReportedNotRetrieved() {
    UUID id = UUID.randomUUID();
    stack.simulator().passcodeReadyAfter(Duration.ofHours(1));
    try {
      RequestRun run =
          run(id, ANDROID.subList(20, 21), "\"passcodeDelivery\":{\"recipient\":\"servicenow\"}");

      DeviceOutcome o = run.outcomes(id).get(0);
      assertThat(o.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
      assertThat(o.passcode().status()).isEqualTo(PasscodeStatus.NOT_RETRIEVED);
      assertThat(o.passcode().message()).contains("did not show the new passcode within");
    } finally {
      stack.simulator().passcodeReadyAfter(GraphSimulator.DEFAULT_PASSCODE_READY_AFTER);
    }
  }
}
