package dev.intunereset.worker;

import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.expansion.Checkpoint;
import dev.intunereset.worker.expansion.Expander;
import dev.intunereset.worker.expansion.ExpansionResult;
import dev.intunereset.worker.expansion.InMemoryClaims;
import dev.intunereset.worker.expansion.PageSource;
import dev.intunereset.worker.expansion.Progress;
import dev.intunereset.worker.expansion.Selector;
import dev.intunereset.worker.expansion.SelectorOutcome;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.GraphGateways;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

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

  /**
   * Expands device selectors ({@code user:…}, {@code group:…}, {@code deviceName:…}, {@code
   * serialNumber:…}, {@code filter:…}) as the worker's expansion does, failing closed, and hands
   * each device's id and the label of the selector that claimed it to {@code devices}, page by
   * page. It goes straight to Graph with no read budget and stops at the first read worth retrying;
   * for previews, the bench and tests. Blocks on HTTP.
   *
   * @param joinChunk the most group member ids held before the fleet is scanned for them
   * @throws IllegalArgumentException when a selector is not one the worker accepts
   */
  public TargetExpansion expandTargets(
      List<String> selectors, int joinChunk, BiConsumer<String, String> devices) {
    List<Selector> parsed = selectors.stream().map(Selector::parse).toList();
    InMemoryClaims claims = new InMemoryClaims();
    Expander expander =
        Expander.start(
            parsed,
            claims,
            (selector, claimed) -> {
              String label = selector.describe();
              claimed.forEach(d -> devices.accept(d.id(), label));
            },
            joinChunk);
    PageSource graph = PageSource.of(gateway, () -> "expand-" + UUID.randomUUID());
    while (!expander.isDone()) {
      if (expander.step(graph) instanceof Progress.Retry retry) {
        GraphCallResult call = retry.call();
        Checkpoint at = expander.checkpoint();
        return new TargetExpansion(
            at.finished().stream().map(WorkerGraphClient::report).toList(),
            claims.size(),
            at.reads(),
            0,
            Optional.of("HTTP " + call.httpStatus() + " " + call.kind() + ": " + call.message()));
      }
    }
    ExpansionResult r = expander.result();
    return new TargetExpansion(
        r.selectors().stream().map(WorkerGraphClient::report).toList(),
        r.total(),
        r.reads(),
        r.peakMembersHeld(),
        Optional.empty());
  }

  private static TargetExpansion.SelectorReport report(SelectorOutcome s) {
    return new TargetExpansion.SelectorReport(
        s.selector(), s.status().name(), s.devices(), s.overlaps(), s.detail());
  }

  @Override
  public void close() {
    gateway.close();
  }
}
