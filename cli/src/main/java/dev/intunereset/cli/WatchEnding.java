package dev.intunereset.cli;

import java.util.OptionalInt;

/** Decides when following a request's results ends: plain {@code watch}, or cancel --wait. */
interface WatchEnding {

  /** Takes one event of the request; returns the exit code when it ends the follow. */
  OptionalInt accept(Transport.Received received);

  /** Called after every poll; returns the exit code when the follow ends there. */
  OptionalInt afterPoll(boolean caughtUp);
}
