package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.task.DeviceTask;
import dev.intunereset.worker.task.ValidationTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The all-or-nothing half of the Terraform action's semantics: every device of the request is
 * checked before any is reset. If all pass, the result is one device task per device (marked
 * prevalidated, so they go straight to the reset); if any fails, no device is reset: the failing
 * devices get their reason and the others {@code SKIPPED / REQUEST_ABORTED}. A stale or recently
 * reset device is skipped, not failed, so it aborts nothing.
 */
final class ValidationJob implements TaskJob {
  private final ValidationTask validation;
  private final JobContext ctx;
  private final Consumer<JobResult> onResult;
  private final List<DeviceTask> tasks;
  private final DeviceCheck.Verdict[] verdicts;
  private final List<DeviceCheck> checks = new ArrayList<>();
  private final AtomicInteger remaining;
  private final AtomicBoolean settled = new AtomicBoolean();

  ValidationJob(ValidationTask validation, JobContext ctx, Consumer<JobResult> onResult) {
    this.validation = validation;
    this.ctx = ctx;
    this.onResult = onResult;
    this.tasks = validation.tasks();
    this.verdicts = new DeviceCheck.Verdict[tasks.size()];
    this.remaining = new AtomicInteger(tasks.size());
  }

  @Override
  public UUID requestId() {
    return validation.first().request().id();
  }

  @Override
  public void start() {
    if (ctx.canceled().contains(requestId())) {
      cancel();
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      int index = i;
      checks.add(
          new DeviceCheck(
              ctx.calls(),
              ctx.rules().policy(action(tasks.get(i))),
              tasks.get(i),
              v -> checked(index, v)));
    }
    checks.forEach(DeviceCheck::start);
  }

  private void checked(int index, DeviceCheck.Verdict verdict) {
    synchronized (verdicts) {
      verdicts[index] = verdict;
    }
    if (remaining.decrementAndGet() == 0) {
      finish();
    }
  }

  private void finish() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    DeviceCheck.Verdict[] all;
    synchronized (verdicts) {
      all = verdicts.clone();
    }
    int failed = 0;
    for (DeviceCheck.Verdict v : all) {
      if (v.abandoned()) {
        return;
      }
      if (!v.passed()) {
        failed++;
      }
    }
    Instant now = ctx.calls().time().now();
    DeviceTask first = validation.first();
    // A validation never resets, so nothing Graph shows can be this request's own attempt: no
    // clock-skew allowance, and earlier resets fall under the cooldown.
    Instant acceptedSince = first.request().acceptedAt();
    List<DeviceOutcome> outcomes = new ArrayList<>(tasks.size());
    if (failed == 0 && !first.options().dryRun()) {
      // Every device may be reset; the lookup just made also settles reconciliation and the
      // cooldown, so the follow-up tasks go straight to their POST.
      List<DeviceTask> followUps = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        ResetHistory.Decision d = history(all[i], acceptedSince, now, first);
        String os = all[i].device().operatingSystem();
        Optional<String> stale = stale(all[i], d, now, first);
        if (stale.isPresent()) {
          outcomes.add(staleOutcome(tasks.get(i), all[i], stale.get(), os, now));
        } else if (d.kind() == ResetHistory.Kind.PROCEED) {
          followUps.add(tasks.get(i).validated(os));
        } else {
          DeviceOutcome o =
              Outcomes.of(
                  tasks.get(i), d.status(), d.reason(), d.message(), null, 0, os, null, now);
          outcomes.add(
              d.kind() == ResetHistory.Kind.ALREADY_RESET && action(first).setsPasscode()
                  ? o.withPasscode(PasscodeRetrieval.notReadBack(tasks.get(i), os))
                  : o);
        }
      }
      onResult.accept(new JobResult(outcomes, followUps));
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      DeviceCheck.Verdict v = all[i];
      String os = v.device() == null ? null : v.device().operatingSystem();
      ResetHistory.Decision d =
          failed == 0 ? history(v, acceptedSince, now, first) : ResetHistory.Decision.PROCEED;
      Optional<String> stale = failed == 0 ? stale(v, d, now, first) : Optional.empty();
      if (!v.passed()) {
        outcomes.add(
            Outcomes.of(
                tasks.get(i), v.status(), v.reason(), v.message(), v.facts(), 0, os, null, now));
      } else if (failed > 0) {
        outcomes.add(
            Outcomes.of(
                tasks.get(i),
                OutcomeStatus.SKIPPED,
                ReasonCode.REQUEST_ABORTED,
                "not reset: "
                    + failed
                    + " of "
                    + tasks.size()
                    + " devices failed validation and ignorePartialFailures is false",
                null,
                0,
                os,
                null,
                now));
      } else if (stale.isPresent()) {
        outcomes.add(staleOutcome(tasks.get(i), v, stale.get(), os, now));
      } else if (d.kind() != ResetHistory.Kind.PROCEED) {
        outcomes.add(
            Outcomes.of(tasks.get(i), d.status(), d.reason(), d.message(), null, 0, os, null, now));
      } else {
        outcomes.add(
            Outcomes.of(
                tasks.get(i),
                OutcomeStatus.SKIPPED,
                ReasonCode.DRY_RUN,
                ResetHistory.dryRunMessage(action(first)),
                null,
                0,
                os,
                null,
                now));
      }
    }
    onResult.accept(new JobResult(outcomes, List.of()));
  }

  private static DeviceAction action(DeviceTask task) {
    return DeviceAction.of(task.request().action());
  }

  private ResetHistory.Decision history(
      DeviceCheck.Verdict v, Instant acceptedSince, Instant now, DeviceTask first) {
    return ResetHistory.decide(
        v.device(),
        action(first),
        acceptedSince,
        now,
        ctx.rules().cooldown(action(first)),
        first.options().force(),
        first.options().dryRun());
  }

  /** Staleness skips a device unless reconciliation found this request's own reset. */
  private Optional<String> stale(
      DeviceCheck.Verdict v, ResetHistory.Decision d, Instant now, DeviceTask first) {
    return d.kind() == ResetHistory.Kind.ALREADY_RESET
        ? Optional.empty()
        : StaleDevice.skip(v.device(), now, ctx.rules().staleDeviceAfter(), first.options());
  }

  private static DeviceOutcome staleOutcome(
      DeviceTask task, DeviceCheck.Verdict v, String message, String os, Instant now) {
    return Outcomes.of(
        task, OutcomeStatus.SKIPPED, ReasonCode.STALE_DEVICE, message, v.facts(), 0, os, null, now);
  }

  /** Lookups change nothing in Graph, so a validation can always be dropped and redone. */
  @Override
  public boolean abandon() {
    settled.set(true);
    checks.forEach(DeviceCheck::abandon);
    return true;
  }

  /** A validation only reads: every device of it ends canceled, at once. */
  @Override
  public boolean cancel() {
    if (!settled.compareAndSet(false, true)) {
      return true;
    }
    checks.forEach(DeviceCheck::abandon);
    Instant now = ctx.calls().time().now();
    List<DeviceOutcome> outcomes = new ArrayList<>(tasks.size());
    for (DeviceTask task : tasks) {
      outcomes.add(
          Outcomes.of(
              task,
              OutcomeStatus.SKIPPED,
              ReasonCode.REQUEST_CANCELED,
              "not reset: the request was canceled while its devices were being validated",
              null,
              0,
              task.operatingSystem(),
              null,
              now));
    }
    onResult.accept(new JobResult(outcomes, List.of()));
    return true;
  }

  @Override
  public boolean writing() {
    return false;
  }

  @Override
  public boolean isSettled() {
    return settled.get();
  }
}
