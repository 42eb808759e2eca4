package dev.intunereset.worker.settlement;

import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ManagedDeviceInfo;
import dev.intunereset.worker.graph.ManagedDeviceInfo.ActionResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Graph answers for settlement tests: a device with action results, and read call facts. */
final class SettlementFixtures {
  static final GraphCallResult OK =
      new GraphCallResult(
          GraphCallResult.Kind.SUCCESS, 200, null, "ok", "g-1", "c-1", Optional.empty());
  static final GraphCallResult UNAVAILABLE =
      new GraphCallResult(
          GraphCallResult.Kind.HTTP_ERROR,
          503,
          "ServiceUnavailable",
          "Graph is busy",
          "g-2",
          "c-2",
          Optional.empty());
  static final GraphCallResult NOT_FOUND =
      new GraphCallResult(
          GraphCallResult.Kind.HTTP_ERROR,
          404,
          "ResourceNotFound",
          "no such device",
          "g-3",
          "c-3",
          Optional.empty());

  private SettlementFixtures() {}

  static ManagedDeviceInfo device(String id, ActionResult... actions) {
    return new ManagedDeviceInfo(
        id, "iOS", "17.1", "iPhone", "appleBulkWithUser", List.of(actions));
  }

  static ActionResult reset(String state, Instant started, Integer errorCode, Instant updated) {
    return new ActionResult("resetPasscode", state, started, Optional.empty(), errorCode, updated);
  }

  static ActionResult reset(String state, Instant started) {
    return reset(state, started, null, null);
  }
}
