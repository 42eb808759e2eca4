package dev.intunereset.sandbox.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaBrokerProcessConfig config;
  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final BrokerJvm jvm;
  private final BrokerOutput output;
  private final Thread reaper;
  private int port;
  private volatile Process process;
  private boolean closed;

  private KafkaBrokerProcess(
      KafkaBrokerProcessConfig config, Path logDir, boolean deleteLogDirOnClose) {
    this.config = config;
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.jvm = new BrokerJvm(logDir);
    this.output = new BrokerOutput(jvm.outputFile());
    // A broker outliving the test JVM would hold its ports and confuse the next run.
    this.reaper = new Thread(this::destroyForcibly, "kafka-broker-reaper-" + logDir.getFileName());
  }

  /**
   * Formats the log dir (unless already formatted), launches the broker and waits until it serves
   * metadata.
   *
   * @throws IllegalStateException if the broker exits or is not ready within {@link
   *     KafkaBrokerProcessConfig#startupTimeout()}; the message holds the child's first error and
   *     last output lines
   */
  public static KafkaBrokerProcess start(KafkaBrokerProcessConfig config) {
    Objects.requireNonNull(config, "config");
    // StorageTool runs in this JVM and logs through its loggers.
    BrokerLogging.quietInProcessLoggers();
    boolean temp = config.logDir() == null;
    Path root =
        temp
            ? Directories.createTemp("kafka-broker-process-")
            : Directories.createDirectories(config.logDir());
    KafkaBrokerProcess broker = new KafkaBrokerProcess(config, root, temp);
    try {
      broker.firstLaunch();
      Runtime.getRuntime().addShutdownHook(broker.reaper);
      return broker;
    } catch (RuntimeException e) {
      broker.destroyForcibly();
      if (temp) {
        Directories.deleteQuietly(root);
      }
      throw e;
    }
  }

  private void firstLaunch() {
    FreePorts.start(
        config.host(),
        new int[] {config.port(), config.controllerPort()},
        ports -> {
          port = ports[0];
          jvm.configure(config.host(), port, ports[1], config.brokerProperties());
          launch();
          return this;
        },
        // The bind error is in the child's output; any other failure is not a lost port.
        e -> e instanceof BrokerStartException started ? started.output : null,
        "Kafka broker process");
  }

  /** {@code host:port} of the PLAINTEXT listener; the same across restarts. */
  public String bootstrapServers() {
    return config.host() + ":" + port;
  }

  /** Directory holding the broker's data, generated config and output; kept across restarts. */
  public Path logDir() {
    return logDir;
  }

  /** File the child's stdout and stderr are appended to, across restarts. */
  public Path outputFile() {
    return output.file();
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
        Directories.deleteQuietly(logDir);
      }
    }
  }

  @Override
  public String toString() {
    return "KafkaBrokerProcess[" + bootstrapServers() + ", logDir=" + logDir + "]";
  }

  private synchronized void launch() {
    long startNanos = System.nanoTime();
    output.beginLaunch("starting kafka.Kafka on " + bootstrapServers() + " at " + Instant.now());
    Process started = jvm.spawn();
    process = started;
    try {
      BrokerReadiness.await(
          config.host(),
          port,
          config.startupTimeout(),
          started::isAlive,
          () -> "\n" + output.launchSummary());
    } catch (IllegalStateException e) {
      started.destroyForcibly();
      waitFor(started, STOP_TIMEOUT);
      throw new BrokerStartException(e.getMessage(), output.launchText(), e);
    }
    log.info(
        "Kafka broker process {} (pid {}) ready in {} ms",
        bootstrapServers(),
        started.pid(),
        Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
  }

  private void destroyForcibly() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
    }
  }

  private static boolean waitFor(Process p, Duration timeout) {
    try {
      return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker to exit", e);
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
}
