package dev.intunereset.worker.expansion;

import dev.intunereset.worker.targeting.Clause;
import dev.intunereset.worker.targeting.DeviceFilter;
import dev.intunereset.worker.targeting.FilterOperator;
import dev.intunereset.worker.targeting.FilterProperty;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One device target of a request, which the worker expands to managed devices. Its {@link
 * #describe} label is stable (it names the selector in rejections, events and each device's
 * outcome) and {@link #parse} reads it back.
 */
public sealed interface Selector {
  /** The most characters a user or serial number may have. */
  int MAX_LENGTH = 256;

  /**
   * {@code kind:value}, e.g. {@code user:alice@contoso.com} or {@code filter:deviceType eq 'iPad'}.
   */
  default String describe() {
    if (this instanceof User u) {
      return "user:" + u.upnOrId();
    }
    if (this instanceof Group g) {
      return "group:" + g.id();
    }
    if (this instanceof DeviceName n) {
      return "deviceName:" + n.name();
    }
    if (this instanceof SerialNumber n) {
      return "serialNumber:" + n.serial();
    }
    return "filter:" + ((Filter) this).filter().toODataQuery();
  }

  /**
   * The selector a {@link #describe} label names.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code label}
   */
  static Selector parse(String label) {
    Objects.requireNonNull(label, "label");
    int colon = label.indexOf(':');
    String kind = colon < 0 ? label : label.substring(0, colon);
    String value = colon < 0 ? "" : label.substring(colon + 1);
    return switch (kind) {
      case "user" -> new User(value);
      case "group" -> new Group(uuid(value));
      case "deviceName" -> new DeviceName(value);
      case "serialNumber" -> new SerialNumber(value);
      case "filter" -> new Filter(DeviceFilter.parse(value).orElseThrow());
      default ->
          throw new IllegalArgumentException(
              "a selector is user:, group:, deviceName:, serialNumber: or filter:, not '"
                  + kind
                  + "'");
    };
  }

  /**
   * The managed devices of a user: {@code GET /users/{id or UPN}/managedDevices}.
   *
   * @param upnOrId the user's UPN or Entra object id
   */
  record User(String upnOrId) implements Selector {
    public User {
      upnOrId = plain("user", upnOrId);
      if (upnOrId.contains("/") || upnOrId.contains("\\") || upnOrId.contains("?")) {
        throw new IllegalArgumentException("user has a '/', '\\' or '?': " + upnOrId);
      }
    }
  }

  /** The managed devices of an Entra group's transitive device members and user members. */
  record Group(UUID id) implements Selector {
    public Group {
      Objects.requireNonNull(id, "id");
    }
  }

  /** The devices named exactly so, case-insensitively: {@code $filter=deviceName eq '…'}. */
  record DeviceName(String name) implements Selector {
    public DeviceName {
      Objects.requireNonNull(name, "name");
      // The clause refuses what it could not send safely (quotes are doubled, controls refused).
      new Clause.Text(FilterProperty.DEVICE_NAME, FilterOperator.EQ, name);
    }

    /** The filter sent for it, and checked against every device Graph returns. */
    public DeviceFilter filter() {
      return new DeviceFilter(
          List.of(new Clause.Text(FilterProperty.DEVICE_NAME, FilterOperator.EQ, name)));
    }
  }

  /**
   * The devices with exactly this serial number. Graph does not document {@code serialNumber} as
   * filterable, so it is never sent as a filter: the worker matches it over the fleet listing.
   */
  record SerialNumber(String serial) implements Selector {
    public SerialNumber {
      serial = plain("serialNumber", serial);
    }
  }

  /** The devices an allowlisted OData filter selects. */
  record Filter(DeviceFilter filter) implements Selector {
    public Filter {
      Objects.requireNonNull(filter, "filter");
    }
  }

  private static String plain(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " must have 1 to " + MAX_LENGTH + " characters: " + value.length());
    }
    if (SelectorText.UNSAFE.matcher(value).find()) {
      throw new IllegalArgumentException(what + " has whitespace or a control character");
    }
    return value;
  }

  private static UUID uuid(String value) {
    try {
      UUID id = UUID.fromString(value);
      if (!id.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException("not in canonical form");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a group is an Entra object id (a GUID): '" + value + "'");
    }
  }
}
