package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.ops.WorkerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link DeviceResetJob} shares: the Graph edge, the gate, time and policy; {@code
 * cooldown} is zero when the reset cooldown is off.
 */
record JobContext(
    GraphGateway graph,
    BudgetGate gate,
    ScheduledExecutorService scheduler,
    Backoff backoff,
    int maxAttempts,
    Clock clock,
    WorkerMetrics metrics,
    GraphHealth health,
    Duration reconcileSkew,
    Duration cooldown,
    PasscodeSettings passcode,
    PasscodeRecipients recipients) {}
