package dev.intunereset.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.worker.config.ConfigException;
import dev.intunereset.worker.config.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {
  @TempDir Path dir;

  private Path envFile(String text) throws Exception {
    Path file = dir.resolve("sandbox.env");
    Files.writeString(file, text);
    return file;
  }

  private static WorkerSettings env(String... pairs) {
    return WorkerSettings.read(List.of(), List.of(pairs), null);
  }

  private static List<String> problemsOf(WorkerSettings settings) {
    try {
      settings.check(0, 0, 0);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  @Test
  void aSettingGivenWithEnvReachesTheWorkersConfiguration() {
    WorkerConfig config = env("REQUEST_ALLOWED_SOURCES=jira", "RESET_COOLDOWN=0").check(0, 0, 0);

    assertThat(config.guards().allowedSources()).containsExactly("jira");
    assertThat(config.guards().cooldown()).isZero();
  }

  @Test
  void withoutSettingsTheSandboxsDefaultsApply() {
    WorkerConfig config = env().check(0, 0, 0);

    assertThat(config.guards().allowedSources()).contains("servicenow", "it", "chaos");
    assertThat(config.guards().trustedSources()).contains("sentinel-playbook");
  }

  @Test
  void aBadValueFailsWithTheWorkersOwnLine() {
    assertThat(problemsOf(env("RESET_COOLDOWN=2d")))
        .containsExactly("RESET_COOLDOWN: invalid value '2d', expected 0s..24h, 0 = off");
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThat(problemsOf(env("REQUEST_ALLOWED_SOURCE=jira")))
        .containsExactly(
            "REQUEST_ALLOWED_SOURCE: unknown key (--env); the keys are in docs/configuration.md");
  }

  @Test
  void aKafkaClientPassThroughIsAWorkerKey() {
    assertThat(env("KAFKA_CLIENT_LINGER_MS=5").problems()).isEmpty();
  }

  @Test
  void aKeyThatWiresTheWorkerToTheSandboxIsRefusedWithWhatToUse() {
    assertThat(env("KAFKA_BOOTSTRAP_SERVERS=kafka:9092").problems())
        .containsExactly("KAFKA_BOOTSTRAP_SERVERS: the sandbox sets it (--env); use --kafka-port");
  }

  @Test
  void aPairWithoutEqualsSignIsRefused() {
    assertThat(env("RESET_COOLDOWN").problems())
        .containsExactly("'RESET_COOLDOWN' (--env): expected KEY=VALUE");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    assertThat(problemsOf(env("NOPE=1", "RESET_COOLDOWN=2d", "FLEET_BRAKE_MAX_RESETS=-1")))
        .hasSize(3)
        .anyMatch(p -> p.startsWith("NOPE: unknown key"))
        .anyMatch(p -> p.startsWith("RESET_COOLDOWN: "))
        .anyMatch(p -> p.startsWith("FLEET_BRAKE_MAX_RESETS: "));
  }

  @Test
  void anEnvFileSkipsCommentsAndBlankLinesAndNamesTheLineOfAProblem() throws Exception {
    Path file = envFile("# our source\n\nREQUEST_ALLOWED_SOURCES=jira\nRESET_COOLDOWN 5m\n");

    WorkerSettings settings = WorkerSettings.read(List.of(file), List.of(), null);

    assertThat(settings.values()).containsEntry("REQUEST_ALLOWED_SOURCES", "jira");
    assertThat(settings.problems())
        .containsExactly("'RESET_COOLDOWN 5m' (" + file + " line 4): expected KEY=VALUE");
  }

  @Test
  void envWinsOverAnEnvFile() throws Exception {
    Path file = envFile("RESET_COOLDOWN=5m\n");

    WorkerSettings settings =
        WorkerSettings.read(List.of(file), List.of("RESET_COOLDOWN=1m"), null);

    assertThat(settings.values()).containsEntry("RESET_COOLDOWN", "1m");
  }

  @Test
  void aValueIsTakenAsWrittenUpToTheEndOfTheLine() {
    assertThat(env("KAFKA_CLIENT_CLIENT_ID=a=b # c").values())
        .containsEntry("KAFKA_CLIENT_CLIENT_ID", "a=b # c");
  }

  @Test
  void anUnreadableEnvFileIsAProblem() {
    Path missing = dir.resolve("missing.env");

    assertThat(WorkerSettings.read(List.of(missing), List.of(), null).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("--env-file " + missing + ": cannot read it"));
  }

  @Test
  void ownSourcesKeepOnlyTheSandboxsTrustedSourcesTheyStillAllow() {
    WorkerConfig config = env("REQUEST_ALLOWED_SOURCES=jira,sentinel-playbook").check(0, 0, 0);

    assertThat(config.guards().trustedSources()).containsExactly("sentinel-playbook");
  }

  @Test
  void recipientsSetTheRecipientsFileAndAShortPollInterval() throws Exception {
    Path jwks = Files.writeString(dir.resolve("recipients.jwks.json"), "{\"keys\":[]}");

    WorkerConfig config = WorkerSettings.read(List.of(), List.of(), jwks).check(0, 0, 0);

    assertThat(config.passcode().recipientsFile()).contains(jwks.toAbsolutePath());
    assertThat(config.passcode().pollInterval()).hasMillis(500);
  }

  @Test
  void recipientsGivenTwiceAreRefused() throws Exception {
    Path jwks = Files.writeString(dir.resolve("recipients.jwks.json"), "{\"keys\":[]}");

    WorkerSettings settings =
        WorkerSettings.read(List.of(), List.of("PASSCODE_RECIPIENTS_FILE=/other.json"), jwks);

    assertThat(settings.problems())
        .containsExactly(
            "PASSCODE_RECIPIENTS_FILE: given with --recipients and as a setting; keep one");
  }

  @Test
  void aMissingRecipientsFileFailsInTheWorkersWords() {
    assertThatThrownBy(
            () ->
                WorkerSettings.read(List.of(), List.of(), dir.resolve("nope.json")).check(0, 0, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PASSCODE_RECIPIENTS_FILE: cannot read the file");
  }

  @Test
  void anUnusableRecipientsFileFailsBeforeAnythingStarts() throws Exception {
    Path jwks =
        Files.writeString(
            dir.resolve("secret.jwks.json"),
            "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"a\",\"k\":\"AAAA\"}]}");

    assertThatThrownBy(() -> WorkerSettings.read(List.of(), List.of(), jwks).check(0, 0, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PASSCODE_RECIPIENTS_FILE: key 'a': must be an RSA key");
  }
}
