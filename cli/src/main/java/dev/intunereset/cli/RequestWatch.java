package dev.intunereset.cli;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCanceled;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestDenied;
import dev.intunereset.contracts.RequestExpired;
import dev.intunereset.contracts.RequestHeld;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Follows one request through its result events and decides the exit code of {@code watch}. Knows
 * nothing about Kafka: events are fed in, so every sequence can be tested in memory.
 *
 * <ul>
 *   <li>{@code RequestCompleted} ends the watch: 0 for {@code COMPLETED}, 5 for {@code CANCELED}
 *       (stopped on purpose, not a failure to retry), 1 otherwise.
 *   <li>{@code RequestRejected} before any {@code RequestAccepted} ends it with 2, once everything
 *       committed when the watch started has been read and no acceptance followed (an id that was
 *       rejected may be submitted again, fixed, and accepted).
 *   <li>{@code RequestRejected} after {@code RequestAccepted} is a duplicate copy being turned
 *       away; the original request goes on, and so does the watch.
 *   <li>{@code RequestHeld} waits for an approval: a {@code RequestRejected} while it is held is a
 *       duplicate copy too; after {@code RequestDenied} or {@code RequestExpired} it ends the watch
 *       with 2, as any rejection. {@code RequestCanceled} of a held request ends it the same way,
 *       with 5.
 *   <li>{@code DeviceSettled} and {@code RequestSettled} come after {@code RequestCompleted} and
 *       only count towards the settle progress; {@link SettleWatch} waits for them.
 *   <li>Event types this CLI does not know are skipped by the transport with a warning.
 * </ul>
 */
final class RequestWatch implements WatchEnding {
  static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final UUID requestId;
  private final WatchOutput output;
  private final boolean followsSettlement;
  private final Set<String> devicesDone = new HashSet<>();
  private final Set<String> devicesSettled = new HashSet<>();
  private Integer total;
  private boolean tracked = true;
  private Integer toSettle;
  private RequestSettled.Counts settled = RequestSettled.Counts.NONE;
  private boolean accepted;
  private boolean held;
  private boolean heldEnded;
  private boolean canceledWhileHeld;
  private boolean seenAny;
  private RequestRejected pendingRejection;

  RequestWatch(UUID requestId, WatchOutput output) {
    this(requestId, output, false);
  }

  /**
   * @param followsSettlement whether the watch goes on after completion ({@code --until settled}),
   *     so that its progress and timeout note are about settlement then
   */
  RequestWatch(UUID requestId, WatchOutput output, boolean followsSettlement) {
    this.requestId = requestId;
    this.output = output;
    this.followsSettlement = followsSettlement;
  }

  /**
   * Progress of the request.
   *
   * @param done devices with an outcome
   * @param total devices in the request, or null before it was accepted
   * @param accepted whether a RequestAccepted was seen
   * @param toSettle devices followed to their final state, or null before the request completed or
   *     when the watch does not follow settlement: those it reset, or none when it is not tracked;
   *     the RequestSettled's count once it came
   * @param settled devices settled so far, per state
   */
  record Progress(
      int done, Integer total, boolean accepted, Integer toSettle, RequestSettled.Counts settled) {}

  Progress progress() {
    return new Progress(
        devicesDone.size(), total, accepted, followsSettlement ? toSettle : null, settled);
  }

  /** Whether the request is held for approval right now. */
  boolean waitingForApproval() {
    return held && !heldEnded && !accepted;
  }

  boolean seenAny() {
    return seenAny;
  }

  /** Feeds one event; returns the exit code when it ends the watch. */
  @Override
  public OptionalInt accept(Transport.Received received) {
    ResultEvent event = received.event();
    if (!event.requestId().equals(requestId)) {
      return OptionalInt.empty();
    }
    seenAny = true;
    if (event instanceof RequestAccepted a) {
      accepted = true;
      total = a.deviceCount();
      tracked = a.tracksSettlement();
      pendingRejection = null;
    } else if (event instanceof DeviceOutcome o) {
      devicesDone.add(o.deviceId().toLowerCase(Locale.ROOT));
    } else if (event instanceof RequestCompleted c) {
      toSettle = tracked ? c.counts().succeeded() : 0;
    } else if (event instanceof DeviceSettled d) {
      if (devicesSettled.add(d.deviceId().toLowerCase(Locale.ROOT))) {
        settled = settled.plus(d.state());
      }
    } else if (event instanceof RequestSettled s) {
      toSettle = s.devices();
      settled = s.counts();
    } else if (event instanceof RequestHeld) {
      held = true;
    } else if (event instanceof RequestDenied || event instanceof RequestExpired) {
      heldEnded = true;
    } else if (event instanceof RequestCanceled c && c.wasHeld()) {
      heldEnded = true;
      canceledWhileHeld = true;
    } else if (event instanceof RequestRejected r && !accepted && (!held || heldEnded)) {
      pendingRejection = r;
    }
    output.event(received, progress());
    if (event instanceof RequestCompleted c) {
      return OptionalInt.of(
          switch (c.status()) {
            case COMPLETED -> ExitCodes.OK;
            case CANCELED -> ExitCodes.CANCELED;
            default -> ExitCodes.FAILED;
          });
    }
    return OptionalInt.empty();
  }

  /**
   * Called after every poll; ends the watch on a rejection once the reader has caught up with what
   * was committed when it started.
   */
  @Override
  public OptionalInt afterPoll(boolean caughtUp) {
    if (pendingRejection != null && caughtUp) {
      return OptionalInt.of(canceledWhileHeld ? ExitCodes.CANCELED : ExitCodes.INVALID);
    }
    return OptionalInt.empty();
  }

  /**
   * Polls {@code source} until the request ends or {@code timeout} (null: never) passes.
   *
   * @return the exit code
   */
  int run(Transport.ResultSource source, Duration timeout, LongSupplier nanoClock, String topic) {
    return run(source, timeout, nanoClock, topic, this);
  }

  /**
   * Polls {@code source} until {@code ending} ends the follow or {@code timeout} (null: never)
   * passes; every event goes through {@code ending}, which feeds this watch for the output.
   *
   * @return the exit code
   */
  int run(
      Transport.ResultSource source,
      Duration timeout,
      LongSupplier nanoClock,
      String topic,
      WatchEnding ending) {
    long start = nanoClock.getAsLong();
    boolean notedWaiting = false;
    try {
      while (true) {
        Duration wait = POLL_INTERVAL;
        if (timeout != null) {
          long left = timeout.toNanos() - (nanoClock.getAsLong() - start);
          if (left <= 0) {
            output.timedOut(timeout, progress());
            return ExitCodes.TIMED_OUT;
          }
          wait = Duration.ofNanos(Math.min(wait.toNanos(), left));
        }
        for (Transport.Received r : source.poll(wait)) {
          OptionalInt end = ending.accept(r);
          if (end.isPresent()) {
            return end.getAsInt();
          }
        }
        boolean caughtUp = source.caughtUp();
        OptionalInt end = ending.afterPoll(caughtUp);
        if (end.isPresent()) {
          return end.getAsInt();
        }
        if (caughtUp && !seenAny && !notedWaiting) {
          output.waiting(requestId, topic);
          notedWaiting = true;
        }
      }
    } finally {
      output.finish();
    }
  }
}
