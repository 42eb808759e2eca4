package dev.intunereset.sandbox;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.PasscodeStatus;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the stack, publishes the sample requests, prints every outcome as it arrives, then a
 * summary per request. Exits 0 once every request has completed (or been rejected, for the broken
 * sample), 1 if that does not happen within the timeout.
 */
@Command(
    name = "demo",
    description = "End-to-end run on the embedded stack; exits when every request is done.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--timeout",
      description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 180;

  @Option(names = "--verbose", description = "Show the worker's INFO logs.")
  boolean verbose;

  private final PrintStream out = System.out;
  private SandboxStack stack;
  private DemoRecipient recipient;

  @Override
  public Integer call() {
    Logging.quiet(verbose);
    long t0 = System.nanoTime();
    DemoRecipient recipient = DemoRecipient.create(DemoScenario.RECIPIENT);
    SandboxStack.Options options =
        SandboxStack.Options.defaults()
            .withWorkerEnv(DemoRecipient.workerEnv(recipient.publicJwks()));
    try (SandboxStack stack = SandboxStack.start(options)) {
      stack.startWorker();
      this.stack = stack;
      this.recipient = recipient;
      out.printf(
          "sandbox: Kafka %s, Graph simulator %s, worker metrics http://127.0.0.1:%d/metrics%n",
          stack.bootstrapServers(), stack.simulator().baseUrl(), stack.workers().get(0).opsPort());
      List<DemoScenario.Sample> samples = DemoScenario.samples();
      Map<UUID, DemoScenario.Sample> pending = new LinkedHashMap<>();
      try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
        for (DemoScenario.Sample s : samples) {
          publisher.send(s.requestId().toString(), s.json());
          pending.put(s.requestId(), s);
          out.printf("published %s  %s%n", s.requestId(), s.title());
        }
      }
      Map<UUID, String> summaries = new LinkedHashMap<>();
      Map<UUID, Integer> outcomes = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      try (ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
          for (ResultEvent e : feed.poll(Duration.ofMillis(200))) {
            print(e, pending, summaries, outcomes);
          }
        }
      }
      out.println();
      out.println("summary");
      for (DemoScenario.Sample s : samples) {
        out.printf(
            "  %-50s %s%n", s.title(), summaries.getOrDefault(s.requestId(), "NOT FINISHED"));
      }
      out.printf(
          "graph simulator saw %d calls; took %.1f s%n",
          stack.simulator().calls().size(), (System.nanoTime() - t0) / 1e9);
      if (!pending.isEmpty()) {
        out.printf("%d requests did not finish within %d s%n", pending.size(), timeoutSeconds);
        return 1;
      }
      return 0;
    }
  }

  private void print(
      ResultEvent e,
      Map<UUID, DemoScenario.Sample> pending,
      Map<UUID, String> summaries,
      Map<UUID, Integer> outcomes) {
    String req = e.requestId().toString().substring(0, 8);
    if (e instanceof RequestAccepted a) {
      out.printf(
          "[%s] accepted: %d devices, %s lane%s%n",
          req, a.deviceCount(), a.lane(), a.dryRun() ? ", dry run" : "");
    } else if (e instanceof DeviceOutcome o) {
      outcomes.merge(o.requestId(), 1, Integer::sum);
      out.printf(
          "[%s] %s %-9s %-17s %s%n",
          req,
          o.deviceId(),
          o.status(),
          o.reasonCode(),
          o.operatingSystem() == null ? "" : o.operatingSystem());
      if (o.passcode() != null && o.passcode().status() == PasscodeStatus.SEALED) {
        out.printf("[%s]   passcode: %s%n", req, recipient.check(o, stack.simulator()));
      }
    } else if (e instanceof RequestRejected r) {
      StringBuilder problems = new StringBuilder();
      r.problems()
          .forEach(
              p ->
                  problems
                      .append(problems.length() == 0 ? "" : "; ")
                      .append(p.field())
                      .append(": ")
                      .append(p.problem()));
      out.printf("[%s] REJECTED: %s%n", req, problems);
      summaries.put(r.requestId(), "REJECTED (" + r.problems().size() + " problems)");
      pending.remove(r.requestId());
    } else if (e instanceof RequestCompleted c) {
      var n = c.counts();
      String line =
          String.format(
              "%s: %d succeeded, %d failed, %d skipped, %d timed out",
              c.status(), n.succeeded(), n.failed(), n.skipped(), n.timedOut());
      out.printf("[%s] COMPLETED %s%n", req, line);
      summaries.put(c.requestId(), line);
      pending.remove(c.requestId());
    }
  }
}
