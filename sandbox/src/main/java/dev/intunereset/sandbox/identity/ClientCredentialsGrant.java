package dev.intunereset.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a client-credentials token request in the order Entra does (tenant, grant type, app,
 * scope, then the app's credential) and names the error Entra would give, without any HTTP.
 */
final class ClientCredentialsGrant {
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final String GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
  private static final long CLOCK_SKEW_SECONDS = 300;

  private final Map<String, AppRegistration> apps;

  /**
   * @param apps keyed by {@link AppRegistration#key()}
   */
  ClientCredentialsGrant(Map<String, AppRegistration> apps) {
    this.apps = Map.copyOf(apps);
  }

  /**
   * @param form the request's form fields
   * @param tokenUrl the URL the request was sent to, which a client assertion must name as {@code
   *     aud}
   * @return empty if Entra would issue a token, else its error
   */
  Optional<EntraError> check(
      String tenant, Map<String, String> form, String tokenUrl, Instant now) {
    String clientId = form.getOrDefault("client_id", "");
    if (apps.values().stream().noneMatch(a -> a.tenant().equals(tenant))) {
      return refuse(
          EntraError.badRequest(
              "invalid_request",
              90002,
              "Tenant '"
                  + tenant
                  + "' not found. Check to make sure you have the correct tenant ID."));
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return refuse(
          EntraError.badRequest(
              "unsupported_grant_type", 70003, "The app requested an unsupported grant type."));
    }
    AppRegistration app = apps.get(AppRegistration.key(tenant, clientId));
    if (app == null) {
      return refuse(
          EntraError.badRequest(
              "unauthorized_client",
              700016,
              "Application with identifier '"
                  + clientId
                  + "' was not found in the directory '"
                  + tenant
                  + "'."));
    }
    String scope = form.getOrDefault("scope", "");
    if (!List.of(scope.split(" ")).contains(GRAPH_DEFAULT_SCOPE)) {
      return refuse(
          EntraError.badRequest(
              "invalid_scope",
              1002012,
              "The provided value for scope " + scope + " is not valid."));
    }
    return checkCredential(app, form, tokenUrl, now);
  }

  private static Optional<EntraError> checkCredential(
      AppRegistration app, Map<String, String> form, String tokenUrl, Instant now) {
    String secret = form.get("client_secret");
    String assertion = form.get("client_assertion");
    if (secret == null && assertion == null) {
      return refuse(
          EntraError.invalidClient(
              7000218,
              "The request body must contain the following parameter: 'client_assertion' or"
                  + " 'client_secret'."));
    }
    if (app.credential() instanceof AppRegistration.Secret s) {
      return secret != null && MessageDigest.isEqual(bytes(secret), s.secret())
          ? Optional.empty()
          : refuse(
              EntraError.invalidClient(
                  7000215,
                  "Invalid client secret provided. Ensure the secret being sent in the request is"
                      + " the client secret value, not the client secret ID, for a secret added to"
                      + " app '"
                      + app.clientId()
                      + "'."));
    }
    if (!JWT_BEARER.equals(form.get("client_assertion_type")) || assertion == null) {
      return refuse(
          EntraError.invalidClient(
              700025,
              "Client is public so neither 'client_assertion' nor 'client_secret' should be"
                  + " presented."));
    }
    if (app.credential() instanceof AppRegistration.Federated f) {
      return MessageDigest.isEqual(bytes(assertion), f.assertion())
          ? Optional.empty()
          : refuse(
              EntraError.badRequest(
                  "invalid_request",
                  70021,
                  "No matching federated identity record found for presented assertion."));
    }
    AppRegistration.Certificate c = (AppRegistration.Certificate) app.credential();
    return ClientAssertions.verify(
        assertion, c.certificate(), c.x5t(), app.clientId(), tokenUrl, now, CLOCK_SKEW_SECONDS);
  }

  private static Optional<EntraError> refuse(EntraError error) {
    return Optional.of(error);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
