package dev.intunereset.sandbox.graph;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads: named so thread dumps of a sandbox run say what is the simulator; daemon so
 * a test that forgets {@code close()} cannot keep the JVM alive.
 */
final class NamedThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger sequence = new AtomicInteger();

  NamedThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + sequence.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
