package dev.intunereset.cli;

/** Process exit codes of the CLI; the same table is in every command's help and in the docs. */
public final class ExitCodes {

  /**
   * submit, approve, release-brake, cancel: published. watch: the request completed and every
   * device succeeded or was skipped; with {@code --until settled}, also every device it reset
   * settled {@code DONE}. cancel --wait: the request was canceled.
   */
  public static final int OK = 0;

  /** watch: the request ended {@code COMPLETED_WITH_FAILURES} or {@code FAILED}. */
  public static final int FAILED = 1;

  /**
   * submit: the request is invalid (schema violations, unreadable file); watch: the worker rejected
   * the request.
   */
  public static final int INVALID = 2;

  /**
   * watch: {@code --timeout} passed before the request completed (with {@code --until settled}:
   * before it settled).
   */
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

  /**
   * watch --until settled: the request completed, but a device it reset did not confirm the reset:
   * it settled {@code FAILED}, {@code NOT_SUPPORTED}, {@code CANCELED} or {@code UNCONFIRMED}. A
   * request that itself failed or was canceled keeps 1 or 5.
   */
  public static final int NOT_SETTLED_DONE = 7;

  /** Bad flags or arguments (sysexits {@code EX_USAGE}). */
  public static final int USAGE = 64;

  /** A bug: an unexpected exception (sysexits {@code EX_SOFTWARE}). */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
