package dev.intunereset.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.intunereset.worker.config.GraphAuth.CertificateFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each GRAPH_AUTH_MODE names the keys it requires; every bad value is one problem line. */
class GraphAuthConfigTest {
  private static final String TENANT = "3c5e8b1a-7f2d-4c9e-a1b0-6d4f2e8c9a71";
  private static final String CLIENT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  private static final String PFX_PASSWORD = "pfx~Hq8Jd2Kx9Lv4Nw6Pz1Ry";
  private static final URI PUBLIC_CLOUD = URI.create("https://login.microsoftonline.com/");

  @TempDir static Path dir;
  private static TestCertificates cert;

  @BeforeAll
  static void makeCertificate() {
    cert = TestCertificates.create("graph-auth-config-test");
  }

  private static Map<String, String> mode(String mode) {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_AUTH_MODE", mode);
    env.put("AZURE_TENANT_ID", TENANT);
    env.put("AZURE_CLIENT_ID", CLIENT_ID);
    return env;
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    env.put(key, value);
    return env;
  }

  private static Map<String, String> without(Map<String, String> env, String... keys) {
    for (String k : keys) {
      env.remove(k);
    }
    return env;
  }

  private static GraphAuth auth(Map<String, String> env) {
    return ConfigReader.read(env).graph().auth();
  }

