package dev.intunereset.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long the commands that follow a request's results wait, and how they print them. */
final class FollowOptions {

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Give up (exit 3) if the request has not ended by then: 30s, 10m, PT1H."
              + " Default: wait as long as it takes.")
  Duration timeout;

  @Option(
      names = "--json",
      description = "Print each event as one line of JSON (the payload as written) instead.")
  boolean json;

  /** Where the events go: one line of JSON each, or lines for people. */
  WatchOutput output(CliContext context) {
    return json
        ? new JsonOutput(context.out(), context.err())
        : new HumanOutput(context.out(), context.err(), context.terminal());
  }
}
