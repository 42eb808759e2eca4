package dev.intunereset.sandbox.kafka;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker in a child JVM ({@code kafka.Kafka}), for fault tests that need
 * to SIGKILL a broker and bring it back on the same ports with the same data.
 *
 * <p>The child runs with this JVM's class path, {@code -Xmx512m} and a generated logback config
 * (WARN, or INFO with {@code -Dsandbox.kafka.verbose=true}); its stdout and stderr are appended to
 * {@link #outputFile()}. Ports chosen as free at {@link #start} are kept for every restart.
 *
 * <p>Layout of {@link #logDir()}: {@code data/} (Kafka's log.dirs), {@code server.properties},
 * {@code logback.xml} and {@code broker.out}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaBrokerProcess.class);

  static final String OUTPUT_FILE = "broker.out";
  static final String LOGBACK_FILE = "logback.xml";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int BIND_ATTEMPTS_WITH_FREE_PORTS = 3;
  private static final int OUTPUT_TAIL_LINES = 40;
  private static final int OUTPUT_SCAN_BYTES = 4 * 1024 * 1024;

  /**
   * After a SIGKILL the restarted controller still sees the dead broker's registration as live and
   * rejects the new one with DUPLICATE_BROKER_REGISTRATION until the session expires: 9 s by
   * default, 3 s with these values. The child JVM has nothing else to do, so its 500 ms heartbeats
   * will not be late enough to fence it spuriously.
   */
  private static final Map<String, String> FAST_RECOVERY_DEFAULTS =
      Map.of("broker.heartbeat.interval.ms", "500", "broker.session.timeout.ms", "3000");

  private final Options options;
  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final Path outputFile;
  private final Thread reaper;
  private int port;
  private volatile Process process;
  private boolean closed;

  private KafkaBrokerProcess(Options options, Path logDir, boolean deleteLogDirOnClose) {
    this.options = options;
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.outputFile = logDir.resolve(OUTPUT_FILE);
    // A broker outliving the test JVM would hold its ports and confuse the next run.
    this.reaper = new Thread(this::destroyForcibly, "kafka-broker-reaper-" + logDir.getFileName());
  }

  /**
   * Formats the log dir (unless already formatted), launches the broker and waits until it serves
   * metadata.
   *
   * @throws IllegalStateException if the broker exits or is not ready within {@link
   *     Options#startupTimeout()}; the message holds the child's first error and last output lines
   */
  public static KafkaBrokerProcess start(Options options) {
    Objects.requireNonNull(options, "options");
    // StorageTool runs in this JVM and logs through its loggers.
    BrokerLogging.quietInProcessLoggers();
    boolean temp = options.logDir() == null;
    Path root =
        temp
            ? Directories.createTemp("kafka-broker-process-")
            : Directories.createDirectories(options.logDir());
    KafkaBrokerProcess broker = new KafkaBrokerProcess(options, root, temp);
    try {
      broker.firstLaunch();
      Runtime.getRuntime().addShutdownHook(broker.reaper);
      return broker;
    } catch (RuntimeException e) {
      broker.destroyForcibly();
      if (temp) {
        deleteQuietly(root);
      }
      throw e;
    }
  }

  private void firstLaunch() {
    int[] requested = {options.port(), options.controllerPort()};
    boolean anyFreePort = options.port() == 0 || options.controllerPort() == 0;
    int attempts = anyFreePort ? BIND_ATTEMPTS_WITH_FREE_PORTS : 1;
    for (int attempt = 1; ; attempt++) {
      int[] ports = KraftProperties.resolvePorts(options.host(), requested);
      port = ports[0];
      int controllerPort = ports[1];
      Path dataDir = logDir.resolve(KraftProperties.DATA_DIR);
      Path propertiesFile = logDir.resolve(KraftProperties.SERVER_PROPERTIES);
      Map<String, String> extra = new LinkedHashMap<>(FAST_RECOVERY_DEFAULTS);
      extra.putAll(options.brokerProperties());
      KraftProperties.write(
          KraftProperties.singleNode(options.host(), port, controllerPort, dataDir, extra),
          propertiesFile);
      writeString(logDir.resolve(LOGBACK_FILE), BrokerLogging.childLogbackXml());
      StorageFormatter.formatIfNeeded(propertiesFile, dataDir);
      try {
        launch();
        return;
      } catch (BrokerStartException e) {
        boolean lostChosenPort =
            KraftProperties.isBindFailureOn(
                e.output, options.host(), KraftProperties.chosenPorts(requested, ports));
        if (attempt >= attempts || !lostChosenPort) {
          throw e;
        }
        log.warn("Kafka broker process lost a free port to another process, retrying");
      }
    }
  }

  /** {@code host:port} of the PLAINTEXT listener; the same across restarts. */
  public String bootstrapServers() {
    return options.host() + ":" + port;
  }

  /** Directory holding the broker's data, generated config and output; kept across restarts. */
  public Path logDir() {
    return logDir;
  }

  /** File the child's stdout and stderr are appended to, across restarts. */
  public Path outputFile() {
    return outputFile;
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Graceful stop: SIGTERM, then wait for Kafka's controlled shutdown (falls back to SIGKILL after
   * 30 s). No-op if the broker is not running.
   */
  public synchronized void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    long startNanos = System.nanoTime();
    p.destroy();
    if (!waitFor(p, STOP_TIMEOUT)) {
      log.warn(
          "Kafka broker {} ignored SIGTERM for {}, killing it", bootstrapServers(), STOP_TIMEOUT);
      p.destroyForcibly();
      waitFor(p, STOP_TIMEOUT);
    }
    log.info(
        "Kafka broker process {} stopped in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
  }

  /** Crash: SIGKILL, then wait for the process to be gone. No-op if the broker is not running. */
  public synchronized void kill() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroyForcibly();
    if (!waitFor(p, STOP_TIMEOUT)) {
      throw new IllegalStateException("Kafka broker process " + p.pid() + " survived SIGKILL");
    }
  }

  /**
   * Starts the broker again on the same ports and log dir, without re-formatting, and waits until
   * it is ready. A running broker is stopped gracefully first.
   *
   * @throws IllegalStateException if closed, or if the broker does not come back
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("Kafka broker process " + bootstrapServers() + " is closed");
    }
    stop();
    launch();
  }

  /** Stops the broker gracefully and deletes a temp log dir. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException jvmAlreadyShuttingDown) {
        // The hook is running or about to run; it only kills what is already stopped.
      }
      if (deleteLogDirOnClose) {
        deleteQuietly(logDir);
      }
    }
  }

  @Override
  public String toString() {
    return "KafkaBrokerProcess[" + bootstrapServers() + ", logDir=" + logDir + "]";
  }

  private synchronized void launch() {
    long startNanos = System.nanoTime();
    long outputOffset = outputSize();
    appendString(
        outputFile,
        "==== starting kafka.Kafka on " + bootstrapServers() + " at " + Instant.now() + " ====\n");
    ProcessBuilder builder =
        new ProcessBuilder(command())
            .directory(logDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
    Process started;
    try {
      started = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch " + builder.command().get(0), e);
    }
    process = started;
    try {
      BrokerReadiness.await(
          options.host(),
          port,
          options.startupTimeout(),
          started::isAlive,
          () -> "\n" + outputSummary(launchOutput(outputOffset)));
    } catch (IllegalStateException e) {
      started.destroyForcibly();
      waitFor(started, STOP_TIMEOUT);
      throw new BrokerStartException(
          e.getMessage(), String.join("\n", launchOutput(outputOffset)), e);
    }
    log.info(
        "Kafka broker process {} (pid {}) ready in {} ms",
        bootstrapServers(),
        started.pid(),
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
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

  private void destroyForcibly() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
    }
  }

  private long outputSize() {
    try {
      return Files.exists(outputFile) ? Files.size(outputFile) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The lines the child wrote since {@code offset}, i.e. during this launch. */
  private List<String> launchOutput(long offset) {
    try (RandomAccessFile file = new RandomAccessFile(outputFile.toFile(), "r")) {
      long length = file.length();
      // Bounded so a verbose broker's megabytes of output cannot blow up an exception message.
      long from = Math.max(offset, length - OUTPUT_SCAN_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(cannot read " + outputFile + ": " + e + ")");
    }
  }

  /** The first ERROR line, which usually names the cause, then the last lines of this launch. */
  private String outputSummary(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(" ERROR ")) {
        text.append("first error: ").append(lines.get(i)).append('\n');
        // The exception lines up to its stack trace, which hold the message with the detail.
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("\tat "); j++) {
          text.append(lines.get(j)).append('\n');
        }
        break;
      }
    }
    text.append("---- last lines of ").append(outputFile).append(" ----\n");
    text.append(
        String.join(
            "\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size())));
    return text.toString();
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker to exit", e);
    }
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void appendString(Path file, String text) {
    try {
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  // A leftover temp dir is harmless, so a failed delete must not mask the real outcome.
  private static void deleteQuietly(Path dir) {
    try {
      Directories.deleteRecursively(dir);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not delete {}: {}", dir, e.toString());
    }
  }

  /** Carries the child's output so a lost free-port race can be told apart from other failures. */
  private static final class BrokerStartException extends IllegalStateException {
    private final transient String output;

    BrokerStartException(String message, String output, Throwable cause) {
      super(message, cause);
      this.output = output;
    }
  }

  /**
   * Settings of a {@link KafkaBrokerProcess}. Build with {@link #builder()}.
   *
   * @param host address both listeners bind to and the broker advertises
   * @param port client (PLAINTEXT) port; 0 picks a free one at start, kept across restarts
   * @param controllerPort KRaft controller port; 0 as for {@code port}
   * @param logDir directory for data, config and output; kept on close and reused by a later start.
   *     {@code null} means a temp directory that close deletes
   * @param brokerProperties extra broker properties applied over the sandbox defaults; the
   *     listener, quorum and log-dir keys are derived and rejected here
   * @param startupTimeout how long a start or restart may take before it fails
   */
  public record Options(
      String host,
      int port,
      int controllerPort,
      Path logDir,
      Map<String, String> brokerProperties,
      Duration startupTimeout) {

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public Options {
      brokerProperties =
          KraftProperties.validate(
              host, port, controllerPort, brokerProperties == null ? Map.of() : brokerProperties);
      Objects.requireNonNull(startupTimeout, "startupTimeout");
      if (startupTimeout.isNegative() || startupTimeout.isZero()) {
        throw new IllegalArgumentException(
            "startupTimeout must be positive, was " + startupTimeout);
      }
    }

    /** Free ports on 127.0.0.1, a temp log dir and a 60 s startup timeout. */
    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Mutable, single-use builder; validation happens in {@link #build()}. */
    public static final class Builder {
      private String host = EmbeddedKafkaConfig.DEFAULT_HOST;
      private int port;
      private int controllerPort;
      private Path logDir;
      private final Map<String, String> brokerProperties = new LinkedHashMap<>();
      private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

      private Builder() {}

      public Builder host(String host) {
        this.host = host;
        return this;
      }

      public Builder port(int port) {
        this.port = port;
        return this;
      }

      public Builder controllerPort(int controllerPort) {
        this.controllerPort = controllerPort;
        return this;
      }

      public Builder logDir(Path logDir) {
        this.logDir = logDir;
        return this;
      }

      public Builder brokerProperty(String key, String value) {
        brokerProperties.put(
            Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
        return this;
      }

      public Builder brokerProperties(Map<String, String> properties) {
        properties.forEach(this::brokerProperty);
        return this;
      }

      public Builder startupTimeout(Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
        return this;
      }

      public Options build() {
        return new Options(host, port, controllerPort, logDir, brokerProperties, startupTimeout);
      }
    }
  }
}