  private static ConfigException rejected(Map<String, String> env) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigReader.read(env));
  }

  @Test
  void clientCertificateModeReadsAPemFile() {
    Path pem = cert.writePem(dir.resolve("client.pem"));

    GraphAuth auth =
        auth(with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pem.toString()));

    assertThat(auth)
        .isEqualTo(
            new GraphAuth.ClientCertificate(
                TENANT,
                CLIENT_ID,
                pem,
                CertificateFormat.PEM,
                Optional.empty(),
                false,
                PUBLIC_CLOUD));
  }

  @Test
  void clientCertificateModeReadsAPfxFileWithItsPasswordAndChainFlag() {
    Path pfx = cert.writePfx(dir.resolve("client.pfx"), PFX_PASSWORD);
    Map<String, String> env =
        with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pfx.toString());
    env.put("AZURE_CLIENT_CERTIFICATE_PASSWORD", PFX_PASSWORD);
    env.put("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "true");

    GraphAuth auth = auth(env);

    assertThat(auth)
        .isEqualTo(
            new GraphAuth.ClientCertificate(
                TENANT,
                CLIENT_ID,
                pfx,
                CertificateFormat.PFX,
                Optional.of(Secret.of(PFX_PASSWORD)),
                true,
                PUBLIC_CLOUD));
    assertThat(auth.toString()).doesNotContain(PFX_PASSWORD);
  }

  @Test
  void aPfxThatTheGivenPasswordDoesNotOpenFailsStartupWithoutShowingThePassword() {
    Path pfx = cert.writePfx(dir.resolve("wrong-password.pfx"), PFX_PASSWORD);
    Map<String, String> env =
        with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pfx.toString());
    env.put("AZURE_CLIENT_CERTIFICATE_PASSWORD", "not-the-password-123");

    ConfigException e = rejected(env);

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_CERTIFICATE_PATH:")
        .contains("AZURE_CLIENT_CERTIFICATE_PASSWORD", "wrong password");
    assertThat(e.getMessage()).doesNotContain("not-the-password-123").doesNotContain(PFX_PASSWORD);
  }

  @Test
  void aPemWithoutAPrivateKeyIsRejected() {
    Path pem = TestCertificates.write(dir.resolve("cert-only.pem"), cert.certificatePem());

    ConfigException e =
        rejected(with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pem.toString()));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_CERTIFICATE_PATH:")
        .contains("PKCS#8 private key");
  }

  @Test
  void aPemWhoseCertificateIsNotOfItsKeyIsRejected() {
    TestCertificates other = TestCertificates.create("other");
    Path pem =
        TestCertificates.write(
            dir.resolve("mismatch.pem"), cert.privateKeyPem() + other.certificatePem());

    ConfigException e =
        rejected(with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pem.toString()));

    assertThat(e.problems()).singleElement().asString().contains("matches the private key");
  }

  @Test
  void aPasswordForAPemCertificateIsRejected() {
    Path pem = cert.writePem(dir.resolve("with-password.pem"));
    Map<String, String> env =
        with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pem.toString());
    env.put("AZURE_CLIENT_CERTIFICATE_PASSWORD", PFX_PASSWORD);

    ConfigException e = rejected(env);

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_CERTIFICATE_PASSWORD:");
    assertThat(e.getMessage()).doesNotContain(PFX_PASSWORD);
  }

  @Test
  void aMissingCertificateFileIsRejected() {
    ConfigException e =
        rejected(
            with(
                mode("client-certificate"),
                "AZURE_CLIENT_CERTIFICATE_PATH",
                dir.resolve("nope.pem").toString()));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_CERTIFICATE_PATH: cannot read the file");
  }

  @Test
  void clientCertificateModeNamesEveryKeyItRequires() {
    ConfigException e = rejected(Map.of("GRAPH_AUTH_MODE", "client-certificate"));

    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "AZURE_TENANT_ID: required when GRAPH_AUTH_MODE=client-certificate"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_ID: required"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_CERTIFICATE_PATH: required"));
  }

  @Test
  void sendCertificateChainMustBeABoolean() {
    Path pem = cert.writePem(dir.resolve("chain.pem"));
    Map<String, String> env =
        with(mode("client-certificate"), "AZURE_CLIENT_CERTIFICATE_PATH", pem.toString());
    env.put("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "yes");

    ConfigException e = rejected(env);

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN:");
  }

  @Test
  void managedIdentityIsSystemAssignedWithoutAClientId() {
    GraphAuth auth = auth(Map.of("GRAPH_AUTH_MODE", "managed-identity"));

    assertThat(auth).isEqualTo(new GraphAuth.ManagedIdentity(Optional.empty()));
    assertThat(auth.identity()).isEqualTo("system-assigned managed identity");
  }

  @Test
  void managedIdentityIsUserAssignedWithAClientId() {
    GraphAuth auth =
        auth(Map.of("GRAPH_AUTH_MODE", "managed-identity", "AZURE_CLIENT_ID", CLIENT_ID));

    assertThat(auth).isEqualTo(new GraphAuth.ManagedIdentity(Optional.of(CLIENT_ID)));
  }

  @Test
  void managedIdentityRejectsAClientIdThatIsNotAGuid() {
    ConfigException e =
        rejected(Map.of("GRAPH_AUTH_MODE", "managed-identity", "AZURE_CLIENT_ID", "my-identity"));

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("AZURE_CLIENT_ID: must be a GUID");
  }

  @Test
  void workloadIdentityReadsWhatTheAksWebhookInjects() {
    Path token =
        TestCertificates.write(dir.resolve("azure-identity-token"), "eyJhbGciOi.fake.token");
    Map<String, String> env = mode("workload-identity");
    env.put("AZURE_FEDERATED_TOKEN_FILE", token.toString());
    env.put("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/");

    assertThat(auth(env))
        .isEqualTo(new GraphAuth.WorkloadIdentity(TENANT, CLIENT_ID, token, PUBLIC_CLOUD));
  }

  @Test
  void workloadIdentityNamesEveryKeyItRequires() {
    ConfigException e = rejected(Map.of("GRAPH_AUTH_MODE", "workload-identity"));

    assertThat(e.problems())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_TENANT_ID: required"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_ID: required"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_FEDERATED_TOKEN_FILE: required"));
  }

  @Test
  void defaultAzureCredentialTakesTenantAndClientWhenGiven() {
    assertThat(auth(Map.of("GRAPH_AUTH_MODE", "default-azure-credential")))
        .isEqualTo(new GraphAuth.DefaultAzure(Optional.empty(), Optional.empty(), PUBLIC_CLOUD));
    assertThat(auth(mode("default-azure-credential")))
        .isEqualTo(
            new GraphAuth.DefaultAzure(Optional.of(TENANT), Optional.of(CLIENT_ID), PUBLIC_CLOUD));
  }

  @Test
  void keysOfOtherModesAreIgnored() {
    Map<String, String> env = with(mode("client-secret"), "AZURE_CLIENT_SECRET", "s3cr3t-value");
    env.put("AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token");

    assertThat(auth(env)).isInstanceOf(GraphAuth.ClientSecret.class);
  }

  @Test
  void aTenantThatIsNeitherAGuidNorADomainIsRejected() {
    ConfigException e =
        rejected(
            with(
                with(mode("client-secret"), "AZURE_CLIENT_SECRET", "s3cr3t-value"),
                "AZURE_TENANT_ID",
                "../common"));

    assertThat(e.problems()).singleElement().asString().startsWith("AZURE_TENANT_ID:");
  }

  @Test
  void theTrustedCaFileMustHoldCertificates() {
    Path notCerts = TestCertificates.write(dir.resolve("not-certs.pem"), "hello\n");
    Map<String, String> env =
        Map.of(
            "GRAPH_AUTH_MODE", "static-token",
            "GRAPH_STATIC_TOKEN", "tok-123456",
            "HTTPS_TRUSTED_CA_FILE", notCerts.toString());

    ConfigException e = rejected(new HashMap<>(env));

    assertThat(e.problems()).singleElement().asString().startsWith("HTTPS_TRUSTED_CA_FILE:");
  }

  @Test
  void theTrustedCaFileIsTakenWhenItHoldsCertificates() {
    Path ca = TestCertificates.write(dir.resolve("ca.pem"), cert.certificatePem());
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "GRAPH_AUTH_MODE", "static-token",
                "GRAPH_STATIC_TOKEN", "tok-123456",
                "HTTPS_TRUSTED_CA_FILE", ca.toString()));

    assertThat(ConfigReader.read(env).graph().trustedCaFile()).contains(ca);
  }

  @Test
  void theClientSecretModeStillRequiresItsThreeKeys() {
    ConfigException e = rejected(without(mode("client-secret"), "AZURE_TENANT_ID"));

    assertThat(e.problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_TENANT_ID: required"))
        .anySatisfy(p -> assertThat(p).startsWith("AZURE_CLIENT_SECRET: required"));
  }
}
