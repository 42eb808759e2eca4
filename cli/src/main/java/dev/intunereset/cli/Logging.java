package dev.intunereset.cli;

/**
 * Keeps the Kafka client quiet: logback (see {@code logback.xml}) logs nothing unless {@code
 * --verbose} or {@code PASSCODE_RESET_CLI_LOG} asks for it. Must run before the first logger is
 * created, which is why the commands call it first thing.
 */
final class Logging {
  static final String PROPERTY = "passcode.cli.log";
  static final String ENV = "PASSCODE_RESET_CLI_LOG";

  private Logging() {}

  static void configure(boolean verbose) {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    String fromEnv = System.getenv(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      System.setProperty(PROPERTY, fromEnv.strip());
    } else {
      System.setProperty(PROPERTY, verbose ? "WARN" : "OFF");
    }
  }
}
