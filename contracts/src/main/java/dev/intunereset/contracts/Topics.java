package dev.intunereset.contracts;

/**
 * Default Kafka topic names, public and internal; deployments may override them, so treat these as
 * defaults only. The AsyncAPI document describes every one of them.
 */
public final class Topics {

  /** Inbound v1 reset requests ({@link ResetRequest}), keyed by request id. */
  public static final String REQUESTS = "passcode-reset.requests";

  /**
   * Internal per-device work items fanned out from accepted bulk requests, keyed by device id
   * (validation tasks by request id).
   */
  public static final String DEVICE_TASKS = "passcode-reset.device-tasks";

  /** Internal: the device tasks of interactive requests, so they never queue behind bulk work. */
  public static final String INTERACTIVE_DEVICE_TASKS = "passcode-reset.device-tasks.interactive";

  /** Outbound {@link ResultEvent}s, keyed by request id so a request's events stay ordered. */
  public static final String RESULTS = "passcode-reset.results";

  /** Requests that could not be parsed at all, with the original key, value and headers. */
  public static final String REQUESTS_DLQ = "passcode-reset.requests.dlq";

  /**
   * {@link ControlMessage}s from approvers and operators: {@link Approval}s and {@link Cancel}s
   * keyed by request id, {@link BrakeRelease}s keyed by {@link BrakeRelease#KAFKA_KEY}. Partitioned
   * like {@link #REQUESTS}.
   */
  public static final String APPROVALS = "passcode-reset.approvals";

  /**
   * Internal, compacted: the intake's memory of accepted, held and ended request ids and of its
   * position on {@link #APPROVALS}. Partitioned like {@link #REQUESTS}.
   */
  public static final String ACCEPTED_REQUESTS = "passcode-reset.requests.accepted";

  /** Internal, compacted, one partition: the fleet brake's state, read by every replica. */
  public static final String BRAKE = "passcode-reset.brake";

  /**
   * Internal, one partition, compacted and deleted after at least the longest request timeout: the
   * cancels of running requests ({@code CancelOrder}s keyed by request id), written by the intake
   * and read in full by every dispatcher.
   */
  public static final String CANCELLATIONS = "passcode-reset.cancellations";

  /**
   * Internal: what expanding a request's targets found, written by the dispatcher for the intake
   * that owns the request. Partitioned like {@link #REQUESTS}.
   */
  public static final String EXPANSIONS = "passcode-reset.expansions";

  private Topics() {}
}
