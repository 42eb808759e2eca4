package dev.intunereset.worker.dispatch;

/** A unit of dispatch work tracked at one task offset. */
interface TaskJob {
  void start();

  /**
   * Stops the job where it can: returns true if it has ended (or ended now), false if it is in a
   * Graph write whose result must be awaited so that the reset is recorded rather than redone.
   */
  boolean abandon();

  boolean isSettled();
}
