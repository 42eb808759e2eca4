package dev.intunereset.contracts;

/** Headers the worker adds to a dead-lettered record; the original headers are kept as well. */
public final class DlqHeaders {

  /** Short machine-readable failure code, for example {@code MALFORMED_JSON}. */
  public static final String REASON = "dlq.reason";

  /** Human-readable description of the failure; never contains the payload itself. */
  public static final String MESSAGE = "dlq.message";

  /** Topic the record was consumed from. */
  public static final String SOURCE_TOPIC = "dlq.source.topic";

  /** Partition the record was consumed from, as a decimal string. */
  public static final String SOURCE_PARTITION = "dlq.source.partition";

  /** Offset of the record in its source partition, as a decimal string. */
  public static final String SOURCE_OFFSET = "dlq.source.offset";

  /** ISO-8601 UTC instant at which the worker gave up on the record. */
  public static final String FAILED_AT = "dlq.failed.at";

  /**
   * Present only when the payload was cut to the request size limit: the original size in bytes.
   */
  public static final String TRUNCATED_FROM = "dlq.truncated.from";

  private DlqHeaders() {}
}
