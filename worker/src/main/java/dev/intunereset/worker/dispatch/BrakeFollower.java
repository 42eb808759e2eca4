package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.guard.BrakeTopic;
import dev.intunereset.worker.messaging.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the fleet brake for the dispatcher. While it is engaged no bulk reset starts: bulk
 * partitions are paused and bulk writes already queued wait in the gate. Their tasks stay
 * uncommitted, so nothing fails and nothing is lost; a task whose deadline passes meanwhile ends
 * TIMED_OUT as usual. Interactive work is not braked: a one-device ticket cannot be a runaway, and
 * the helpdesk must keep working.
 */
final class BrakeFollower {
  private static final Logger log = LoggerFactory.getLogger(DispatchStage.class);

  private final BudgetGate gate;
  private BrakeTopic topic;
  private boolean engaged;

  BrakeFollower(BudgetGate gate) {
    this.gate = gate;
  }

  /** Reads the brake before the first poll: a restarted replica must not start held bulk work. */
  void open(KafkaClients clients, String brakeTopic, String clientId) {
    topic = BrakeTopic.open(clients, brakeTopic, clientId);
    gate.brake(topic.state().engaged());
    engaged = gate.braked();
  }

  /** Takes in a change of the brake, if any; returns whether it is engaged. */
  boolean poll() {
    boolean now = topic != null && topic.poll().engaged();
    if (now != engaged) {
      engaged = now;
      gate.brake(now);
      if (now) {
        log.warn(
            "fleet brake {} engaged: holding bulk resets until an operator releases it",
            topic.state().brakeId());
      } else {
        log.info("fleet brake released: resuming bulk resets");
      }
    }
    return engaged;
  }

  boolean engaged() {
    return engaged;
  }

  void close(KafkaClients clients) {
    if (topic != null) {
      topic.close(clients);
      topic = null;
    }
  }
}
