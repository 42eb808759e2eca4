package dev.intunereset.cli;

import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Decides when {@code watch --until settled} ends: not at {@code RequestCompleted}, which only says
 * Intune took the commands, but at the request's {@code RequestSettled}, which the worker writes
 * after it once every reset device shows a final state (or its deadline passed).
 *
 * <ul>
 *   <li>{@code RequestSettled} ends it: with the completion's own code when that was not 0 (1 for
 *       failures, 5 for a cancel: the request's outcome says more than its devices' settlement);
 *       else 0 when every followed device settled {@code DONE}, or none was followed; else 7.
 *   <li>A rejection, a denial or a cancel while held ends it as it ends {@code watch}: such a
 *       request never completes, so it never settles.
 * </ul>
 */
final class SettleWatch implements WatchEnding {
  private final RequestWatch watch;
  private final UUID requestId;
  private final WatchOutput output;
  private OptionalInt completion = OptionalInt.empty();

  SettleWatch(RequestWatch watch, UUID requestId, WatchOutput output) {
    this.watch = watch;
    this.requestId = requestId;
    this.output = output;
  }

  @Override
  public OptionalInt accept(Transport.Received received) {
    OptionalInt end = watch.accept(received);
    ResultEvent event = received.event();
    if (!event.requestId().equals(requestId)) {
      return OptionalInt.empty();
    }
    if (event instanceof RequestCompleted) {
      completion = end;
      output.settling(watch.progress());
      return OptionalInt.empty();
    }
    if (event instanceof RequestSettled s) {
      return OptionalInt.of(code(s));
    }
    return end;
  }

  private int code(RequestSettled s) {
    if (completion.isPresent() && completion.getAsInt() != ExitCodes.OK) {
      return completion.getAsInt();
    }
    return s.counts().done() == s.devices() ? ExitCodes.OK : ExitCodes.NOT_SETTLED_DONE;
  }

  @Override
  public OptionalInt afterPoll(boolean caughtUp) {
    return watch.afterPoll(caughtUp);
  }
}
