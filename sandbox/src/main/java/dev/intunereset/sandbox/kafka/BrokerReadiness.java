package dev.intunereset.sandbox.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Polls a starting broker until it serves metadata, failing fast if it dies first. */
final class BrokerReadiness {

  private static final long POLL_MILLIS = 100;

  private BrokerReadiness() {}

  /**
   * Waits until {@code describeCluster} lists a broker. The TCP port is polled first because an
   * Admin pointed at a closed port logs a WARN per reconnect attempt, which would be most of the
   * output of a quiet test run.
   *
   * @param alive false once the broker can no longer become ready (e.g. its process exited)
   * @param diagnostics appended to the exception message, e.g. the tail of the broker's output
   * @throws IllegalStateException if the broker dies or is not ready within {@code timeout}
   */
  static void await(
      String host,
      int port,
      Duration timeout,
      BooleanSupplier alive,
      Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitPortOpen(host, port, deadline, alive, diagnostics);
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            host + ":" + port,
            AdminClientConfig.CLIENT_ID_CONFIG,
            "sandbox-readiness-" + port,
            // Short attempts so a broker that died is noticed within a second between them.
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            1_000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
            200);
    Exception lastFailure = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (true) {
        checkAlive(host, port, alive, diagnostics);
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          break;
        }
        try {
          Collection<Node> nodes =
              admin
                  .describeCluster(
                      new DescribeClusterOptions()
                          .timeoutMs((int) Math.min(remainingMillis, 1_000)))
                  .nodes()
                  .get();
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException e) {
          lastFailure = e;
        } catch (InterruptedException e) {
          throw interrupted(e);
        }
        sleep();
      }
    }
    throw new IllegalStateException(
        "broker at "
            + host
            + ":"
            + port
            + " not ready within "
            + timeout
            + (lastFailure == null ? "" : " (last error: " + lastFailure.getCause() + ")")
            + diagnostics.get(),
        lastFailure);
  }

  private static void awaitPortOpen(
      String host, int port, long deadline, BooleanSupplier alive, Supplier<String> diagnostics) {
    while (System.nanoTime() < deadline) {
      checkAlive(host, port, alive, diagnostics);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    throw new IllegalStateException(
        "broker port " + host + ":" + port + " did not open in time" + diagnostics.get());
  }

  private static void checkAlive(
      String host, int port, BooleanSupplier alive, Supplier<String> diagnostics) {
    if (!alive.getAsBoolean()) {
      throw new IllegalStateException(
          "broker at " + host + ":" + port + " stopped while starting" + diagnostics.get());
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static IllegalStateException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while waiting for the broker", e);
  }
}
