package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graph's budgets as Intune keeps them: per app per tenant ({@link SimulatorBehavior#writeLimit},
 * {@link SimulatorBehavior#anyLimit}) and per tenant across its apps ({@link
 * SimulatorBehavior#tenantWriteLimit}, {@link SimulatorBehavior#tenantAnyLimit}). A request is
 * admitted into both or neither; one tenant's budgets never touch another's.
 *
 * <p>A noisy neighbour is another app of the tenant that steadily spends part of every window of
 * the tenant-wide budgets: it lowers what the tenant's other apps can reach there, and nothing
 * else.
 */
final class TenantBudgets {
  private final Map<String, TenantBudget> byTenant = new ConcurrentHashMap<>();
  private final Map<String, Neighbour> neighbours = new ConcurrentHashMap<>();

  /** Admits the request (and counts it), or returns how long until every budget it needs frees. */
  Optional<Duration> tryAdmit(Instant now, GraphCaller caller, boolean write, SimulatorBehavior b) {
    Neighbour neighbour = neighbours.getOrDefault(caller.tenantId(), Neighbour.NONE);
    int tenantWrites = left(b.tenantWriteLimit(), neighbour.posts());
    int tenantAny = left(b.tenantAnyLimit(), neighbour.posts() + neighbour.reads());
    TenantBudget budget = byTenant.computeIfAbsent(caller.tenantId(), t -> new TenantBudget());
    synchronized (budget) {
      ThrottleGate app = budget.apps.computeIfAbsent(caller.appId(), a -> new ThrottleGate());
      Duration wait =
          ThrottleGate.max(
              app.waitFor(now, write, b.writeLimit(), b.anyLimit(), b.window()),
              budget.tenant.waitFor(now, write, tenantWrites, tenantAny, b.window()));
      if (!wait.isZero()) {
        return Optional.of(wait);
      }
      app.admit(now, write, b.writeLimit(), b.anyLimit());
      budget.tenant.admit(now, write, tenantWrites, tenantAny);
      return Optional.empty();
    }
  }

  /** From now on another app spends this much of every window of the tenant's budgets. */
  void noisyNeighbour(String tenantId, int postsPerWindow, int readsPerWindow) {
    if (postsPerWindow < 0 || readsPerWindow < 0) {
      throw new IllegalArgumentException(
          "a neighbour's posts and reads must be >= 0: " + postsPerWindow + ", " + readsPerWindow);
    }
    if (postsPerWindow == 0 && readsPerWindow == 0) {
      neighbours.remove(tenantId);
    } else {
      neighbours.put(tenantId, new Neighbour(postsPerWindow, readsPerWindow));
    }
  }

  /** What a limit leaves: 0 stays unlimited, and a limit spent to nothing is -1 (none left). */
  private static int left(int limit, int spentByNeighbour) {
    if (limit == 0) {
      return 0;
    }
    int rest = limit - spentByNeighbour;
    return rest > 0 ? rest : -1;
  }

  private static final class TenantBudget {
    final ThrottleGate tenant = new ThrottleGate();
    final Map<String, ThrottleGate> apps = new HashMap<>();
  }

  private record Neighbour(int posts, int reads) {
    static final Neighbour NONE = new Neighbour(0, 0);
  }
}
