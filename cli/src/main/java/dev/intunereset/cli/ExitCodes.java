package dev.intunereset.cli;

/** Process exit codes of the CLI; the same table is in every command's help and in the docs. */
public final class ExitCodes {

  /**
   * submit, approve, release-brake, cancel: published. watch: the request completed and every
   * device succeeded or was skipped. cancel --wait: the request was canceled.
   */
  public static final int OK = 0;

  /** watch: the request ended {@code COMPLETED_WITH_FAILURES} or {@code FAILED}. */
  public static final int FAILED = 1;

  /**
   * submit: the request is invalid (schema violations, unreadable file); watch: the worker rejected
   * the request.
   */
  public static final int INVALID = 2;

  /** watch: {@code --timeout} passed before the request completed. */
  public static final int TIMED_OUT = 3;

  /**
   * Kafka could not be reached in time, the topic is missing, access was denied, or send failed.
   */
  public static final int KAFKA = 4;

  /**
   * watch: the request was canceled ({@code RequestCompleted} {@code CANCELED}, or canceled while
   * held for approval). Not a failure to retry: someone stopped it on purpose.
   */
  public static final int CANCELED = 5;

  /** cancel --wait: the worker refused the cancel ({@code CancelRefused}); nothing changed. */
  public static final int REFUSED = 6;

  /** Bad flags or arguments (sysexits {@code EX_USAGE}). */
  public static final int USAGE = 64;

  /** A bug: an unexpected exception (sysexits {@code EX_SOFTWARE}). */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
