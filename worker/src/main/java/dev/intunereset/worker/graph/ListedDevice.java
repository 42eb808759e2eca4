package dev.intunereset.worker.graph;

import java.time.Instant;
import java.util.Objects;

/**
 * One managed device as a listing returned it: what a device selector is checked against on the
 * worker's side (every property a device filter may name is here), and what a preview shows.
 * Enum-valued Graph properties are kept as Graph's own strings (e.g. {@code androidEnterprise}); a
 * property Graph did not return, or returned with a value the SDK does not know, is null.
 */
public record ListedDevice(
    String id,
    String deviceName,
    String operatingSystem,
    String osVersion,
    String userPrincipalName,
    String userId,
    String serialNumber,
    String azureADDeviceId,
    String managementAgent,
    String ownerType,
    String managementState,
    String deviceType,
    String complianceState,
    String jailBroken,
    String deviceCategoryDisplayName,
    Instant enrolledDateTime,
    Instant lastSyncDateTime) {

  public ListedDevice {
    Objects.requireNonNull(id, "id");
  }
}
