package dev.intunereset.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.graph.DeviceInventory;
import dev.intunereset.sandbox.graph.RecordedCall;
import dev.intunereset.sandbox.graph.SimulatorBehavior;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Budget, throttling, outage and fairness behaviour, each against its own broker, a simulator
 * enforcing Intune's sliding-window budget (scaled down to 50 POSTs per 2 s) and workers configured
 * with the same budget.
 */
class DispatchResilienceIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(150);
  private static final int BUDGET = 50;
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final List<String> ANDROID = DeviceInventory.firstResettableAndroidIds(2_000);
  private static final String NO_LOOKUP =
      "\"validateDeviceExists\":false,\"ignorePartialFailures\":true";

  private SandboxStack stack;

  private static Map<String, String> budgetEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("GRAPH_WRITE_BUDGET", Integer.toString(BUDGET));
    env.put("GRAPH_READ_BUDGET", Integer.toString(BUDGET * 10));
    env.put("GRAPH_BUDGET_WINDOW", "2s");
    env.put("DISPATCH_RETRY_BASE_DELAY", "200ms");
    env.put("DISPATCH_RETRY_MAX_DELAY", "5s");
    // These tests measure the write budget on the lookup-free path (validateDeviceExists=false),
    // which the reset cooldown would turn into a GET before every POST.
    env.put("RESET_COOLDOWN", "0s");
    return env;
  }

  private void start(SimulatorBehavior behavior, Map<String, String> env, int workers) {
    stack = SandboxStack.start(SandboxStack.Options.defaults().withWorkerEnv(env));
    stack.simulator().behavior(behavior);
    for (int i = 1; i <= workers; i++) {
      stack.startWorker("dispatch-it-" + i, Map.of());
    }
  }

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static SimulatorBehavior intuneLike(double retryAfterOmitted) {
    return SimulatorBehavior.builder()
        .throttle(BUDGET, BUDGET * 10, WINDOW)
        .retryAfterOmittedRatio(retryAfterOmitted)
        .latency(Duration.ofMillis(30), Duration.ofMillis(20))
        .build();
  }

  private List<RecordedCall> posts() {
    return stack.simulator().calls().stream()
        .filter(c -> c.operation().equals(RecordedCall.RESET_PASSCODE))
        .toList();
  }

  /** Most POSTs that arrived within any window of the simulator's length. */
  private int busiestWindow() {
    List<Instant> at = posts().stream().map(RecordedCall::at).sorted().toList();
    int max = 0;
    int from = 0;
    for (int to = 0; to < at.size(); to++) {
      while (!at.get(from).isAfter(at.get(to).minus(WINDOW))) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /** POSTs per second between the 10th and the last POST, divided by the budget rate. */
  private double budgetUse() {
    List<Instant> at = posts().stream().map(RecordedCall::at).sorted().toList();
    Instant first = at.get(10);
    Instant last = at.get(at.size() - 1);
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    double rate = (at.size() - 11) / seconds;
    return rate / (BUDGET / (WINDOW.toNanos() / 1e9));
  }

  private RequestRun runBulk(int from, int count) {
    UUID id = UUID.randomUUID();
    return new RequestRun(stack.bootstrapServers())
        .publishAndAwait(
            Set.of(id),
            TIMEOUT,
            RequestRun.request(id, ANDROID.subList(from, from + count), NO_LOOKUP));
  }

  private static void assertAllSucceeded(RequestRun run, int count) {
    List<DeviceOutcome> outcomes = run.outcomes(run.acceptedIds().iterator().next());
    assertThat(outcomes).hasSize(count).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
  }

  @Test
  void aRunMatchedToTheBudgetIsNeverThrottled() {
    start(intuneLike(0.0), budgetEnv(), 1);

    RequestRun run = runBulk(0, 300);

    assertAllSucceeded(run, 300);
    assertThat(stack.simulator().throttledCount()).isZero();
    assertThat(busiestWindow()).isLessThanOrEqualTo(BUDGET);
    System.out.printf("budget use (POST/s / budget rate): %.3f%n", budgetUse());
    assertThat(budgetUse()).as("the budget is used, not just respected").isGreaterThan(0.8);
  }

  @Test
  void a429StormWithAndWithoutRetryAfterStillCompletesEveryDeviceOnce() {
    Map<String, String> env = budgetEnv();
    // The worker believes in twice the budget Graph grants: only 429s can teach it otherwise.
    env.put("GRAPH_WRITE_BUDGET", Integer.toString(BUDGET * 2));
    env.put("DISPATCH_MAX_ATTEMPTS", "30");
    start(intuneLike(0.5), env, 1);

    RequestRun run = runBulk(0, 300);

    assertAllSucceeded(run, 300);
    assertThat(stack.simulator().throttledCount()).isPositive();
    assertThat(ANDROID.subList(0, 300)).allMatch(d -> stack.simulator().postCount(d) == 1);
    long throttled = stack.simulator().throttledCount();
    System.out.printf("429 storm: %d throttled of %d POSTs%n", throttled, posts().size());
    assertThat(throttled).as("adaptive slow-down keeps 429s a minority").isLessThan(300);
  }

  @Test
  void anOutagePausesConsumptionThenEveryDeviceCompletes() throws Exception {
    Map<String, String> env = budgetEnv();
    env.put("CIRCUIT_OPEN_DURATION", "3s");
    start(SimulatorBehavior.builder().latency(Duration.ofMillis(20)).build(), env, 1);
    Worker worker = stack.workers().get(0);
    AtomicBoolean sawOpen = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                if (worker
                    .readiness()
                    .checks()
                    .getOrDefault("graph.circuit", "")
                    .startsWith("open")) {
                  sawOpen.set(true);
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();
    UUID id = UUID.randomUUID();
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      stack.simulator().outageFor(Duration.ofSeconds(30));
      publisher.send(
          id.toString(),
          RequestRun.request(id, ANDROID.subList(0, 200), NO_LOOKUP + ",\"timeout\":\"5m\""));
    }
    RequestRun run = new RequestRun(stack.bootstrapServers()).await(Set.of(id), TIMEOUT);
    watcher.interrupt();

    assertThat(run.outcomes(id)).hasSize(200).allMatch(o -> o.status() == OutcomeStatus.SUCCEEDED);
    assertThat(sawOpen).as("readiness reported the open circuit").isTrue();
    long failedCalls = stack.simulator().calls().stream().filter(c -> c.status() == 503).count();
    System.out.printf("outage: %d calls hit the 30 s outage for 200 devices%n", failedCalls);
    assertThat(failedCalls)
        .as("the breaker stops calls instead of burning retries")
        .isLessThan(100);
    assertThat(ANDROID.subList(0, 200)).allMatch(d -> stack.simulator().postCount(d) == 1);
  }

  /** Waits until the workers have split every task partition between them. */
  private void awaitAssignmentSettled() throws InterruptedException {
    Pattern owns = Pattern.compile("(\\d+) of (\\d+) task partitions");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<Matcher> shares =
          stack.workers().stream()
              .map(w -> owns.matcher(w.readiness().checks().getOrDefault("kafka.assignment", "")))
              .filter(Matcher::matches)
              .toList();
      int owned = shares.stream().mapToInt(m -> Integer.parseInt(m.group(1))).sum();
      if (shares.size() == stack.workers().size()
          && owned == Integer.parseInt(shares.get(0).group(2))) {
        return;
      }
      assertThat(System.nanoTime())
          .as("task partitions split between workers")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void twoWorkersInOneGroupTogetherStayWithinOneBudget() throws Exception {
    start(intuneLike(0.0), budgetEnv(), 2);
    // The claim is about two settled members; a member joining mid-run is RebalanceIT's subject.
    awaitAssignmentSettled();

    RequestRun run = runBulk(0, 300);

    assertAllSucceeded(run, 300);
    assertThat(stack.simulator().throttledCount()).isZero();
    assertThat(busiestWindow()).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void aOneDeviceTicketOvertakesARunningMassReset() throws Exception {
    start(intuneLike(0.0), budgetEnv(), 1);
    UUID bulk = UUID.randomUUID();
    UUID ticket = UUID.randomUUID();
    List<UUID> completionOrder = new ArrayList<>();
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers());
        ResultsFeed feed = new ResultsFeed(stack.bootstrapServers())) {
      publisher.send(bulk.toString(), RequestRun.request(bulk, ANDROID.subList(0, 400), NO_LOOKUP));
      int bulkOutcomes = 0;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      boolean ticketSent = false;
      while (completionOrder.size() < 2 && System.nanoTime() < deadline) {
        for (ResultEvent e : feed.poll(Duration.ofMillis(100))) {
          if (e instanceof DeviceOutcome o && o.requestId().equals(bulk)) {
            bulkOutcomes++;
          }
          if (e instanceof RequestCompleted c) {
            completionOrder.add(c.requestId());
          }
        }
        // Once the mass reset is well under way (and its backlog queued), the ticket arrives.
        if (!ticketSent && bulkOutcomes >= 50) {
          publisher.send(
              ticket.toString(), RequestRun.request(ticket, ANDROID.subList(500, 501), ""));
          ticketSent = true;
        }
      }
    }
    assertThat(completionOrder).containsExactly(ticket, bulk);
  }

  @Test
  void aRefusedTokenMakesTheWorkerNotReadyWithoutFailingDevices() {
    Map<String, String> env = budgetEnv();
    env.put("GRAPH_STATIC_TOKEN", "not-the-token");
    start(SimulatorBehavior.perfect(), env, 1);
    Worker worker = stack.workers().get(0);
    UUID id = UUID.randomUUID();
    List<String> devices = ANDROID.subList(0, 3);
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      publisher.send(
          id.toString(),
          RequestRun.request(id, devices, "\"ignorePartialFailures\":true,\"timeout\":\"6s\""));
    }
    String auth = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (auth.equals("") || auth.equals("ok")) {
      auth = worker.readiness().checks().getOrDefault("graph.auth", "");
      assertThat(System.nanoTime()).as("readiness reports the auth problem").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(worker.readiness().ready()).isFalse();
    assertThat(auth).doesNotContain("not-the-token");

    RequestRun run = new RequestRun(stack.bootstrapServers()).await(Set.of(id), TIMEOUT);

    // Nobody's device is failed for the app's credential problem: they run out of time instead.
    assertThat(run.outcomes(id))
        .hasSize(3)
        .allSatisfy(
            o -> {
              assertThat(o.status()).isEqualTo(OutcomeStatus.TIMED_OUT);
              assertThat(o.attempts()).isZero();
            });
    assertThat(posts()).isEmpty();
  }
}
