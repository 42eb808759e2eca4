package dev.intunereset.sandbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps sandbox output readable: the demo's own lines on stdout, only warnings from libraries. */
final class Logging {
  private Logging() {}

  static void quiet(boolean verbose) {
    set(org.slf4j.Logger.ROOT_LOGGER_NAME, verbose ? Level.INFO : Level.WARN);
    if (!verbose) {
      // The embedded broker warns about things that are normal for a throwaway single node
      // (empty metadata log on first start, clients closed twice at shutdown).
      set("kafka", Level.ERROR);
      set("org.apache.kafka", Level.ERROR);
    }
  }

  private static void set(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logger) {
      logger.setLevel(level);
    }
  }
}
