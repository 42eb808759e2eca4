package dev.intunereset.worker;

import dev.intunereset.worker.config.ConfigException;
import dev.intunereset.worker.config.ConfigReader;
import dev.intunereset.worker.config.WorkerConfig;
import dev.intunereset.worker.trace.Tracing;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Process entry point: reads configuration, starts the worker, drains it on SIGTERM. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Worker worker;
    try {
      WorkerConfig config = ConfigReader.fromEnvironment();
      worker = Worker.start(config, Clock.systemUTC(), Tracing.fromEnvironment(System.getenv()));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  stopped.countDown();
                },
                "worker-shutdown"));
    stopped.await();
  }
}
