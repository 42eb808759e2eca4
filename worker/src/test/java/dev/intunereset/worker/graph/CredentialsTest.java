package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.WorkloadIdentityCredential;
import dev.intunereset.worker.config.GraphAuth;
import dev.intunereset.worker.config.GraphAuth.CertificateFormat;
import dev.intunereset.worker.config.Secret;
import dev.intunereset.worker.config.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mode builds its azure-identity credential. (That the parameters reach Entra is shown end to
 * end against the sandbox's fake token endpoint, in IdentityIT.)
 */
class CredentialsTest {
  private static final String TENANT = "3c5e8b1a-7f2d-4c9e-a1b0-6d4f2e8c9a71";
  private static final String CLIENT = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  private static final URI PUBLIC_CLOUD = URI.create("https://login.microsoftonline.com/");
  private static final HttpClient HTTP =
      new OkHttpAsyncHttpClientBuilder(new OkHttpClient()).build();

  @TempDir Path dir;

  @Test
  void clientSecretModeBuildsAClientSecretCredential() {
    var auth = new GraphAuth.ClientSecret(TENANT, CLIENT, Secret.of("s3cr3t"), PUBLIC_CLOUD);

    assertThat(Credentials.create(auth, HTTP)).isInstanceOf(ClientSecretCredential.class);
  }

  @Test
  void clientCertificateModeBuildsAClientCertificateCredentialFromPemAndPfx() {
    TestCertificates cert = TestCertificates.create("credentials-test");
    Path pem = cert.writePem(dir.resolve("c.pem"));
    Path pfx = cert.writePfx(dir.resolve("c.pfx"), "pw-123456");

    var fromPem =
        new GraphAuth.ClientCertificate(
            TENANT, CLIENT, pem, CertificateFormat.PEM, Optional.empty(), true, PUBLIC_CLOUD);
    var fromPfx =
        new GraphAuth.ClientCertificate(
            TENANT,
            CLIENT,
            pfx,
            CertificateFormat.PFX,
            Optional.of(Secret.of("pw-123456")),
            false,
            PUBLIC_CLOUD);

    assertThat(Credentials.create(fromPem, HTTP)).isInstanceOf(ClientCertificateCredential.class);
    assertThat(Credentials.create(fromPfx, HTTP)).isInstanceOf(ClientCertificateCredential.class);
  }

  @Test
  void managedIdentityModeBuildsAManagedIdentityCredential() {
    assertThat(Credentials.create(new GraphAuth.ManagedIdentity(Optional.empty()), HTTP))
        .isInstanceOf(ManagedIdentityCredential.class);
    assertThat(Credentials.create(new GraphAuth.ManagedIdentity(Optional.of(CLIENT)), HTTP))
        .isInstanceOf(ManagedIdentityCredential.class);
  }

  @Test
  void workloadIdentityModeBuildsAWorkloadIdentityCredential() {
    var auth = new GraphAuth.WorkloadIdentity(TENANT, CLIENT, dir.resolve("token"), PUBLIC_CLOUD);

    assertThat(Credentials.create(auth, HTTP)).isInstanceOf(WorkloadIdentityCredential.class);
  }

  @Test
  void defaultAzureCredentialModeBuildsTheChain() {
    var auth = new GraphAuth.DefaultAzure(Optional.of(TENANT), Optional.of(CLIENT), PUBLIC_CLOUD);

    assertThat(Credentials.create(auth, HTTP)).isInstanceOf(DefaultAzureCredential.class);
  }

  @Test
  void staticTokenModeHandsOutTheToken() {
    var credential = Credentials.create(new GraphAuth.StaticToken(Secret.of("tok-1")), HTTP);

    assertThat(credential.getTokenSync(null).getToken()).isEqualTo("tok-1");
    assertThat(credential.toString()).doesNotContain("tok-1");
  }

  @Test
  void instanceDiscoveryStaysOnlyForMicrosoftClouds() {
    assertThat(Credentials.isMicrosoftAuthority(PUBLIC_CLOUD)).isTrue();
    assertThat(Credentials.isMicrosoftAuthority(URI.create("https://login.microsoftonline.us/")))
        .isTrue();
    assertThat(Credentials.isMicrosoftAuthority(URI.create("https://127.0.0.1:8443/"))).isFalse();
    assertThat(
            Credentials.isMicrosoftAuthority(
                URI.create("https://login.microsoftonline.com.evil.example/")))
        .isFalse();
  }
}
