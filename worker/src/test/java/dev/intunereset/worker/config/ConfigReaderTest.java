package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.intunereset.contracts.Action;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
  private static final String TOKEN = "tok-Zq7vX93kLmW2pRt5";
  private static final String CLIENT_SECRET = "sec~Hq8Jd2Kx9Lv4Nw6Pz1Ry";
  private static final String CLIENT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

  @TempDir Path dir;

  private static Map<String, String> staticToken() {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_AUTH_MODE", "static-token");
    env.put("GRAPH_STATIC_TOKEN", TOKEN);
    return env;
  }

  private static Map<String, String> clientSecret() {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_AUTH_MODE", "client-secret");
    env.put("AZURE_TENANT_ID", "contoso.onmicrosoft.com");
    env.put("AZURE_CLIENT_ID", CLIENT_ID);
    env.put("AZURE_CLIENT_SECRET", CLIENT_SECRET);
    return env;
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    env.put(key, value);
    return env;
  }

  private static ConfigException rejected(Map<String, String> env) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env));
  }

  private Path file(String content) throws IOException {
    Path p = dir.resolve("worker.properties");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void defaultsAreValidInStaticTokenMode() {
    WorkerConfig c = ConfigReader.read(staticToken());

    assertThat(c.graph().auth()).isEqualTo(new GraphAuth.StaticToken(Secret.of(TOKEN)));
    assertThat(c.graph().baseUrl()).isEqualTo(URI.create("https://graph.microsoft.com/beta"));
    assertThat(c.graph().callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(c.kafka().requestsTopic()).isEqualTo("passcode-reset.requests");
    assertThat(c.dispatch().writeBudget()).isEqualTo(200);
    assertThat(c.dispatch().readBudget()).isEqualTo(2000);
    assertThat(c.dispatch().budgetWindow()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.requests().defaultTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(c.requests().maxTimeout()).isEqualTo(Duration.ofHours(24));
    assertThat(c.requests().allowedPlatforms())
        .containsExactlyInAnyOrder(
            Platform.ANDROID_ENTERPRISE, Platform.AOSP, Platform.ANDROID_DEVICE_ADMIN);
    assertThat(c.opsHttpPort()).isEqualTo(8080);
  }

  @Test
  void staticTokenModeRequiresTheToken() {
    ConfigException e = rejected(with(staticToken(), "GRAPH_STATIC_TOKEN", ""));

    assertThat(e.problems()).singleElement().asString().startsWith("GRAPH_STATIC_TOKEN:");
  }

  @Test
  void defaultAuthModeIsClientSecretAndRequiresItsCredentials() {
    ConfigException e = rejected(Map.of());

    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_TENANT_ID:"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_ID:"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_SECRET:"));
  }

  @Test
  void clientSecretModeAcceptsTenantGuidAndSecret() {
    WorkerConfig c = ConfigReader.read(clientSecret());

    assertThat(c.graph().auth())
        .isEqualTo(
            new GraphAuth.ClientSecret(
                "contoso.onmicrosoft.com",
                CLIENT_ID,
                Secret.of(CLIENT_SECRET),
                URI.create("https://login.microsoftonline.com/")));
  }

  @Test
  void clientSecretModeRequiresClientIdToBeAGuid() {
    ConfigException e = rejected(with(clientSecret(), "AZURE_CLIENT_ID", "my-app"));

    assertThat(e.problems()).singleElement().asString().startsWith("AZURE_CLIENT_ID:");
  }

  @Test
  void unknownAuthModeIsRejected() {
    ConfigException e = rejected(with(staticToken(), "GRAPH_AUTH_MODE", "password"));

    assertThat(e.problems()).singleElement().asString().startsWith("GRAPH_AUTH_MODE:");
  }

  @Test
  void everyBadValueIsReportedOnItsOwnLineNamingTheKey() {
    Map<String, String> env = staticToken();
    env.put("GRAPH_WRITE_BUDGET", "0");
    env.put("DISPATCH_CONCURRENCY", "lots");
    env.put("REQUEST_MAX_TIMEOUT", "1d");

    ConfigException e = rejected(env);

    assertThat(e.problems()).hasSize(3);
    List<String> lines = List.of(e.getMessage().split("\n"));
    assertThat(lines.get(0)).isEqualTo("invalid configuration:");
    assertThat(lines.subList(1, lines.size()))
        .satisfiesExactlyInAnyOrder(
            l -> assertThat(l).contains("GRAPH_WRITE_BUDGET", "'0'", "2..100000"),
            l -> assertThat(l).contains("DISPATCH_CONCURRENCY", "'lots'", "1..1024"),
            l -> assertThat(l).contains("REQUEST_MAX_TIMEOUT", "'1d'", "1s..7d"));
  }

  @Test
  void controlCharactersInAReportedValueAreNeutralised() {
    ConfigException e = rejected(with(staticToken(), "KAFKA_GROUP_ID", "a\nforged line"));

    assertThat(e.problems()).singleElement().asString().doesNotContain("\n");
  }

  @Test
  void plainHttpBaseUrlIsRejected() {
    ConfigException e =
        rejected(with(staticToken(), "GRAPH_BASE_URL", "http://graph.example.com/beta"));

    assertThat(e.problems()).singleElement().asString().startsWith("GRAPH_BASE_URL:");
  }

  @Test
  void plainHttpBaseUrlIsAcceptedOnLoopback() {
    for (String url :
        new String[] {
          "http://localhost:8085/beta", "http://127.0.0.1:8085/beta", "http://[::1]/"
        }) {
      WorkerConfig c = ConfigReader.read(with(staticToken(), "GRAPH_BASE_URL", url));
      assertThat(c.graph().baseUrl()).isEqualTo(URI.create(url));
    }
  }

  @Test
  void loopbackLookalikeHostIsNotLoopback() {
    ConfigException e =
        rejected(with(staticToken(), "GRAPH_BASE_URL", "http://localhost.evil.example/beta"));

    assertThat(e.problems()).singleElement().asString().startsWith("GRAPH_BASE_URL:");
  }

  @Test
  void authorityHostMustBeHttps() {
    ConfigException e =
        rejected(with(staticToken(), "AZURE_AUTHORITY_HOST", "http://login.example.com/"));

    assertThat(e.problems()).singleElement().asString().startsWith("AZURE_AUTHORITY_HOST:");
  }

  @Test
  void defaultTimeoutMayNotExceedMaxTimeout() {
    Map<String, String> env = staticToken();
    env.put("REQUEST_MAX_TIMEOUT", "2h");
    env.put("REQUEST_DEFAULT_TIMEOUT", "3h");

    ConfigException e = rejected(env);

    assertThat(e.problems()).singleElement().asString().startsWith("REQUEST_DEFAULT_TIMEOUT:");
  }

  @Test
  void platformPolicyRejectsUnknownPlatform() {
    ConfigException e = rejected(with(staticToken(), "PLATFORM_POLICY", "aosp,windows"));

    assertThat(e.problems()).singleElement().asString().startsWith("PLATFORM_POLICY:");
  }

  @Test
  void platformPolicyParsesACommaList() {
    WorkerConfig c = ConfigReader.read(with(staticToken(), "PLATFORM_POLICY", " ios , AOSP "));

    assertThat(c.requests().allowedPlatforms()).isEqualTo(Set.of(Platform.IOS, Platform.AOSP));
  }

  @Test
  void instanceIdFallsBackToHostname() {
    WorkerConfig c = ConfigReader.read(with(staticToken(), "HOSTNAME", "pod-7"));

    assertThat(c.kafka().instanceId()).isEqualTo("pod-7");
  }

  @Test
  void instanceIdWithUnsafeCharactersIsRejected() {
    ConfigException e = rejected(with(staticToken(), "WORKER_INSTANCE_ID", "pod 7"));

    assertThat(e.problems()).singleElement().asString().startsWith("WORKER_INSTANCE_ID:");
  }

  @Test
  void valuesAreReadFromThePropertiesFile() throws IOException {
    Path p = file("KAFKA_GROUP_ID=from-file\nGRAPH_WRITE_BUDGET=150\n");

    WorkerConfig c = ConfigReader.read(with(staticToken(), "WORKER_CONFIG_FILE", p.toString()));

    assertThat(c.kafka().groupId()).isEqualTo("from-file");
    assertThat(c.dispatch().writeBudget()).isEqualTo(150);
  }

  @Test
  void environmentOverridesThePropertiesFile() throws IOException {
    Path p = file("KAFKA_GROUP_ID=from-file\n");
    Map<String, String> env = with(staticToken(), "WORKER_CONFIG_FILE", p.toString());
    env.put("KAFKA_GROUP_ID", "from-env");

    WorkerConfig c = ConfigReader.read(env);

    assertThat(c.kafka().groupId()).isEqualTo("from-env");
  }

  @Test
  void secretsMayComeFromThePropertiesFile() throws IOException {
    Path p = file("GRAPH_AUTH_MODE=static-token\nGRAPH_STATIC_TOKEN=" + TOKEN + "\n");

    WorkerConfig c = ConfigReader.read(Map.of("WORKER_CONFIG_FILE", p.toString()));

    assertThat(c.graph().auth()).isEqualTo(new GraphAuth.StaticToken(Secret.of(TOKEN)));
  }

  @Test
  void unknownKeyInThePropertiesFileIsRejected() throws IOException {
    Path p = file("KAFKA_GROUP_ID=ok\nGRAPH_WRITE_BUDGETT=150\n");

    ConfigException e = rejected(with(staticToken(), "WORKER_CONFIG_FILE", p.toString()));

    assertThat(e.problems()).singleElement().asString().startsWith("GRAPH_WRITE_BUDGETT:");
  }

  @Test
  void unknownEnvironmentVariablesAreIgnored() {
    WorkerConfig c = ConfigReader.read(with(staticToken(), "PATH", "/usr/bin"));

    assertThat(c).isNotNull();
  }

  @Test
  void missingPropertiesFileIsReportedAgainstTheConfigFileKey() {
    Path missing = dir.resolve("nope.properties");

    ConfigException e = rejected(with(staticToken(), "WORKER_CONFIG_FILE", missing.toString()));

    assertThat(e.problems()).singleElement().asString().startsWith("WORKER_CONFIG_FILE:");
  }

  @Test
  void malformedPropertiesFileIsAConfigException() throws IOException {
    Path p = file("KAFKA_GROUP_ID=bad\\u00zz\n");

    assertThatThrownBy(
            () -> ConfigReader.read(with(staticToken(), "WORKER_CONFIG_FILE", p.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WORKER_CONFIG_FILE");
  }

  @Test
  void unknownFileKeyIsReportedTogetherWithOtherProblems() throws IOException {
    Path p = file("GRAPH_WRITE_BUDGETT=150\n");
    Map<String, String> env = with(staticToken(), "WORKER_CONFIG_FILE", p.toString());
    env.put("DISPATCH_CONCURRENCY", "lots");

    ConfigException e = rejected(env);

    assertThat(e.problems()).hasSize(2);
  }

  @Test
  void secretsNeverAppearInConfigExceptionMessage() throws IOException {
    Path p = file("AZURE_CLIENT_SECRET=" + CLIENT_SECRET + "\n");
    Map<String, String> env = clientSecret();
    env.remove("AZURE_CLIENT_SECRET");
    env.put("WORKER_CONFIG_FILE", p.toString());
    env.put("GRAPH_STATIC_TOKEN", TOKEN);
    env.put("AZURE_CLIENT_ID", "not-a-guid");
    env.put("GRAPH_BASE_URL", "http://graph.example.com/");
    env.put("GRAPH_WRITE_BUDGET", "-1");

    ConfigException e = rejected(env);

    assertThat(e.problems()).hasSize(3);
    assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(TOKEN);
  }

  @Test
  void secretsNeverAppearInWorkerConfigToString() {
    Map<String, String> env = clientSecret();
    env.put("GRAPH_STATIC_TOKEN", TOKEN);

    WorkerConfig c = ConfigReader.read(env);

    assertThat(c.graph().auth().secrets()).contains(Secret.of(CLIENT_SECRET));
    assertThat(c.toString())
        .contains(CLIENT_ID)
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(TOKEN);
  }

  @Test
  void guardsAreOnByDefault() {
    WorkerConfig.GuardSettings g = ConfigReader.read(staticToken()).guards();

    assertThat(g.anySource()).isFalse();
    assertThat(g.allowedSources())
        .containsExactlyInAnyOrder("servicenow", "sentinel-playbook", "cli");
    assertThat(g.trustedSources()).isEmpty();
    assertThat(g.cooldown()).isEqualTo(Duration.ofMinutes(15));
    assertThat(g.approvalThreshold()).isEqualTo(100);
    assertThat(g.approvalTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(g.brakeMaxResets()).isEqualTo(1000);
    assertThat(g.brakeWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(g.approvalsTopic()).isEqualTo("passcode-reset.approvals");
    assertThat(g.brakeTopic()).isEqualTo("passcode-reset.brake");
  }

  @Test
  void aStarAllowsAnySource() {
    WorkerConfig.GuardSettings g =
        ConfigReader.read(with(staticToken(), "REQUEST_ALLOWED_SOURCES", "*")).guards();

    assertThat(g.anySource()).isTrue();
  }

  @Test
  void zeroTurnsTheCooldownApprovalAndBrakeOff() {
    Map<String, String> env = staticToken();
    env.put("RESET_COOLDOWN", "0s");
    env.put("MASS_RESET_APPROVAL_THRESHOLD", "0");
    env.put("FLEET_BRAKE_MAX_RESETS", "0");
    env.put("FLEET_BRAKE_MAX_ROTATIONS", "0");

    WorkerConfig.GuardSettings g = ConfigReader.read(env).guards();

    assertThat(g.cooldown()).isZero();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 1_000_000, "anything", false)).isFalse();
    assertThat(g.brakeEnabled()).isFalse();
  }

  @Test
  void eachActionHasItsOwnBrakeLimitAndOneOnIsEnoughForAKeeper() {
    Map<String, String> env = staticToken();
    env.put("FLEET_BRAKE_MAX_RESETS", "0");
    env.put("FLEET_BRAKE_MAX_ROTATIONS", "25");

    WorkerConfig.GuardSettings g = ConfigReader.read(env).guards();

    assertThat(g.limits(Action.RESET_PASSCODE).brakeEnabled()).isFalse();
    assertThat(g.limits(Action.ROTATE_BITLOCKER_KEYS).brakeMax()).isEqualTo(25);
    assertThat(g.brakeEnabled()).isTrue();
  }

  @Test
  void approvalIsNeededAboveTheThresholdFromAnUntrustedSourceExceptForDryRuns() {
    WorkerConfig.GuardSettings g =
        ConfigReader.read(
                with(
                    with(staticToken(), "REQUEST_ALLOWED_SOURCES", "soar,servicenow"),
                    "MASS_RESET_TRUSTED_SOURCES",
                    "soar"))
            .guards();

    assertThat(g.needsApproval(Action.RESET_PASSCODE, 100, "servicenow", false)).isFalse();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 101, "servicenow", false)).isTrue();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 101, null, false)).isTrue();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 101, "soar", false)).isFalse();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 101, "servicenow", true)).isFalse();
  }

  @Test
  void eachActionHasItsOwnApprovalThresholdAndCooldown() {
    WorkerConfig.GuardSettings g =
        ConfigReader.read(
                with(
                    with(
                        with(staticToken(), "ROTATION_APPROVAL_THRESHOLD", "5"),
                        "ROTATION_COOLDOWN",
                        "2h"),
                    "RESET_COOLDOWN",
                    "30m"))
            .guards();

    assertThat(g.needsApproval(Action.ROTATE_BITLOCKER_KEYS, 6, "it", false)).isTrue();
    assertThat(g.needsApproval(Action.RESET_PASSCODE, 6, "it", false)).isFalse();
    assertThat(g.limits(Action.ROTATE_BITLOCKER_KEYS).cooldown()).isEqualTo(Duration.ofHours(2));
    assertThat(g.limits(Action.RESET_PASSCODE).cooldown()).isEqualTo(Duration.ofMinutes(30));
    assertThat(g.limits(null)).as("an event without action").isEqualTo(g.limits(Action.DEFAULT));
  }

  @Test
  void rejectsATrustedSourceThatIsNotAllowed() {
    ConfigException e = rejected(with(staticToken(), "MASS_RESET_TRUSTED_SOURCES", "soar"));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("MASS_RESET_TRUSTED_SOURCES:")
        .contains("soar");
  }

  @Test
  void rejectsAMalformedSourceList() {
    ConfigException e = rejected(with(staticToken(), "REQUEST_ALLOWED_SOURCES", "service now"));

    assertThat(e.problems()).singleElement().asString().startsWith("REQUEST_ALLOWED_SOURCES:");
  }

  @Test
  void rejectsACooldownBeyondADay() {
    ConfigException e = rejected(with(staticToken(), "RESET_COOLDOWN", "25h"));

    assertThat(e.problems()).singleElement().asString().startsWith("RESET_COOLDOWN:");
  }

  @Test
  void aBadMaxTimeoutIsReportedOnceThoughItAlsoBoundsTheDefaultTimeout() {
    ConfigException e = rejected(with(staticToken(), "REQUEST_MAX_TIMEOUT", "8d"));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .isEqualTo("REQUEST_MAX_TIMEOUT: invalid value '8d', expected 1s..7d");
  }

  @Test
  void theDefaultTimeoutRangeNamesTheKeyThatBoundsIt() {
    Map<String, String> env = staticToken();
    env.put("REQUEST_MAX_TIMEOUT", "2h");
    env.put("REQUEST_DEFAULT_TIMEOUT", "3h");

    ConfigException e = rejected(env);

    assertThat(e.problems())
        .containsExactly(
            "REQUEST_DEFAULT_TIMEOUT: invalid value '3h', expected 1s..REQUEST_MAX_TIMEOUT");
  }

  @Test
  void anUnreadableConfigFileIsReportedThroughItsKeysType() {
    Path missing = dir.resolve("nope.properties");

    ConfigException e = rejected(with(staticToken(), "WORKER_CONFIG_FILE", missing.toString()));

    assertThat(e.problems()).containsExactly("WORKER_CONFIG_FILE: cannot read the file " + missing);
  }
}
