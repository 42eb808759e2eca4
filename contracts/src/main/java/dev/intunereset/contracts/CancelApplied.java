package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Progress of a cancel, written by the dispatcher that owns {@code taskPartitions}: it knows of the
 * cancel, no reset of the request is under way there, and none will start. Once these cover every
 * task partition the request is {@link RequestCanceled}. Internal to the worker; consumers may
 * ignore it.
 *
 * @param requestId the request being canceled
 * @param taskPartitions the task partitions this dispatcher owned when it stopped
 * @param appliedAt when it stopped
 */
public record CancelApplied(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("taskPartitions") List<TaskPartition> taskPartitions,
    @JsonProperty("appliedAt") Instant appliedAt)
    implements ResultEvent {

  public CancelApplied {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(appliedAt, "appliedAt");
    taskPartitions = List.copyOf(taskPartitions);
    if (taskPartitions.isEmpty()) {
      throw new IllegalArgumentException("taskPartitions must not be empty");
    }
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.CANCEL_APPLIED;
  }

  /**
   * One partition of a device-task topic.
   *
   * @param topic the task topic
   * @param partition its partition number
   */
  public record TaskPartition(
      @JsonProperty("topic") String topic, @JsonProperty("partition") int partition) {
    public TaskPartition {
      Objects.requireNonNull(topic, "topic");
      if (partition < 0) {
        throw new IllegalArgumentException("partition must be >= 0, was " + partition);
      }
    }
  }
}
