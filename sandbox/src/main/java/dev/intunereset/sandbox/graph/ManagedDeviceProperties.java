package dev.intunereset.sandbox.graph;

import java.util.List;

/** The managedDevice properties every simulated device answers for (null when it has no value). */
final class ManagedDeviceProperties {
  static final String DEVICE_ACTION_RESULTS = "deviceActionResults";

  static final List<String> STANDARD =
      List.of(
          "id",
          "deviceName",
          "operatingSystem",
          "osVersion",
          "managementAgent",
          "deviceEnrollmentType",
          "ownerType",
          "managedDeviceOwnerType",
          "userPrincipalName",
          "enrolledDateTime",
          "lastSyncDateTime",
          "complianceState",
          "deviceType",
          DEVICE_ACTION_RESULTS);

  private ManagedDeviceProperties() {}
}
