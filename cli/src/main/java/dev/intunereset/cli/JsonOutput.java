package dev.intunereset.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;

/** {@code watch --json}: each event as one line of JSON on stdout; notes on stderr. */
final class JsonOutput implements WatchOutput {
  private final PrintWriter out;
  private final PrintWriter err;

  JsonOutput(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void event(Transport.Received received, RequestWatch.Progress progress) {
    out.println(received.json());
    out.flush();
  }

  @Override
  public void settling(RequestWatch.Progress progress) {
    // The events say it; a line of JSON per event stays the whole of stdout.
  }

  @Override
  public void waiting(UUID requestId, String topic) {
    err.println(HumanOutput.waitingNote(requestId, topic));
    err.flush();
  }

  @Override
  public void timedOut(Duration timeout, RequestWatch.Progress progress) {
    err.println(HumanOutput.timeoutNote(timeout, progress));
    err.flush();
  }

  @Override
  public void finish() {
    out.flush();
  }
}
