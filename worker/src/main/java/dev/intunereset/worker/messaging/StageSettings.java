package dev.intunereset.worker.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link TransactionalStage} runs one stage.
 *
 * @param name the stage's name, in thread names, logs and readiness checks
 * @param groupId the consumer group reading {@code topics}
 * @param clientId the consumer's client id and static member id; also the transactional id
 * @param topics the topics read in the group
 * @param writes the topics the stage writes, named so that the wiring shows the flow
 * @param onAbort what an aborted transaction means for the input read so far
 * @param drainGrace how long a stop waits for {@link Stage#busy} work to be committed
 */
public record StageSettings(
    String name,
    String groupId,
    String clientId,
    List<String> topics,
    List<String> writes,
    int maxPollRecords,
    OnAbort onAbort,
    Duration drainGrace) {

  /** What follows an aborted transaction. */
  public enum OnAbort {
    /** Seek back to the committed offsets: the input is decided again. */
    REWIND,
    /** Keep reading on: the stage still holds its results and offers them again. */
    RETRY
  }

  public StageSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(clientId, "clientId");
    topics = List.copyOf(topics);
    writes = List.copyOf(writes);
    Objects.requireNonNull(onAbort, "onAbort");
    Objects.requireNonNull(drainGrace, "drainGrace");
    if (topics.isEmpty() || maxPollRecords < 1) {
      throw new IllegalArgumentException("a stage reads at least one topic, a record at a time");
    }
  }
}
