package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.guard.BrakeTopic;
import dev.intunereset.worker.messaging.KafkaClients;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the fleet brakes for the dispatcher. While an action's brake is engaged none of its bulk
 * calls starts: they wait in the gate, and their tasks stay uncommitted, so nothing fails and
 * nothing is lost; a task whose deadline passes meanwhile ends TIMED_OUT as usual. Other actions go
 * on; tasks behind held ones in a partition wait for them, as offsets commit in order, until the
 * partition's in-flight limit pauses it. Interactive work is not braked: a one-device ticket cannot
 * be a runaway, and the helpdesk must keep working.
 */
final class BrakeFollower {
  private static final Logger log = LoggerFactory.getLogger(DispatchStage.class);

  private final BudgetGate gate;
  private BrakeTopic topic;
  private List<Action> engaged = List.of();

  BrakeFollower(BudgetGate gate) {
    this.gate = gate;
  }

  /** Reads the brakes before the first poll: a restarted replica must not start held bulk work. */
  void open(KafkaClients clients, String brakeTopic, String clientId) {
    topic = BrakeTopic.open(clients, brakeTopic, clientId);
    engaged = topic.engaged();
    gate.brake(names(engaged));
  }

  /** Takes in a change of the brakes, if any. */
  void poll() {
    if (topic == null) {
      return;
    }
    topic.poll();
    List<Action> now = topic.engaged();
    if (now.equals(engaged)) {
      return;
    }
    for (Action action : now) {
      if (!engaged.contains(action)) {
        log.warn(
            "fleet brake {} engaged: holding bulk {} calls until an operator releases it",
            topic.state(action).brakeId(),
            action.graphName());
      }
    }
    for (Action action : engaged) {
      if (!now.contains(action)) {
        log.info("fleet brake of {} released: resuming its bulk calls", action.graphName());
      }
    }
    engaged = now;
    gate.brake(names(now));
  }

  /** Whether any action's brake is engaged. */
  boolean anyEngaged() {
    return !engaged.isEmpty();
  }

  private static Set<String> names(List<Action> actions) {
    return actions.stream().map(Action::graphName).collect(Collectors.toSet());
  }

  void close(KafkaClients clients) {
    if (topic != null) {
      topic.close(clients);
      topic = null;
    }
  }
}
