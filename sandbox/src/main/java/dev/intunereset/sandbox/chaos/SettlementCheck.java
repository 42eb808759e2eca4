package dev.intunereset.sandbox.chaos;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.DeviceOutcome;
import dev.intunereset.contracts.DeviceSettled;
import dev.intunereset.contracts.OutcomeStatus;
import dev.intunereset.contracts.RequestSettled;
import dev.intunereset.contracts.ResultEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The settlement guarantee of a run: every device whose action was accepted settles exactly once,
 * no other device settles, every request settles once, counting exactly those devices, and each
 * settlement names its request's action.
 */
final class SettlementCheck {
  private final Map<UUID, Set<String>> succeeded = new HashMap<>();
  private final Map<UUID, Map<String, Integer>> settled = new HashMap<>();
  private final Map<UUID, List<RequestSettled>> requests = new HashMap<>();
  private final Map<UUID, Set<Action>> actions = new HashMap<>();
  private int deviceSettlements;

  void see(ResultEvent event) {
    if (event instanceof DeviceOutcome o && o.status() == OutcomeStatus.SUCCEEDED) {
      succeeded.computeIfAbsent(o.requestId(), k -> new HashSet<>()).add(o.deviceId());
    } else if (event instanceof DeviceSettled d) {
      deviceSettlements++;
      settled
          .computeIfAbsent(d.requestId(), k -> new HashMap<>())
          .merge(d.deviceId(), 1, Integer::sum);
      named(d.requestId(), d.action());
    } else if (event instanceof RequestSettled r) {
      requests.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
      named(r.requestId(), r.action());
    }
  }

  private void named(UUID requestId, Action action) {
    actions
        .computeIfAbsent(requestId, k -> EnumSet.noneOf(Action.class))
        .add(Action.orDefault(action));
  }

  /** DeviceSettled events seen in all. */
  int deviceSettlements() {
    return deviceSettlements;
  }

  List<String> violations(List<ChaosRequest> chaosRequests) {
    List<String> violations = new ArrayList<>();
    for (ChaosRequest request : chaosRequests) {
      UUID id = request.id();
      actions.getOrDefault(id, Set.of()).stream()
          .filter(a -> a != request.action())
          .forEach(a -> violations.add("request " + id + " settled as " + a.graphName()));
      Set<String> followed = succeeded.getOrDefault(id, Set.of());
      Map<String, Integer> counts = settled.getOrDefault(id, Map.of());
      for (String device : followed) {
        int n = counts.getOrDefault(device, 0);
        if (n != 1) {
          violations.add("request " + id + " device " + device + " settled " + n + " times");
        }
      }
      counts.keySet().stream()
          .filter(d -> !followed.contains(d))
          .forEach(d -> violations.add("request " + id + " device " + d + " settled unfollowed"));
      List<RequestSettled> summaries = requests.getOrDefault(id, List.of());
      if (summaries.size() != 1) {
        violations.add("request " + id + " has " + summaries.size() + " RequestSettled");
      } else if (summaries.get(0).devices() != followed.size()) {
        violations.add(
            "request "
                + id
                + " RequestSettled counts "
                + summaries.get(0).counts()
                + " for "
                + followed.size()
                + " devices whose action was accepted");
      }
    }
    return violations;
  }
}
