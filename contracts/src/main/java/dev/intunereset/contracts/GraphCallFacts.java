package dev.intunereset.contracts;

/**
 * What the last Graph call of a device left behind for whoever investigates its outcome; every
 * field is {@code null} when it is unknown, and {@link #NONE} when no call was made. Outcomes write
 * its fields flat, so it has no JSON shape of its own.
 *
 * @param httpStatus HTTP status of the last Graph response, or {@code null} if none was received
 * @param graphErrorCode raw Graph {@code error.code} of the last failed response, or {@code null}
 * @param graphRequestId Graph {@code request-id} response header of the last call, or {@code null}
 * @param clientRequestId {@code client-request-id} the worker sent on the last call, or {@code
 *     null}
 */
public record GraphCallFacts(
    Integer httpStatus, String graphErrorCode, String graphRequestId, String clientRequestId) {

  /** No Graph call was made, or none left anything to report. */
  public static final GraphCallFacts NONE = new GraphCallFacts(null, null, null, null);

  public GraphCallFacts {
    if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus must be 100..599, was " + httpStatus);
    }
  }
}
