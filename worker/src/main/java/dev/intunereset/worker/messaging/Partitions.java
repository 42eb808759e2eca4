package dev.intunereset.worker.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where Kafka's default partitioner puts a key, for stages that meet a key on its partition. */
public final class Partitions {
  private Partitions() {}

  /** The partition Kafka's default partitioner gives this key among {@code partitions}. */
  public static int home(String key, int partitions) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
  }
}
