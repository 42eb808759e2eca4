package dev.intunereset.worker.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.intunereset.worker.config.GraphAuth;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the azure-identity credential of the configured flow. The credential owns the token cache
 * (MSAL's), so it is built once per worker and every Graph call asks the same instance: a token is
 * fetched once and refreshed before it expires, not per call.
 */
final class Credentials {
  /**
   * Authority hosts MSAL knows; any other (a private or test authority) is used without instance
   * discovery, which would otherwise ask login.microsoftonline.com to vouch for it, retrying for
   * seconds before the first token.
   */
  static final Set<String> MICROSOFT_AUTHORITY_HOSTS =
      Set.of(
          "login.microsoftonline.com",
          "login.windows.net",
          "login.microsoft.com",
          "sts.windows.net",
          "login.chinacloudapi.cn",
          "login.partner.microsoftonline.cn",
          "login.microsoftonline.us",
          "login.usgovcloudapi.net",
          "login-us.microsoftonline.com",
          "login.microsoftonline.de");

  private Credentials() {}

  /**
   * @param http the HTTP client for token requests (the worker's OkHttp stack and TLS trust)
   */
  static TokenCredential create(GraphAuth auth, HttpClient http) {
    if (auth instanceof GraphAuth.StaticToken t) {
      return new StaticTokenCredential(t.token().reveal());
    }
    if (auth instanceof GraphAuth.ClientSecret s) {
      return authority(new ClientSecretCredentialBuilder(), s.authorityHost())
          .tenantId(s.tenantId())
          .clientId(s.clientId())
          .clientSecret(s.secret().reveal())
          .httpClient(http)
          .build();
    }
    if (auth instanceof GraphAuth.ClientCertificate c) {
      ClientCertificateCredentialBuilder b =
          authority(new ClientCertificateCredentialBuilder(), c.authorityHost())
              .tenantId(c.tenantId())
              .clientId(c.clientId())
              .sendCertificateChain(c.sendCertificateChain())
              .httpClient(http);
      if (c.format() == GraphAuth.CertificateFormat.PEM) {
        b.pemCertificate(c.certificate().toString());
      } else {
        b.pfxCertificate(c.certificate().toString());
        c.password().ifPresent(p -> b.clientCertificatePassword(p.reveal()));
      }
      return b.build();
    }
    if (auth instanceof GraphAuth.WorkloadIdentity w) {
      return authority(new WorkloadIdentityCredentialBuilder(), w.authorityHost())
          .tenantId(w.tenantId())
          .clientId(w.clientId())
          .tokenFilePath(w.tokenFile().toString())
          .httpClient(http)
          .build();
    }
    if (auth instanceof GraphAuth.ManagedIdentity m) {
      ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().httpClient(http);
      m.clientId().ifPresent(b::clientId);
      return b.build();
    }
    if (auth instanceof GraphAuth.DefaultAzure d) {
      DefaultAzureCredentialBuilder b =
          new DefaultAzureCredentialBuilder()
              .authorityHost(d.authorityHost().toString())
              .httpClient(http);
      if (!isMicrosoftAuthority(d.authorityHost())) {
        b.disableInstanceDiscovery();
      }
      d.tenantId().ifPresent(b::tenantId);
      d.clientId()
          .ifPresent(
              id -> {
                b.managedIdentityClientId(id);
                b.workloadIdentityClientId(id);
              });
      return b.build();
    }
    throw new IllegalArgumentException("unknown Graph auth mode " + auth.mode());
  }

  static boolean isMicrosoftAuthority(URI host) {
    return host.getHost() != null
        && MICROSOFT_AUTHORITY_HOSTS.contains(host.getHost().toLowerCase(Locale.ROOT));
  }

  private static <T extends AadCredentialBuilderBase<T>> T authority(T builder, URI host) {
    builder.authorityHost(host.toString());
    if (!isMicrosoftAuthority(host)) {
      builder.disableInstanceDiscovery();
    }
    return builder;
  }
}
