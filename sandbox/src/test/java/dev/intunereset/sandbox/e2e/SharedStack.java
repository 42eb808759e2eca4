package dev.intunereset.sandbox.e2e;

import dev.intunereset.sandbox.stack.SandboxStack;
import java.util.Map;

/**
 * One broker, one simulator and one worker per test JVM, as the house style asks: integration tests
 * isolate themselves by request id, not by restarting Kafka.
 */
final class SharedStack {
  private static SandboxStack stack;

  private SharedStack() {}

  static synchronized SandboxStack get() {
    if (stack == null) {
      // Tests here count each device's GETs right after its request completes; settlement's first
      // read must not fall in between, however slow the machine (SettlementIT reads early).
      stack =
          SandboxStack.start(
              SandboxStack.Options.defaults().withWorkerEnv(Map.of("SETTLE_FIRST_CHECK", "1h")));
      stack.startWorker();
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
    }
    return stack;
  }
}
