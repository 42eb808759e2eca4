package dev.intunereset.sandbox.graph;

import java.util.Locale;
import java.util.Objects;

/**
 * Whom a bearer token speaks for, as Graph reads it from a real token's {@code tid} and {@code
 * appid}: the tenant decides which devices the request sees and whose budget it spends, the app
 * which per-app budget.
 *
 * @param tenantId the tenant the token was issued for, lower case
 * @param appId the client id of the app that holds the token, lower case
 */
public record GraphCaller(String tenantId, String appId) {
  public GraphCaller {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(appId, "appId");
    if (tenantId.isBlank() || appId.isBlank()) {
      throw new IllegalArgumentException("tenantId and appId must not be blank");
    }
    // Entra ids are GUIDs, compared case-insensitively.
    tenantId = tenantId.toLowerCase(Locale.ROOT);
    appId = appId.toLowerCase(Locale.ROOT);
  }
}
