package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.targeting.DeviceFilter;
import dev.intunereset.worker.targeting.DeviceProperties;
import dev.intunereset.worker.targeting.FilterProperty;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's own check of a device Graph listed for a selector: Graph silently ignores a filter
 * it does not support, so its answer is never trusted.
 */
final class DeviceChecks {
  private DeviceChecks() {}

  /** Why {@code device} does not satisfy {@code filter}, or empty when it does. */
  static Optional<String> unmet(DeviceFilter filter, ListedDevice device) {
    return filter.firstUnmet(properties(device)).map(c -> "does not satisfy " + c.toOData());
  }

  /**
   * Why {@code device} is not {@code user}'s (named by UPN or object id, either compared
   * case-insensitively), or empty when it is. A device that names no user is nobody's.
   */
  static Optional<String> notOf(String user, ListedDevice device) {
    if (user.equalsIgnoreCase(device.userId())
        || user.equalsIgnoreCase(device.userPrincipalName())) {
      return Optional.empty();
    }
    String owner =
        blank(device.userPrincipalName())
            ? blank(device.userId()) ? "no user" : "user " + device.userId()
            : "user " + device.userPrincipalName();
    return Optional.of("belongs to " + owner);
  }

  /** The filterable properties Graph returned for {@code device}. */
  static DeviceProperties properties(ListedDevice d) {
    Map<FilterProperty, Object> values = new EnumMap<>(FilterProperty.class);
    for (FilterProperty p : FilterProperty.values()) {
      Object value = value(p, d);
      if (value != null) {
        values.put(p, value);
      }
    }
    return new DeviceProperties(values);
  }

  private static Object value(FilterProperty p, ListedDevice d) {
    return switch (p) {
      case DEVICE_NAME -> d.deviceName();
      case OPERATING_SYSTEM -> d.operatingSystem();
      case OWNER_TYPE -> d.ownerType();
      case MANAGEMENT_STATE -> d.managementState();
      case DEVICE_TYPE -> d.deviceType();
      case COMPLIANCE_STATE -> d.complianceState();
      case JAIL_BROKEN -> d.jailBroken();
      case MANAGEMENT_AGENT -> d.managementAgent();
      case DEVICE_CATEGORY_DISPLAY_NAME -> d.deviceCategoryDisplayName();
      case ENROLLED_DATE_TIME -> d.enrolledDateTime();
      case LAST_SYNC_DATE_TIME -> d.lastSyncDateTime();
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
