package dev.intunereset.sandbox.e2e;

import dev.intunereset.sandbox.stack.SandboxStack;

/**
 * One broker, one simulator and one worker per test JVM, as the house style asks: integration tests
 * isolate themselves by request id, not by restarting Kafka.
 */
final class SharedStack {
  private static SandboxStack stack;

  private SharedStack() {}

  static synchronized SandboxStack get() {
    if (stack == null) {
      stack = SandboxStack.start(SandboxStack.Options.defaults());
      stack.startWorker();
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-shutdown"));
    }
    return stack;
  }
}
