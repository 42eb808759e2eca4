package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The devices a request selects by what its sender knows (a user, a group, a device name, a serial
 * number, a filter) rather than by managed-device id; the worker expands every selector into
 * managed devices, and checks each device it is given against it, before it acts on any.
 *
 * <p>Only structural invariants are enforced here: absent lists are empty, and no element is null.
 * The rules on values and the limits below are {@link RequestParser}'s, which also normalizes:
 * every value trimmed, users lower-cased, duplicates folded (device names case-insensitively,
 * keeping the first spelling). Empty lists and a null filter are left out of the JSON.
 *
 * @param users user principal names ({@code alice@contoso.com}) or user object ids (GUIDs): the
 *     managed devices of each user
 * @param groups Entra group object ids: the managed devices that are the group's transitive device
 *     members (joined on {@code azureADDeviceId}), and those of its transitive user members
 * @param deviceNames managed devices whose {@code deviceName} equals one, ignoring case
 * @param serialNumbers managed devices whose {@code serialNumber} equals one exactly
 * @param filter an OData filter over managed devices, whose grammar the worker checks, or {@code
 *     null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Targets(
    @JsonProperty("users") List<String> users,
    @JsonProperty("groups") List<UUID> groups,
    @JsonProperty("deviceNames") List<String> deviceNames,
    @JsonProperty("serialNumbers") List<String> serialNumbers,
    @JsonProperty("filter") String filter) {

  /**
   * Most selectors one request may hold, counting each list entry as sent and the filter as one:
   * each costs at least one Graph read, and a longer list is a job for several requests.
   */
  public static final int MAX_SELECTORS = 100;

  /**
   * Longest user, in characters: the longest {@code userPrincipalName} Entra ID allows (Graph's
   * cloudPC resource states it, after Entra ID's username policies); a user object id is 36.
   */
  public static final int MAX_USER_LENGTH = 113;

  /**
   * Longest device name, in characters: Entra ID's limit on a device's {@code displayName} (Graph's
   * device resource). Graph documents none for a managed device's {@code deviceName}.
   */
  public static final int MAX_DEVICE_NAME_LENGTH = 256;

  /**
   * Longest serial number, in characters. Graph documents no limit for a managed device's {@code
   * serialNumber}; real ones are far shorter, so this only bounds what a request may carry.
   */
  public static final int MAX_SERIAL_NUMBER_LENGTH = 128;

  /**
   * Longest filter, in characters: it travels in the query string of a Graph URL, and every clause
   * the worker allows fits many times over.
   */
  public static final int MAX_FILTER_LENGTH = 2048;

  /** The label of the devices a request lists in {@code deviceIds}. */
  public static final String EXPLICIT = "deviceIds";

  private static final String USER = "user:";
  private static final String GROUP = "group:";
  private static final String DEVICE_NAME = "deviceName:";
  private static final String SERIAL_NUMBER = "serialNumber:";
  private static final String FILTER = "filter:";

  /** Longest label: {@code filter:} and the longest filter. */
  public static final int MAX_LABEL_LENGTH = FILTER.length() + MAX_FILTER_LENGTH;

  public Targets {
    users = copy(users);
    groups = copy(groups);
    deviceNames = copy(deviceNames);
    serialNumbers = copy(serialNumbers);
  }

  private static <T> List<T> copy(List<T> list) {
    // Copied so that a caller's later change cannot alter an accepted request; rejects nulls.
    return list == null ? List.of() : List.copyOf(list);
  }

  /** How many selectors there are: one per list entry, and the filter. */
  @JsonIgnore
  public int selectorCount() {
    return users.size()
        + groups.size()
        + deviceNames.size()
        + serialNumbers.size()
        + (filter == null ? 0 : 1);
  }

  /**
   * The label of every selector, in a fixed order (users, groups, device names, serial numbers, the
   * filter, each list in its own order): what {@link RequestExpanded} counts by and {@link
   * DeviceOutcome#selector()} names.
   */
  @JsonIgnore
  public List<String> labels() {
    List<String> labels = new ArrayList<>(selectorCount());
    users.forEach(u -> labels.add(userLabel(u)));
    groups.forEach(g -> labels.add(groupLabel(g)));
    deviceNames.forEach(n -> labels.add(deviceNameLabel(n)));
    serialNumbers.forEach(s -> labels.add(serialNumberLabel(s)));
    if (filter != null) {
      labels.add(filterLabel(filter));
    }
    return List.copyOf(labels);
  }

  /** {@code user:} and the user as the request names it, e.g. {@code user:alice@contoso.com}. */
  public static String userLabel(String user) {
    return USER + user;
  }

  /** {@code group:} and the group id in lower case. */
  public static String groupLabel(UUID group) {
    return GROUP + group;
  }

  /** {@code deviceName:} and the name as the request spells it. */
  public static String deviceNameLabel(String deviceName) {
    return DEVICE_NAME + deviceName;
  }

  /** {@code serialNumber:} and the serial number. */
  public static String serialNumberLabel(String serialNumber) {
    return SERIAL_NUMBER + serialNumber;
  }

  /** {@code filter:} and the filter text. */
  public static String filterLabel(String filter) {
    return FILTER + filter;
  }

  /** Whether {@code label} names a user or a group, the selectors Graph can answer 404 for. */
  static boolean namesUserOrGroup(String label) {
    return label.startsWith(USER) || label.startsWith(GROUP);
  }
}
