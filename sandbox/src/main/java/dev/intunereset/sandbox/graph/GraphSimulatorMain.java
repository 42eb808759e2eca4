package dev.intunereset.sandbox.graph;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link GraphSimulator} until the process is told to stop (SIGTERM / Ctrl-C).
 *
 * <p>Prints {@code GRAPH_SIMULATOR_URL=http://host:port/beta} on one line once it listens, so
 * scripts can wait for that line and read the URL from it, then {@code
 * GRAPH_SIMULATOR_ADMIN_URL=http://host:port/_sim/behavior}, the fault controls ({@link
 * SimulatorAdmin}).
 */
public final class GraphSimulatorMain {
  private GraphSimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorCommandLine options;
    try {
      options = SimulatorCommandLine.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("graph simulator: " + e.getMessage());
      System.err.println(SimulatorCommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(SimulatorCommandLine.USAGE);
      return;
    }
    GraphSimulator simulator;
    try {
      simulator = options.toBuilder().start();
    } catch (RuntimeException e) {
      System.err.println("graph simulator: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "graph-sim-shutdown"));
    System.out.println("GRAPH_SIMULATOR_URL=" + simulator.baseUrl());
    System.out.println("GRAPH_SIMULATOR_ADMIN_URL=" + simulator.adminUrl());
    System.out.flush();
    // The server's threads are daemons, so this thread is what keeps the process alive.
    stopped.await();
  }
}
