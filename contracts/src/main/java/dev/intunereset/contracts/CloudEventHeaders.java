package dev.intunereset.contracts;

/** Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary content mode. */
public final class CloudEventHeaders {

  /** CloudEvents spec version; always {@link #SPEC_VERSION}. */
  public static final String SPECVERSION = "ce_specversion";

  /** Unique event id; producers use a fresh UUID per event. */
  public static final String ID = "ce_id";

  /** URI-reference identifying the producer. */
  public static final String SOURCE = "ce_source";

  /** Event type; one of the {@link EventTypes} constants. */
  public static final String TYPE = "ce_type";

  /** RFC 3339 timestamp of when the event occurred. */
  public static final String TIME = "ce_time";

  /** What the event is about: the device id for device outcomes, the request id otherwise. */
  public static final String SUBJECT = "ce_subject";

  /**
   * Media type of the value; the binding maps {@code datacontenttype} to this header without the
   * {@code ce_} prefix.
   */
  public static final String CONTENT_TYPE = "content-type";

  /** The only CloudEvents spec version we emit. */
  public static final String SPEC_VERSION = "1.0";

  /** Media type of every payload in this contract. */
  public static final String CONTENT_TYPE_JSON = "application/json";

  private CloudEventHeaders() {}
}
