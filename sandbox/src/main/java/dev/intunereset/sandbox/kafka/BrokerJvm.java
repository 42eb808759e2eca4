package dev.intunereset.sandbox.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child broker JVM: the files it runs from in the log dir and the command that starts it, kept
 * apart from the lifecycle so what a restart reuses (config, data, output) is in one place.
 */
final class BrokerJvm {

  private static final String OUTPUT_FILE = "broker.out";
  private static final String LOGBACK_FILE = "logback.xml";

  /**
   * After a SIGKILL the restarted controller still sees the dead broker's registration as live and
   * rejects the new one with DUPLICATE_BROKER_REGISTRATION until the session expires: 9 s by
   * default, 3 s with these values. The child JVM has nothing else to do, so its 500 ms heartbeats
   * will not be late enough to fence it spuriously.
   */
  private static final Map<String, String> FAST_RECOVERY_DEFAULTS =
      Map.of("broker.heartbeat.interval.ms", "500", "broker.session.timeout.ms", "3000");

  private final Path logDir;

  BrokerJvm(Path logDir) {
    this.logDir = logDir;
  }

  Path outputFile() {
    return logDir.resolve(OUTPUT_FILE);
  }

  /**
   * Writes {@code server.properties} and {@code logback.xml} for these ports, and formats the data
   * dir unless it already holds a broker's data.
   */
  void configure(String host, int port, int controllerPort, Map<String, String> brokerProperties) {
    Path dataDir = logDir.resolve(KraftProperties.DATA_DIR);
    Path propertiesFile = logDir.resolve(KraftProperties.SERVER_PROPERTIES);
    Map<String, String> extra = new LinkedHashMap<>(FAST_RECOVERY_DEFAULTS);
    extra.putAll(brokerProperties);
    KraftProperties.write(
        KraftProperties.singleNode(host, port, controllerPort, dataDir, extra), propertiesFile);
    Path logback = logDir.resolve(LOGBACK_FILE);
    try {
      Files.writeString(logback, BrokerLogging.childLogbackXml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + logback, e);
    }
    StorageFormatter.formatIfNeeded(propertiesFile, dataDir);
  }

  /** Starts {@code kafka.Kafka} with its output appended to {@link #outputFile()}. */
  Process spawn() {
    ProcessBuilder builder =
        new ProcessBuilder(command())
            .directory(logDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + builder.command().get(0), e);
    }
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // C1 only: the broker starts about 0.5 s faster and test traffic never needs C2's peak speed.
    command.add("-XX:TieredStopAtLevel=1");
    // An OOM broker would otherwise linger half-dead and fail the test by timeout, not by cause.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dlogback.configurationFile=" + logDir.resolve(LOGBACK_FILE).toAbsolutePath());
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add("kafka.Kafka");
    command.add(logDir.resolve(KraftProperties.SERVER_PROPERTIES).toAbsolutePath().toString());
    return command;
  }

  /** This JVM's class path with relative entries made absolute: the child runs in the log dir. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
