package dev.intunereset.sandbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps sandbox output readable: the demo's own lines on stdout, only warnings from libraries. */
final class Logging {
  private Logging() {}

  static void quiet(boolean verbose) {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(verbose ? Level.INFO : Level.WARN);
    }
  }
}
