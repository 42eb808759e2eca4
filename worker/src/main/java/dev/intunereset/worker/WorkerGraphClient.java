package dev.intunereset.worker;

import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.GraphGateways;
import java.time.Clock;

/**
 * The worker's own Graph client (the same SDK, token cache, call timeout and no SDK retries), so
 * that tools outside the worker, such as the bench's baselines, call Graph exactly as the worker
 * does without reaching into its internals.
 */
public final class WorkerGraphClient implements AutoCloseable {
  private final GraphGateway gateway;

  private WorkerGraphClient(GraphGateway gateway) {
    this.gateway = gateway;
  }

  /** Opens a client for the Graph settings of {@code config}, pooling up to that many sockets. */
  public static WorkerGraphClient open(WorkerConfig config, int maxConnections, Clock clock) {
    return new WorkerGraphClient(GraphGateways.create(config.graph(), maxConnections, clock));
  }

  /**
   * Resets one device's passcode; returns Graph's HTTP status, or 0 when no answer came. Blocks on
   * HTTP and never throws for HTTP or transport failures.
   */
  public int resetPasscode(String deviceId, String clientRequestId) {
    return gateway.resetPasscode(deviceId, clientRequestId).httpStatus();
  }

  /** Rotates one Windows device's BitLocker recovery keys; as {@link #resetPasscode}. */
  public int rotateBitLockerKeys(String deviceId, String clientRequestId) {
    return gateway.rotateBitLockerKeys(deviceId, clientRequestId).httpStatus();
  }

  @Override
  public void close() {
    gateway.close();
  }
}
