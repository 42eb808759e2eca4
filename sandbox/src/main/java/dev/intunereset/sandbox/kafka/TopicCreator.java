package dev.intunereset.sandbox.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Idempotent topic creation that returns only once every partition has a leader. */
public final class TopicCreator {

  private static final short REPLICATION_FACTOR = 1;
  private static final long POLL_MILLIS = 50;

  private TopicCreator() {}

  /** Creates the topics (or checks that they exist as specified) and awaits their leaders. */
  public static void create(Admin admin, List<TopicSpec> topics, Duration timeout) {
    Objects.requireNonNull(topics, "topics");
    Map<String, TopicSpec> byName = new LinkedHashMap<>();
    for (TopicSpec spec : topics) {
      Objects.requireNonNull(spec, "topic spec");
      TopicSpec previous = byName.putIfAbsent(spec.name(), spec);
      if (previous != null && !previous.equals(spec)) {
        throw new IllegalArgumentException("conflicting specs for topic " + spec.name());
      }
    }
    if (byName.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();

    List<NewTopic> newTopics = new ArrayList<>();
    for (TopicSpec spec : byName.values()) {
      newTopics.add(
          new NewTopic(spec.name(), spec.partitions(), REPLICATION_FACTOR).configs(spec.configs()));
    }
    var futures = admin.createTopics(newTopics).values();
    List<TopicSpec> existing = new ArrayList<>();
    for (TopicSpec spec : byName.values()) {
      try {
        futures.get(spec.name()).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
        }
        existing.add(spec);
      } catch (TimeoutException e) {
        throw new IllegalStateException("creating topic " + spec.name() + " timed out", e);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
    }
    verifyExisting(admin, existing, deadline);
    awaitLeaders(admin, byName, deadline);
  }

  /** An existing topic counts as created only if it matches the spec; anything else is a bug. */
  private static void verifyExisting(Admin admin, List<TopicSpec> existing, long deadline) {
    if (existing.isEmpty()) {
      return;
    }
    Map<String, TopicDescription> descriptions =
        describeWhenKnown(admin, names(existing), deadline);
    List<ConfigResource> resources = new ArrayList<>();
    for (TopicSpec spec : existing) {
      resources.add(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
    }
    Map<ConfigResource, Config> configs =
        get(admin.describeConfigs(resources).all(), deadline, "describe topic configs");
    for (TopicSpec spec : existing) {
      int actualPartitions = descriptions.get(spec.name()).partitions().size();
      if (actualPartitions != spec.partitions()) {
        throw new IllegalStateException(
            "topic "
                + spec.name()
                + " already exists with "
                + actualPartitions
                + " partitions, requested "
                + spec.partitions());
      }
      Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
      for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
        ConfigEntry entry = actual.get(wanted.getKey());
        String actualValue = entry == null ? null : entry.value();
        if (!wanted.getValue().equals(actualValue)) {
          throw new IllegalStateException(
              "topic "
                  + spec.name()
                  + " already exists with "
                  + wanted.getKey()
                  + "="
                  + actualValue
                  + ", requested "
                  + wanted.getValue());
        }
      }
    }
  }

  /**
   * A created topic is committed by the controller before the broker's metadata cache sees it;
   * clients that race ahead get UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE, so wait here.
   */
  private static void awaitLeaders(Admin admin, Map<String, TopicSpec> topics, long deadline) {
    while (true) {
      Map<String, TopicDescription> descriptions =
          describeWhenKnown(admin, topics.keySet(), deadline);
      if (descriptions.values().stream().allMatch(TopicCreator::allPartitionsLed)) {
        return;
      }
      if (remainingMillis(deadline) == 0) {
        throw new IllegalStateException("topics " + topics.keySet() + " have no leaders in time");
      }
      sleep();
    }
  }

  private static boolean allPartitionsLed(TopicDescription description) {
    for (TopicPartitionInfo partition : description.partitions()) {
      if (partition.leader() == null || partition.leader().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, TopicDescription> describeWhenKnown(
      Admin admin, Collection<String> names, long deadline) {
    while (true) {
      try {
        return admin
            .describeTopics(names)
            .allTopicNames()
            .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || remainingMillis(deadline) == 0) {
          throw new IllegalStateException("cannot describe topics " + names, e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("describing topics " + names + " timed out", e);
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      sleep();
    }
  }

  private static <T> T get(KafkaFuture<T> future, long deadline, String what) {
    try {
      return future.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot " + what, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " timed out", e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static List<String> names(List<TopicSpec> specs) {
    List<String> names = new ArrayList<>();
    for (TopicSpec spec : specs) {
      names.add(spec.name());
    }
    return names;
  }

  private static long remainingMillis(long deadline) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static IllegalStateException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while creating topics", e);
  }
}
