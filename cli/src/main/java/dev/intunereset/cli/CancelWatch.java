package dev.intunereset.cli;

import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.CancelRefused;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import java.util.OptionalInt;

/**
 * Decides when {@code cancel --wait} ends: at the worker's answer to this cancel, not at the
 * request's own ending, so that the refusal of a cancel of a request that completed long ago is
 * still waited for. The results topic is read from the beginning and may hold answers to an earlier
 * cancel of the same request or to another operator's, so an answer counts only when it copies this
 * cancel's {@code canceledBy} (and, where it carries one, its {@code reason}).
 *
 * <ul>
 *   <li>{@code CancelRefused} ends it with 6.
 *   <li>{@code RequestCanceled} of a held request ends it with 0: no device was touched.
 *   <li>{@code RequestCanceled} of a running request ends it with 0 once the request's {@code
 *       RequestCompleted} (in either order) has been read too, so that the counts are shown.
 * </ul>
 */
final class CancelWatch implements WatchEnding {
  private final RequestWatch watch;
  private final Cancel cancel;
  private boolean canceled;
  private boolean completed;

  CancelWatch(RequestWatch watch, Cancel cancel) {
    this.watch = watch;
    this.cancel = cancel;
  }

  @Override
  public OptionalInt accept(Transport.Received received) {
    // The watch prints the event and keeps the progress; its own endings do not apply here.
    watch.accept(received);
    ResultEvent event = received.event();
    if (!event.requestId().equals(cancel.requestId())) {
      return OptionalInt.empty();
    }
    if (event instanceof CancelRefused r && r.canceledBy().equals(cancel.canceledBy())) {
      return OptionalInt.of(ExitCodes.REFUSED);
    }
    if (event instanceof RequestCanceled c
        && c.canceledBy().equals(cancel.canceledBy())
        && c.reason().equals(cancel.reason())) {
      if (c.wasHeld()) {
        return OptionalInt.of(ExitCodes.OK);
      }
      canceled = true;
    } else if (event instanceof RequestCompleted) {
      completed = true;
    }
    return canceled && completed ? OptionalInt.of(ExitCodes.OK) : OptionalInt.empty();
  }

  @Override
  public OptionalInt afterPoll(boolean caughtUp) {
    return OptionalInt.empty();
  }
}
