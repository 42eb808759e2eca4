package dev.intunereset.sandbox.graph;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One request the simulator received, as it decided it.
 *
 * <p>Deliberately holds neither the bearer token nor any passcode, so call logs can be printed or
 * asserted on freely.
 *
 * @param at arrival time by the simulator's clock
 * @param method HTTP method, upper case
 * @param path decoded request path, e.g. {@code /beta/deviceManagement/managedDevices/{id}}
 * @param query raw query string, empty when there was none
 * @param deviceId the device id as written in the path, or null when the path names no device
 * @param operation {@link #GET_MANAGED_DEVICE}, {@link #RESET_PASSCODE}, {@link
 *     #ROTATE_BITLOCKER_KEYS}, one of the listings ({@link #LIST_MANAGED_DEVICES}, {@link
 *     #LIST_USER_MANAGED_DEVICES}, {@link #LIST_GROUP_DEVICES}, {@link #LIST_GROUP_USERS}) or
 *     {@link #OTHER}
 * @param status HTTP status the simulator answered (or, for a request held by a hanging outage,
 *     will answer when the outage ends)
 * @param clientRequestId the request's {@code client-request-id} header, or null when absent
 * @param authenticated whether the request carried an accepted bearer token
 * @param applied for a device action (resetPasscode, rotateBitLockerKeys): whether it took effect
 *     on the device; false otherwise
 * @param tenantId the tenant the bearer token was issued for (lower case), or null when the token
 *     was not accepted
 * @param appId the app (client id, lower case) that holds the token, or null when the token was not
 *     accepted
 */
public record RecordedCall(
    Instant at,
    String method,
    String path,
    String query,
    String deviceId,
    String operation,
    int status,
    String clientRequestId,
    boolean authenticated,
    boolean applied,
    String tenantId,
    String appId) {

  public static final String GET_MANAGED_DEVICE = "getManagedDevice";
  public static final String RESET_PASSCODE = "resetPasscode";

  /** {@code POST /deviceManagement/managedDevices/{id}/rotateBitLockerKeys}. */
  public static final String ROTATE_BITLOCKER_KEYS = "rotateBitLockerKeys";

  public static final String OTHER = "other";

  /** {@code GET /deviceManagement/managedDevices}, one call per page. */
  public static final String LIST_MANAGED_DEVICES = "listManagedDevices";

  /** {@code GET /users/{id or UPN}/managedDevices}, one call per page. */
  public static final String LIST_USER_MANAGED_DEVICES = "listUserManagedDevices";

  /** {@code GET /groups/{id}/transitiveMembers/microsoft.graph.device}, one call per page. */
  public static final String LIST_GROUP_DEVICES = "listGroupTransitiveDevices";

  /** {@code GET /groups/{id}/transitiveMembers/microsoft.graph.user}, one call per page. */
  public static final String LIST_GROUP_USERS = "listGroupTransitiveUsers";

  private static final Set<String> OPERATIONS =
      Set.of(
          GET_MANAGED_DEVICE,
          RESET_PASSCODE,
          ROTATE_BITLOCKER_KEYS,
          OTHER,
          LIST_MANAGED_DEVICES,
          LIST_USER_MANAGED_DEVICES,
          LIST_GROUP_DEVICES,
          LIST_GROUP_USERS);

  public RecordedCall {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(operation, "operation");
    if (!OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("unknown operation: " + operation);
    }
  }

  /** True when the call was made with a token of this tenant (id compared case-insensitively). */
  public boolean inTenant(String tenantId) {
    return this.tenantId != null && this.tenantId.equalsIgnoreCase(tenantId);
  }

  /** True for a resetPasscode call, whatever its outcome. */
  public boolean isResetPasscode() {
    return operation.equals(RESET_PASSCODE);
  }

  /** True for a rotateBitLockerKeys call, whatever its outcome. */
  public boolean isRotateBitLockerKeys() {
    return operation.equals(ROTATE_BITLOCKER_KEYS);
  }
}
