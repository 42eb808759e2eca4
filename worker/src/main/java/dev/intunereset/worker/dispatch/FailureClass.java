package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.graph.GraphCallResult;

/**
 * How a Graph call's failure is treated, decided by HTTP status first because Intune's error codes
 * are unreliable (a 403 has been seen as {@code UnknownError}).
 */
enum FailureClass {
  /** Worth another attempt within the deadline and the attempt cap. */
  TRANSIENT,
  /** Never retried: the same call would fail the same way. */
  PERMANENT,
  /** Not about this device (no token, token refused): wait it out without spending attempts. */
  SYSTEMIC;

  static FailureClass of(GraphCallResult r) {
    return switch (r.kind()) {
      case SUCCESS -> throw new IllegalArgumentException("not a failure");
      case TRANSPORT_ERROR -> TRANSIENT;
      case AUTH_ERROR -> SYSTEMIC;
      case HTTP_ERROR ->
          switch (r.httpStatus()) {
            case 408, 429, 500, 502, 503, 504 -> TRANSIENT;
            case 401 -> SYSTEMIC;
            default -> PERMANENT;
          };
    };
  }

  static ReasonCode reasonOf(GraphCallResult r) {
    return switch (r.kind()) {
      case SUCCESS -> ReasonCode.RESET_ISSUED;
      case TRANSPORT_ERROR -> ReasonCode.TRANSPORT_ERROR;
      case AUTH_ERROR -> ReasonCode.UNAUTHORIZED;
      case HTTP_ERROR ->
          switch (r.httpStatus()) {
            case 400 -> ReasonCode.BAD_REQUEST;
            case 401 -> ReasonCode.UNAUTHORIZED;
            case 403 -> ReasonCode.FORBIDDEN;
            case 404 -> ReasonCode.NOT_FOUND;
            case 408 -> ReasonCode.TRANSPORT_ERROR;
            case 429 -> ReasonCode.THROTTLED;
            default -> ReasonCode.GRAPH_ERROR;
          };
    };
  }

  /** The call's failure in a sentence; a 403 names the permission {@code operation} needs. */
  static String describe(GraphCallResult r, String operation) {
    String base =
        r.kind() == GraphCallResult.Kind.HTTP_ERROR
            ? "Graph answered "
                + r.httpStatus()
                + (r.graphErrorCode() == null ? "" : " " + r.graphErrorCode())
            : r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    if (r.kind() == GraphCallResult.Kind.HTTP_ERROR && r.httpStatus() == 403) {
      base +=
          DeviceAction.named(operation)
              .map(
                  a ->
                      " (the app needs "
                          + a.permission()
                          + " for "
                          + a.graphName()
                          + " and DeviceManagementManagedDevices.Read.All for device lookups,"
                          + " both with admin consent)")
              .orElse(
                  " (the app needs DeviceManagementManagedDevices.Read.All for device lookups,"
                      + " with admin consent)");
    }
    return r.message() == null ? base : base + ": " + r.message();
  }
}
