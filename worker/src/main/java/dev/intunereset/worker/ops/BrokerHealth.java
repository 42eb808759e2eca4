package dev.intunereset.worker.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Asks the brokers for the cluster description every few seconds on its own thread, so that
 * readiness reflects the broker connection without blocking the HTTP handler.
 */
public final class BrokerHealth implements AutoCloseable {
  private static final Duration INTERVAL = Duration.ofSeconds(3);

  private final Admin admin;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicReference<String> problem = new AtomicReference<>("not checked yet");
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Instant failingSince;

  public BrokerHealth(String bootstrapServers, Map<String, Object> overrides, Clock clock) {
    Map<String, Object> props = new java.util.HashMap<>(overrides);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-probe");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_500);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_500);
    this.admin = Admin.create(props);
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "broker-health");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(2_500))
          .nodes()
          .get(3, TimeUnit.SECONDS);
      problem.set(null);
      failingSince = null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (failingSince == null) {
        failingSince = clock.instant();
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      problem.set(describe(cause));
    }
  }

  private String describe(Throwable cause) {
    // Kafka's texts for these name the mechanism and the principal, never the password: worth
    // showing, since a wrong credential is the likeliest cause and it never heals on its own.
    if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
      return "refused since "
          + failingSince
          + ": "
          + cause.getClass().getSimpleName()
          + ": "
          + cause.getMessage();
    }
    return "unreachable since " + failingSince + ": " + cause.getClass().getSimpleName();
  }

  /** Null when the brokers answered the last check; otherwise why not. */
  public String problem() {
    return problem.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      scheduler.shutdownNow();
      admin.close(Duration.ofSeconds(2));
    }
  }
}
