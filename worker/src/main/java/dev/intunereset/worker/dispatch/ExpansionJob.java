package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.dispatch.BudgetGate.Operation;
import dev.intunereset.worker.expansion.Expander;
import dev.intunereset.worker.expansion.ExpansionResult;
import dev.intunereset.worker.expansion.InMemoryClaims;
import dev.intunereset.worker.expansion.Read;
import dev.intunereset.worker.expansion.Selector;
import dev.intunereset.worker.expansion.SelectorOutcome;
import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import dev.intunereset.worker.task.ExpansionDone;
import dev.intunereset.worker.task.ExpansionDone.End;
import dev.intunereset.worker.task.ExpansionTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Expands a request's targets to devices, one listing page at a time through the gate (each page a
 * read under the read budget, retried as any lookup is), and answers with an {@link ExpansionDone}
 * published with the task's offset. Only reads: it can always be dropped and redone, which is how a
 * crash mid-expansion is survived (no device is lost, none is reset, since nothing is reset before
 * the answer is committed).
 */
final class ExpansionJob implements TaskJob {
  static final String EXPLICIT = "deviceIds";

  private final ExpansionTask task;
  private final JobContext ctx;
  private final Consumer<JobResult> onResult;
  private final Expander expander;
  // Device id → what is kept of it, in the order found: the request's own ids first.
  private final Map<String, ExpansionDone.Device> found = new LinkedHashMap<>();
  private GraphOperation current;
  private boolean settled;

  ExpansionJob(ExpansionTask task, JobContext ctx, Consumer<JobResult> onResult) {
    this.task = task;
    this.ctx = ctx;
    this.onResult = onResult;
    Map<String, String> own = new LinkedHashMap<>();
    for (String id : task.deviceIds()) {
      String lower = id.toLowerCase(Locale.ROOT);
      own.put(lower, EXPLICIT);
      found.put(lower, new ExpansionDone.Device(lower, EXPLICIT, null, null, null));
    }
    this.expander =
        Expander.start(
            task.selectors().stream().map(Selector::parse).toList(),
            InMemoryClaims.restore(own),
            this::claimed,
            Expander.DEFAULT_JOIN_CHUNK);
  }

  @Override
  public UUID requestId() {
    return task.requestId();
  }

  @Override
  public void start() {
    next();
  }

  private void claimed(Selector selector, List<ListedDevice> devices) {
    String label = selector.describe();
    for (ListedDevice d : devices) {
      String id = d.id().toLowerCase(Locale.ROOT);
      found.put(
          id,
          task.keepDetails()
              ? new ExpansionDone.Device(
                  id, label, d.deviceName(), d.operatingSystem(), d.userPrincipalName())
              : new ExpansionDone.Device(id, label, null, null, null));
    }
  }

  /** Sends the next read, or answers when there is none or the expansion must stop. */
  private synchronized void next() {
    if (settled) {
      return;
    }
    if (ctx.canceled().contains(requestId())) {
      finish(End.CANCELED, "the request was canceled while its targets were being expanded");
      return;
    }
    if (found.size() > task.maxDevices()) {
      finish(
          End.TOO_MANY_DEVICES,
          "the targets come to more than " + task.maxDevices() + " devices; expansion stopped");
      return;
    }
    if (expander.isDone()) {
      finish(End.EXPANDED, null);
      return;
    }
    Read read = expander.next().orElseThrow();
    AtomicReference<ListingPage<?>> page = new AtomicReference<>();
    current =
        new GraphOperation(
            ctx.calls(),
            task.lane(),
            Operation.READ,
            name(read),
            task.deadline(),
            task.traceparent(),
            crid -> {
              page.set(read.sendTo(ctx.calls().graph(), crid));
              return page.get().call();
            },
            r -> ended(r, page.get()));
    current.start();
  }

  private void ended(GraphOperation.Result r, ListingPage<?> page) {
    synchronized (this) {
      if (settled || r.end() == GraphOperation.End.ABANDONED) {
        return;
      }
      switch (r.end()) {
        case DEADLINE_BEFORE_START -> {
          finish(End.DEADLINE_EXCEEDED, "the deadline passed while the targets were expanded");
          return;
        }
        case CANCELED -> {
          finish(End.CANCELED, "the request was canceled while its targets were being expanded");
          return;
        }
        default -> {
          // A page that answered, or failed for good or after its retries: the expander decides.
          // A Progress.Retry names the same read next: it goes through the gate again, with
          // backoff, until the request's deadline.
          expander.feed(page != null ? page : ListingPage.failed(r.last()));
        }
      }
    }
    next();
  }

  private static String name(Read read) {
    if (read instanceof Read.ManagedDevices) {
      return "listManagedDevices";
    }
    if (read instanceof Read.UserDevices) {
      return "listUserManagedDevices";
    }
    return "listGroupTransitiveMembers";
  }

  private void finish(End end, String message) {
    settled = true;
    List<ExpansionDone.Selector> selectors = new ArrayList<>();
    int reads = expander.checkpoint().reads();
    if (expander.isDone()) {
      ExpansionResult result = expander.result();
      reads = result.reads();
      for (SelectorOutcome s : result.selectors()) {
        selectors.add(
            new ExpansionDone.Selector(
                s.selector(),
                s.status().name(),
                s.devices(),
                s.devices() + s.overlaps(),
                s.detail()));
      }
    }
    ExpansionDone done =
        new ExpansionDone(
            task.requestId(),
            task.request(),
            task.traceparent(),
            end,
            message,
            selectors,
            end == End.EXPANDED ? List.copyOf(found.values()) : List.of(),
            reads,
            ctx.calls().time().now());
    onResult.accept(JobResult.expanded(task.home(), done));
  }

  /** Reads only: the expansion can always be dropped, and the next owner redoes it. */
  @Override
  public synchronized boolean abandon() {
    settled = true;
    if (current != null) {
      current.abandon();
    }
    return true;
  }

  /** Ends at once, answering that the request was canceled; a read under way is dropped. */
  @Override
  public boolean cancel() {
    synchronized (this) {
      if (settled) {
        return true;
      }
      if (current != null) {
        current.abandon();
      }
      finish(End.CANCELED, "the request was canceled while its targets were being expanded");
    }
    return true;
  }

  @Override
  public boolean writing() {
    return false;
  }

  @Override
  public synchronized boolean isSettled() {
    return settled;
  }
}
