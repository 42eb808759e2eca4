package dev.intunereset.sandbox.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.BrakeEngaged;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.BrakeReleased;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.ResultEvent;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.RequestPublisher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Does what docs/operations.md ("Releasing the fleet brake") tells the on-call engineer to do for
 * an approved reset larger than {@code FLEET_BRAKE_MAX_RESETS}: a chaos run is one, so each
 * engagement is released by its {@code brakeId} as soon as it is seen. That lets a run of any size
 * finish, and shows that a release works through worker kills and broker restarts: every release
 * must be answered by {@code BrakeReleased}.
 */
final class BrakeOperator implements AutoCloseable {
  static final String RELEASED_BY = "chaos-operator@contoso.com";
  private static final ObjectWriter CONTROL = new ObjectMapper().writerFor(ControlMessage.class);

  private final String bootstrapServers;
  private final Map<UUID, BrakeEngaged> engaged = new LinkedHashMap<>();
  private final Set<UUID> published = new HashSet<>();
  private final Set<UUID> released = new HashSet<>();
  private final List<String> actions = new ArrayList<>();
  private RequestPublisher publisher;

  BrakeOperator(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Notes engagements and releases; an event seen twice (a re-read feed) changes nothing. */
  void see(ResultEvent event) {
    if (event instanceof BrakeEngaged e && !released.contains(e.brakeId())) {
      engaged.putIfAbsent(e.brakeId(), e);
    } else if (event instanceof BrakeReleased r) {
      engaged.remove(r.brakeId());
      released.add(r.brakeId());
    }
  }

  /**
   * Publishes a release for each engagement seen and not yet released. A publish that fails (the
   * broker is being restarted) is tried again on the next call.
   */
  void act() {
    for (BrakeEngaged e : engaged.values()) {
      if (!published.contains(e.brakeId())) {
        release(e);
      }
    }
  }

  private void release(BrakeEngaged e) {
    BrakeRelease release =
        new BrakeRelease(
            ControlMessage.CURRENT_SCHEMA_VERSION,
            e.brakeId(),
            RELEASED_BY,
            "chaos run: an approved run larger than the fleet brake's limit");
    try {
      if (publisher == null) {
        publisher = new RequestPublisher(bootstrapServers, Topics.APPROVALS);
      }
      publisher.send(release.kafkaKey(), CONTROL.writeValueAsString(release));
      published.add(e.brakeId());
      actions.add(
          "released the fleet brake "
              + e.brakeId()
              + " of "
              + Action.orDefault(e.action()).graphName()
              + " (engaged at "
              + e.resetsInWindow()
              + " resets, limit "
              + e.maxResets()
              + ")");
    } catch (IllegalStateException | JsonProcessingException failed) {
      actions.add("could not release the fleet brake " + e.brakeId() + " yet: " + failed);
    }
  }

  /** No engagement seen is still waiting for its {@code BrakeReleased}. */
  boolean settled() {
    return engaged.isEmpty();
  }

  /** Engagements that a {@code BrakeReleased} answered. */
  int releases() {
    return released.size();
  }

  /** Engagements left unanswered: a release that did not work is a broken guarantee. */
  List<String> violations() {
    return engaged.values().stream()
        .map(
            e ->
                "the fleet brake "
                    + e.brakeId()
                    + " was never released ("
                    + (published.contains(e.brakeId())
                        ? "its release got no BrakeReleased"
                        : "no release could be published")
                    + ")")
        .toList();
  }

  List<String> actions() {
    return List.copyOf(actions);
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
  }
}
