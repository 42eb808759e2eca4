package dev.intunereset.cli;

import java.time.Duration;
import java.util.UUID;

/** How {@code watch} shows what happens. */
interface WatchOutput {

  /** An event of the watched request, as it arrives. */
  void event(Transport.Received received, RequestWatch.Progress progress);

  /**
   * {@code --until settled}: the request completed and the watch goes on until its devices settle.
   */
  void settling(RequestWatch.Progress progress);

  /** Everything committed so far was read and the request has no event yet. */
  void waiting(UUID requestId, String topic);

  /** {@code --timeout} passed before the request completed. */
  void timedOut(Duration timeout, RequestWatch.Progress progress);

  /** The watch ended; leave the terminal tidy. */
  void finish();
}
