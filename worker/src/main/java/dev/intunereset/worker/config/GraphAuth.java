package dev.intunereset.worker.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the worker gets its Graph tokens: one of the azure-identity credential flows, chosen by
 * {@code GRAPH_AUTH_MODE}, with the values that flow needs and nothing else. The {@code graph}
 * package turns it into a credential; this package only validates.
 */
public sealed interface GraphAuth {

  /** The {@code GRAPH_AUTH_MODE} value. */
  String mode();

  /** Who asks for tokens, for error messages: tenant and client id, never a secret. */
  String identity();

  /** Values that must never appear in a log, an event or an exception. */
  default List<Secret> secrets() {
    return List.of();
  }

  /** An app registration with a client secret. */
  record ClientSecret(String tenantId, String clientId, Secret secret, URI authorityHost)
      implements GraphAuth {
    public ClientSecret {
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String mode() {
      return "client-secret";
    }

    @Override
    public String identity() {
      return appIdentity(tenantId, clientId);
    }

    @Override
    public List<Secret> secrets() {
      return List.of(secret);
    }
  }

  /**
   * An app registration with a certificate: MSAL signs a client assertion with its private key.
   *
   * @param certificate a PEM file (private key and certificate) or a PFX (PKCS#12) file
   * @param password the PFX password; PEM keys are unencrypted
   * @param sendCertificateChain send the x5c header, needed for subject-name/issuer authentication
   */
  record ClientCertificate(
      String tenantId,
      String clientId,
      Path certificate,
      CertificateFormat format,
      Optional<Secret> password,
      boolean sendCertificateChain,
      URI authorityHost)
      implements GraphAuth {
    public ClientCertificate {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(format, "format");
      password = password == null ? Optional.empty() : password;
    }

    @Override
    public String mode() {
      return "client-certificate";
    }

    @Override
    public String identity() {
      return appIdentity(tenantId, clientId);
    }

    @Override
    public List<Secret> secrets() {
      return password.map(List::of).orElse(List.of());
    }
  }

  /** The two file formats a client certificate comes in. */
  enum CertificateFormat {
    PEM,
    PFX
  }

  /**
   * The Azure managed identity of the VM, pod or App Service; user-assigned when a client id is
   * given, system-assigned otherwise.
   */
  record ManagedIdentity(Optional<String> clientId) implements GraphAuth {
    public ManagedIdentity {
      clientId = clientId == null ? Optional.empty() : clientId;
    }

    @Override
    public String mode() {
      return "managed-identity";
    }

    @Override
    public String identity() {
      return clientId
          .map(id -> "user-assigned managed identity, client " + id)
          .orElse("system-assigned managed identity");
    }
  }

  /**
   * AKS workload identity: the projected service-account token in {@code tokenFile} is exchanged
   * for an Entra token through the app's federated credential.
   */
  record WorkloadIdentity(String tenantId, String clientId, Path tokenFile, URI authorityHost)
      implements GraphAuth {
    public WorkloadIdentity {
      Objects.requireNonNull(tokenFile, "tokenFile");
    }

    @Override
    public String mode() {
      return "workload-identity";
    }

    @Override
    public String identity() {
      return appIdentity(tenantId, clientId);
    }
  }

  /**
   * azure-identity's DefaultAzureCredential chain (environment, workload identity, managed
   * identity, developer tools), with the tenant and client id when given.
   */
  record DefaultAzure(Optional<String> tenantId, Optional<String> clientId, URI authorityHost)
      implements GraphAuth {
    public DefaultAzure {
      tenantId = tenantId == null ? Optional.empty() : tenantId;
      clientId = clientId == null ? Optional.empty() : clientId;
    }

    @Override
    public String mode() {
      return "default-azure-credential";
    }

    @Override
    public String identity() {
      List<String> parts = new ArrayList<>();
      tenantId.ifPresent(t -> parts.add("tenant " + t));
      clientId.ifPresent(c -> parts.add("client " + c));
      return "DefaultAzureCredential"
          + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
  }

  /** One fixed bearer token, for the Graph simulator only. */
  record StaticToken(Secret token) implements GraphAuth {
    public StaticToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String mode() {
      return "static-token";
    }

    @Override
    public String identity() {
      return "static token";
    }

    @Override
    public List<Secret> secrets() {
      return List.of(token);
    }
  }

  private static String appIdentity(String tenantId, String clientId) {
    return "tenant " + tenantId + ", client " + clientId;
  }
}
