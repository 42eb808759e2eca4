package dev.intunereset.sandbox.chaos;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.ReasonCode;
import dev.intunereset.contracts.RequestAccepted;
import dev.intunereset.contracts.RequestCompleted;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.SettleState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The outcome guarantees of a run, per device and per action: each device of a request has exactly
 * one outcome, for its request's action; Graph applied that action to it once at most (unless the
 * device reported it notSupported, when it changed nothing) and the other action never; every
 * request was accepted once and completed once, counting its devices.
 *
 * <p>One exception, which the broker causes: after the operator aborted a hanging transaction's
 * commit of dispatch's input offsets, dispatch redoes tasks whose outcomes are committed. A redone
 * device is looked up first and reported {@code ALREADY_RESET}, never sent its action again, so a
 * second outcome that says so is counted ({@link #redoneAfterAbort}), not a violation.
 */
final class OutcomeCheck {
  /** What Graph applied: the simulator's tally of effective POSTs of an action on a device. */
  @FunctionalInterface
  interface Applied {
    int count(Action action, String deviceId);
  }

  private final Map<UUID, Map<String, List<DeviceOutcome>>> outcomes = new HashMap<>();
  private final Map<UUID, List<RequestCompleted>> completions = new HashMap<>();
  private final Map<UUID, Integer> accepted = new HashMap<>();
  private final Map<Action, Integer> maxApplied = new EnumMap<>(Action.class);
  private final Set<String> notSupported = new HashSet<>();
  private int resentNotSupported;
  private int redoneAfterAbort;
  private int outcomeCount;
  private int alreadyReset;

  void see(ResultEvent event) {
    if (event instanceof DeviceOutcome o) {
      outcomeCount++;
      alreadyReset += o.reasonCode() == ReasonCode.ALREADY_RESET ? 1 : 0;
      outcomes
          .computeIfAbsent(o.requestId(), k -> new HashMap<>())
          .computeIfAbsent(o.deviceId(), k -> new ArrayList<>())
          .add(o);
    } else if (event instanceof RequestCompleted c) {
      completions.computeIfAbsent(c.requestId(), k -> new ArrayList<>()).add(c);
    } else if (event instanceof RequestAccepted a) {
      accepted.merge(a.requestId(), 1, Integer::sum);
    } else if (event instanceof DeviceSettled d && d.state() == SettleState.NOT_SUPPORTED) {
      notSupported.add(d.deviceId());
    }
  }

  int outcomes() {
    return outcomeCount;
  }

  int alreadyReset() {
    return alreadyReset;
  }

  /**
   * Devices sent their action more than once whose device reported it notSupported: no violation,
   * since nothing was applied (after {@link #violations}).
   */
  int resentNotSupported() {
    return resentNotSupported;
  }

  /** Devices with a second, ALREADY_RESET outcome after an aborted offset commit. */
  int redoneAfterAbort() {
    return redoneAfterAbort;
  }

  /**
   * The most times Graph applied {@code action} to one device of the run, leaving out devices that
   * reported it notSupported (after {@link #violations}).
   */
  int maxApplied(Action action) {
    return maxApplied.getOrDefault(action, 0);
  }

  /** RequestCompleted events per request, in publishing order. */
  Map<UUID, Integer> completionsPerRequest(List<ChaosRequest> requests) {
    Map<UUID, Integer> counts = new LinkedHashMap<>();
    requests.forEach(r -> counts.put(r.id(), completions.getOrDefault(r.id(), List.of()).size()));
    return counts;
  }

  /**
   * @param offsetsAborted the operator aborted a hanging transaction's commit of input offsets
   */
  List<String> violations(List<ChaosRequest> requests, Applied applied, boolean offsetsAborted) {
    List<String> violations = new ArrayList<>();
    for (ChaosRequest r : requests) {
      Map<String, List<DeviceOutcome>> byDevice = outcomes.getOrDefault(r.id(), Map.of());
      for (String d : r.devices()) {
        List<DeviceOutcome> seen = byDevice.getOrDefault(d, List.of());
        if (offsetsAborted && redoneAfterAbort(seen)) {
          redoneAfterAbort++;
          seen = seen.subList(0, 1);
        }
        List<Action> actions = seen.stream().map(o -> o.request().action()).toList();
        if (actions.size() != 1) {
          violations.add(
              "request " + r.id() + " device " + d + " has " + actions.size() + " outcomes");
        } else if (actions.get(0) != r.action()) {
          violations.add(
              "request "
                  + r.id()
                  + " device "
                  + d
                  + " has an outcome for "
                  + actions.get(0).graphName()
                  + ", not "
                  + r.action().graphName());
        }
        for (Action action : Action.values()) {
          int n = applied.count(action, d);
          boolean own = action == r.action();
          // A run the device reported notSupported changed nothing, so the worker may send the
          // action again after a crash (Reconciliation); Graph took it, the device did not.
          boolean noEffect = own && notSupported.contains(d);
          if (noEffect && n > 1) {
            resentNotSupported++;
          }
          if (own && !noEffect) {
            maxApplied.merge(action, n, Math::max);
          }
          if (own ? n > 1 && !noEffect : n > 0) {
            violations.add(
                "device "
                    + d
                    + " ("
                    + r.action().graphName()
                    + ") had "
                    + action.graphName()
                    + " applied "
                    + n
                    + " times");
          }
        }
      }
      checkRequest(r, violations);
    }
    return violations;
  }

  /** Two outcomes, the second the redo's: it found the first one's action and sent nothing. */
  private static boolean redoneAfterAbort(List<DeviceOutcome> seen) {
    return seen.size() == 2
        && seen.get(1).reasonCode() == ReasonCode.ALREADY_RESET
        && seen.get(1).attempts() == 0;
  }

  private void checkRequest(ChaosRequest r, List<String> violations) {
    int acceptances = accepted.getOrDefault(r.id(), 0);
    if (acceptances != 1) {
      violations.add("request " + r.id() + " accepted " + acceptances + " times");
    }
    List<RequestCompleted> done = completions.getOrDefault(r.id(), List.of());
    if (done.size() != 1) {
      violations.add("request " + r.id() + " has " + done.size() + " RequestCompleted");
    } else if (done.get(0).counts().total() != r.devices().size()) {
      violations.add(
          "request "
              + r.id()
              + " RequestCompleted counts "
              + done.get(0).counts()
              + " for "
              + r.devices().size()
              + " devices");
    } else if (Action.orDefault(done.get(0).action()) != r.action()) {
      // An event without action was written for a passcode reset (Action.orDefault).
      violations.add(
          "request "
              + r.id()
              + " completed as "
              + Action.orDefault(done.get(0).action()).graphName()
              + ", not "
              + r.action().graphName());
    }
  }
}
