package dev.intunereset.contracts;

/** Classpath locations of the schemas and the AsyncAPI document shipped in this jar. */
public final class ContractResources {

  /** Folder holding every JSON Schema, for resolving relative references. */
  public static final String SCHEMAS_DIR = "/contracts/schemas/";

  /** JSON Schema of {@link ResetRequest}. */
  public static final String RESET_REQUEST_SCHEMA = SCHEMAS_DIR + "reset-request.v1.schema.json";

  /** JSON Schema of {@link DeviceOutcome}. */
  public static final String DEVICE_OUTCOME_SCHEMA = SCHEMAS_DIR + "device-outcome.v1.schema.json";

  /** JSON Schema of {@link RequestAccepted}. */
  public static final String REQUEST_ACCEPTED_SCHEMA =
      SCHEMAS_DIR + "request-accepted.v1.schema.json";

  /** JSON Schema of {@link RequestRejected}. */
  public static final String REQUEST_REJECTED_SCHEMA =
      SCHEMAS_DIR + "request-rejected.v1.schema.json";

  /** JSON Schema of {@link RequestCompleted}. */
  public static final String REQUEST_COMPLETED_SCHEMA =
      SCHEMAS_DIR + "request-completed.v1.schema.json";

  /** JSON Schema of {@link RequestHeld}. */
  public static final String REQUEST_HELD_SCHEMA = SCHEMAS_DIR + "request-held.v1.schema.json";

  /** JSON Schema of {@link RequestApproved}. */
  public static final String REQUEST_APPROVED_SCHEMA =
      SCHEMAS_DIR + "request-approved.v1.schema.json";

  /** JSON Schema of {@link RequestDenied}. */
  public static final String REQUEST_DENIED_SCHEMA = SCHEMAS_DIR + "request-denied.v1.schema.json";

  /** JSON Schema of {@link RequestExpired}. */
  public static final String REQUEST_EXPIRED_SCHEMA =
      SCHEMAS_DIR + "request-expired.v1.schema.json";

  /** JSON Schema of {@link BrakeEngaged}. */
  public static final String BRAKE_ENGAGED_SCHEMA = SCHEMAS_DIR + "brake-engaged.v1.schema.json";

  /** JSON Schema of {@link BrakeReleased}. */
  public static final String BRAKE_RELEASED_SCHEMA = SCHEMAS_DIR + "brake-released.v1.schema.json";

  /** JSON Schema of {@link CancelReceived}. */
  public static final String CANCEL_RECEIVED_SCHEMA =
      SCHEMAS_DIR + "cancel-received.v1.schema.json";

  /** JSON Schema of {@link CancelApplied}. */
  public static final String CANCEL_APPLIED_SCHEMA = SCHEMAS_DIR + "cancel-applied.v1.schema.json";

  /** JSON Schema of {@link CancelRefused}. */
  public static final String CANCEL_REFUSED_SCHEMA = SCHEMAS_DIR + "cancel-refused.v1.schema.json";

  /** JSON Schema of {@link RequestCanceled}. */
  public static final String REQUEST_CANCELED_SCHEMA =
      SCHEMAS_DIR + "request-canceled.v1.schema.json";

  /** JSON Schema of {@link DeviceSettled}. */
  public static final String DEVICE_SETTLED_SCHEMA = SCHEMAS_DIR + "device-settled.v1.schema.json";

  /** JSON Schema of {@link RequestSettled}. */
  public static final String REQUEST_SETTLED_SCHEMA =
      SCHEMAS_DIR + "request-settled.v1.schema.json";

  /** JSON Schema of {@link RequestExpanded}. */
  public static final String REQUEST_EXPANDED_SCHEMA =
      SCHEMAS_DIR + "request-expanded.v1.schema.json";

  /** JSON Schema of {@link Approval}. */
  public static final String APPROVAL_SCHEMA = SCHEMAS_DIR + "approval.v1.schema.json";

  /** JSON Schema of {@link BrakeRelease}. */
  public static final String BRAKE_RELEASE_SCHEMA = SCHEMAS_DIR + "brake-release.v1.schema.json";

  /** JSON Schema of {@link Cancel}. */
  public static final String CANCEL_SCHEMA = SCHEMAS_DIR + "cancel.v1.schema.json";

  /** AsyncAPI 3.0 description of all topics. */
  public static final String ASYNCAPI = "/contracts/asyncapi.yaml";

  /** Folder of example messages, one or more per schema. */
  public static final String EXAMPLES_DIR = "/contracts/examples/";

  private ContractResources() {}
}
