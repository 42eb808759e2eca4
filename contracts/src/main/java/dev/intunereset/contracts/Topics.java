package dev.intunereset.contracts;

/** Default Kafka topic names; deployments may override them, so treat these as defaults only. */
public final class Topics {

  /** Inbound v1 reset requests ({@link ResetRequest}), keyed by request id. */
  public static final String REQUESTS = "passcode-reset.requests";

  /** Internal per-device work items fanned out from accepted requests, keyed by device id. */
  public static final String DEVICE_TASKS = "passcode-reset.device-tasks";

  /** Outbound {@link ResultEvent}s, keyed by request id so a request's events stay ordered. */
  public static final String RESULTS = "passcode-reset.results";

  /** Requests that could not be parsed at all, with the original key, value and headers. */
  public static final String REQUESTS_DLQ = "passcode-reset.requests.dlq";

  /**
   * {@link ControlMessage}s from approvers and operators: {@link Approval}s keyed by request id and
   * {@link BrakeRelease}s keyed by {@link BrakeRelease#KAFKA_KEY}. Partitioned like {@link
   * #REQUESTS}.
   */
  public static final String APPROVALS = "passcode-reset.approvals";

  private Topics() {}
}
