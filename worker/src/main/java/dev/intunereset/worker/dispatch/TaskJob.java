package dev.intunereset.worker.dispatch;

import java.util.UUID;

/** A unit of dispatch work tracked at one task offset. */
interface TaskJob {
  void start();

  /** The request the task belongs to. */
  UUID requestId();

  /**
   * Stops the job where it can: returns true if it has ended (or ended now), false if it is in a
   * Graph write whose result must be awaited so that the reset is recorded rather than redone.
   */
  boolean abandon();

  /**
   * Its request was canceled: the job makes no write from now on and ends with an outcome that says
   * so, unless a write is under way, whose answer it keeps. Reads may go on (to find out whether a
   * reset a previous owner made took effect, or to read a passcode already reset).
   *
   * @return false while a write is under way; see {@link #writing()}
   */
  boolean cancel();

  /** Whether a Graph write is under way right now. */
  boolean writing();

  boolean isSettled();
}
