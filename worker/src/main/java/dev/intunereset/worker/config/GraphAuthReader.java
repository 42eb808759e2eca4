package dev.intunereset.worker.config;

import dev.intunereset.worker.config.GraphAuth.CertificateFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@link GraphAuth} for the configured {@code GRAPH_AUTH_MODE}: each mode names the keys it
 * requires, and each missing or bad one is its own problem line. Keys of other modes are ignored,
 * because the AKS workload identity webhook, for one, sets AZURE_* variables in every pod it
 * touches.
 */
final class GraphAuthReader {
  private final ConfigReader r;
  private final String mode;
  private boolean complete = true;

  private GraphAuthReader(ConfigReader r, String mode) {
    this.r = r;
    this.mode = mode;
  }

  /** The configured flow, or null when a problem was reported (the reader then fails). */
  static GraphAuth read(ConfigReader r) {
    String mode = r.text(ConfigKeys.GRAPH_AUTH_MODE);
    return new GraphAuthReader(r, mode).read();
  }

  /** The extra CA file, checked to hold at least one certificate. */
  static Optional<Path> trustedCaFile(ConfigReader r) {
    Optional<Path> file = r.optional(ConfigKeys.HTTPS_TRUSTED_CA_FILE);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Path path = file.get();
    Optional<String> problem = CertificateFiles.checkCaBundle(path);
    problem.ifPresent(p -> r.problem(ConfigKeys.HTTPS_TRUSTED_CA_FILE.name() + ": " + p));
    return problem.isPresent() ? Optional.empty() : Optional.of(path);
  }

  private GraphAuth read() {
    URI authority = authority();
    GraphAuth auth =
        switch (mode) {
          case "client-secret" -> clientSecret(authority);
          case "client-certificate" -> clientCertificate(authority);
          case "managed-identity" ->
              new GraphAuth.ManagedIdentity(Optional.ofNullable(clientId(false)));
          case "workload-identity" -> workloadIdentity(authority);
          case "default-azure-credential" ->
              new GraphAuth.DefaultAzure(
                  Optional.ofNullable(tenant(false)),
                  Optional.ofNullable(clientId(false)),
                  authority);
          case "static-token" -> {
            Secret token = requiredSecret(ConfigKeys.GRAPH_STATIC_TOKEN);
            yield token == null ? null : new GraphAuth.StaticToken(token);
          }
          default -> {
            // Not one of GRAPH_AUTH_MODE's choices: the reader has reported it.
            complete = false;
            yield null;
          }
        };
    return complete ? auth : null;
  }

  private GraphAuth clientSecret(URI authority) {
    String tenant = tenant(true);
    String client = clientId(true);
    Secret secret = requiredSecret(ConfigKeys.AZURE_CLIENT_SECRET);
    return complete ? new GraphAuth.ClientSecret(tenant, client, secret, authority) : null;
  }

  private GraphAuth workloadIdentity(URI authority) {
    String tenant = tenant(true);
    String client = clientId(true);
    Path tokenFile = readableFile(ConfigKeys.AZURE_FEDERATED_TOKEN_FILE);
    return complete ? new GraphAuth.WorkloadIdentity(tenant, client, tokenFile, authority) : null;
  }

  private GraphAuth clientCertificate(URI authority) {
    String tenant = tenant(true);
    String client = clientId(true);
    Path path = readableFile(ConfigKeys.AZURE_CLIENT_CERTIFICATE_PATH);
    Optional<Secret> password = r.optionalSecret(ConfigKeys.AZURE_CLIENT_CERTIFICATE_PASSWORD);
    Boolean chain = r.value(ConfigKeys.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN);
    if (path == null) {
      return null;
    }
    CertificateFormat format = CertificateFiles.formatOf(path);
    Optional<String> problem =
        format == CertificateFormat.PEM
            ? CertificateFiles.checkPem(path)
            : CertificateFiles.checkPfx(path, password);
    if (problem.isPresent()) {
      r.problem(ConfigKeys.AZURE_CLIENT_CERTIFICATE_PATH.name() + ": " + problem.get());
      complete = false;
    } else if (format == CertificateFormat.PEM && password.isPresent()) {
      r.problem(
          ConfigKeys.AZURE_CLIENT_CERTIFICATE_PASSWORD.name()
              + ": only for PFX certificates; "
              + path
              + " is PEM, whose key must be unencrypted");
      complete = false;
    }
    return complete
        ? new GraphAuth.ClientCertificate(
            tenant, client, path, format, password, Boolean.TRUE.equals(chain), authority)
        : null;
  }

  private URI authority() {
    URI authority = r.value(ConfigKeys.AZURE_AUTHORITY_HOST);
    complete &= authority != null;
    return authority;
  }

  private String tenant(boolean required) {
    if (!r.isSet(ConfigKeys.AZURE_TENANT_ID)) {
      if (required) {
        missing(ConfigKeys.AZURE_TENANT_ID);
      }
      return null;
    }
    // It becomes a path segment of the token URL: its type allows a GUID or a domain, no more.
    String tenant = r.value(ConfigKeys.AZURE_TENANT_ID);
    complete &= tenant != null;
    return tenant;
  }

  private String clientId(boolean required) {
    if (!r.isSet(ConfigKeys.AZURE_CLIENT_ID)) {
      if (required) {
        r.problem(
            ConfigKeys.AZURE_CLIENT_ID.name()
                + ": required when GRAPH_AUTH_MODE="
                + mode
                + ", must be a GUID");
        complete = false;
      }
      return null;
    }
    String client = r.value(ConfigKeys.AZURE_CLIENT_ID);
    complete &= client != null;
    return client;
  }

  private Secret requiredSecret(ConfigKey<Secret> key) {
    Optional<Secret> secret = r.optionalSecret(key);
    if (secret.isEmpty()) {
      missing(key);
      return null;
    }
    return secret.get();
  }

  private Path readableFile(ConfigKey<Path> key) {
    if (!r.isSet(key)) {
      missing(key);
      return null;
    }
    Optional<Path> path = r.optional(key);
    if (path.isEmpty()) {
      complete = false;
    }
    return path.orElse(null);
  }

  private void missing(ConfigKey<?> key) {
    r.problem(key.name() + ": required when GRAPH_AUTH_MODE=" + mode);
    complete = false;
  }
}
