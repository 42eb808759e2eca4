package dev.intunereset.sandbox.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Reads one {@code kafka-acls.sh --add} command line the way the tool does, for the options our
 * docs use: {@code --allow-principal}, {@code --operation} (repeatable), one of {@code --topic},
 * {@code --group}, {@code --transactional-id}, {@code --cluster}, and {@code
 * --resource-pattern-type}.
 */
final class AclCommand {
  private AclCommand() {}

  static List<AclBinding> parse(String line) {
    String[] words = line.trim().split("\\s+");
    String principal = null;
    List<AclOperation> operations = new ArrayList<>();
    ResourceType type = null;
    String name = null;
    PatternType pattern = PatternType.LITERAL;
    boolean add = false;
    for (int i = 1; i < words.length; i++) {
      switch (words[i]) {
        case "--add" -> add = true;
        case "--allow-principal" -> principal = words[++i];
        case "--operation" -> operations.add(operation(words[++i]));
        case "--topic" -> {
          type = ResourceType.TOPIC;
          name = words[++i];
        }
        case "--group" -> {
          type = ResourceType.GROUP;
          name = words[++i];
        }
        case "--transactional-id" -> {
          type = ResourceType.TRANSACTIONAL_ID;
          name = words[++i];
        }
        case "--cluster" -> {
          type = ResourceType.CLUSTER;
          name = "kafka-cluster";
        }
        case "--resource-pattern-type" ->
            pattern = PatternType.fromString(words[++i].toUpperCase(Locale.ROOT));
        case "--bootstrap-server", "--command-config" -> i++;
        default ->
            throw new IllegalArgumentException("unexpected word '" + words[i] + "' in " + line);
      }
    }
    if (!add || principal == null || type == null || operations.isEmpty()) {
      throw new IllegalArgumentException("incomplete kafka-acls.sh --add command: " + line);
    }
    List<AclBinding> out = new ArrayList<>();
    for (AclOperation op : operations) {
      out.add(
          new AclBinding(
              new ResourcePattern(type, name, pattern),
              new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
    }
    return out;
  }

  private static AclOperation operation(String word) {
    AclOperation op = AclOperation.fromString(word.replaceAll("([a-z])([A-Z])", "$1_$2"));
    if (op == AclOperation.UNKNOWN || op == AclOperation.ANY) {
      throw new IllegalArgumentException("unknown ACL operation " + word);
    }
    return op;
  }
}
