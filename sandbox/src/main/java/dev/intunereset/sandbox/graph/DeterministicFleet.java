package dev.intunereset.sandbox.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devices of {@link DeviceInventory#deterministic(int)}, laid out in blocks of 20 by {@code i %
 * 20} as that class documents, so the layout lives apart from the inventory's lookups.
 */
final class DeterministicFleet {
  /** Slots of {@code i % 20} that are Android. */
  static final int ANDROID_SLOTS = 14;

  /** The one Android slot enrolled as device administrator, where reset is unsupported. */
  static final int DEVICE_ADMIN_SLOT = 13;

  /**
   * The Windows slot's {@code osVersion} by block ({@code i / 20}), in turn: Windows 11 23H2,
   * Windows 10 22H2, Windows 11 24H2, Windows 10 21H2, and Windows 10 1809, too old for BitLocker
   * key rotation (1909, build 18363, is the first). Block 0 keeps the version it always had.
   */
  static final List<String> WINDOWS_VERSIONS =
      List.of(
          "10.0.22631.4317",
          "10.0.19045.5011",
          "10.0.26100.2033",
          "10.0.19044.5011",
          "10.0.17763.6414");

  /** The slot of {@code i % 20} that is Windows. */
  static final int WINDOWS_SLOT = 18;

  // A fixed epoch keeps deterministic inventories equal across runs whatever the clock says.
  private static final Instant ENROLLED_BASE = Instant.parse("2025-01-06T08:00:00Z");

  private static final List<Profile> PROFILES = profiles();

  private DeterministicFleet() {}

  static String id(int index) {
    return id(index, 0);
  }

  /**
   * Fleet 0 is the default tenant's; another fleet's ids carry its number in their first group, so
   * generated fleets of several tenants never share a device id (Intune's ids are unique).
   */
  static String id(int index, int fleet) {
    return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", fleet, index + 1L);
  }

  /** The {@code azureADDeviceId} of device {@code index}: its id with {@code 0001} as 2nd group. */
  static String azureAdDeviceId(int index, int fleet) {
    return String.format(Locale.ROOT, "%08x-0001-4000-8000-%012x", fleet, index + 1L);
  }

  /** The {@code userId} of device {@code index}'s user: its id with {@code 0002} as 2nd group. */
  static String userId(int index, int fleet) {
    return String.format(Locale.ROOT, "%08x-0002-4000-8000-%012x", fleet, index + 1L);
  }

  /** The {@code serialNumber} of device {@code index}: {@code SN}, the fleet, the index. */
  static String serialNumber(int index, int fleet) {
    return String.format(Locale.ROOT, "SN%02x%08d", fleet, index);
  }

  static SimulatedDevice device(int i) {
    return device(i, 0);
  }

  static SimulatedDevice device(int i, int fleet) {
    Profile p = PROFILES.get(i % 20);
    Map<String, Object> props = new LinkedHashMap<>();
    String id = id(i, fleet);
    String enrolled = ENROLLED_BASE.plus(Duration.ofMinutes(37L * i)).toString();
    props.put("id", id);
    props.put("deviceName", String.format(Locale.ROOT, "SBX-%05d", i));
    props.put("operatingSystem", p.operatingSystem());
    props.put("osVersion", osVersion(p, i));
    props.put("deviceType", p.deviceType());
    props.put("managementAgent", p.managementAgent());
    props.put("deviceEnrollmentType", p.enrollmentType());
    props.put("ownerType", p.ownerType());
    props.put("managedDeviceOwnerType", p.ownerType());
    // Dedicated devices have no primary user; Graph serves an empty string there.
    props.put(
        "userPrincipalName",
        p.hasUser() ? String.format(Locale.ROOT, "user%05d@sandbox.example", i) : "");
    props.put("userId", p.hasUser() ? userId(i, fleet) : "");
    props.put("azureADDeviceId", azureAdDeviceId(i, fleet));
    props.put("serialNumber", serialNumber(i, fleet));
    props.put("enrolledDateTime", enrolled);
    // No lastSyncDateTime: the device checks in periodically, by the simulator's clock.
    props.put("complianceState", i % 10 == 7 ? "noncompliant" : "compliant");
    props.put("isSupervised", p.supervised());
    props.put(ManagedDeviceProperties.DEVICE_ACTION_RESULTS, List.of());
    return new SimulatedDevice(id, p.operatingSystem(), props);
  }

  private static String osVersion(Profile p, int i) {
    return i % 20 == WINDOWS_SLOT
        ? WINDOWS_VERSIONS.get((i / 20) % WINDOWS_VERSIONS.size())
        : p.osVersion();
  }

  private record Profile(
      String operatingSystem,
      String osVersion,
      String deviceType,
      String managementAgent,
      String enrollmentType,
      String ownerType,
      boolean hasUser,
      boolean supervised) {}

  /** Apple devices from Automated Device Enrollment are supervised; nothing else is. */
  private static List<Profile> profiles() {
    String cloudDpc = "googleCloudDevicePolicyController";
    Profile fullyManaged =
        new Profile(
            "Android",
            "14",
            "androidEnterprise",
            cloudDpc,
            "androidEnterpriseFullyManaged",
            "company",
            true,
            false);
    Profile dedicated =
        new Profile(
            "Android",
            "13",
            "androidEnterprise",
            cloudDpc,
            "androidEnterpriseDedicatedDevice",
            "company",
            false,
            false);
    Profile corporateWorkProfile =
        new Profile(
            "Android",
            "14",
            "androidEnterprise",
            cloudDpc,
            "androidEnterpriseCorporateWorkProfile",
            "company",
            true,
            false);
    Profile personalWorkProfile =
        new Profile(
            "Android", "13", "androidForWork", "mdm", "userEnrollment", "personal", true, false);
    Profile aosp =
        new Profile(
            "Android",
            "12",
            "androidnGMS",
            "intuneAosp",
            "androidAOSPUserOwnedDeviceEnrollment",
            "company",
            true,
            false);
    Profile deviceAdmin =
        new Profile("Android", "10", "android", "mdm", "userEnrollment", "personal", true, false);
    Profile iosAde =
        new Profile("iOS", "17.5.1", "iPhone", "mdm", "appleBulkWithUser", "company", true, true);
    Profile iosByod =
        new Profile("iOS", "18.1", "iPhone", "mdm", "userEnrollment", "personal", true, false);
    Profile ipad =
        new Profile("iPadOS", "17.6", "iPad", "mdm", "appleBulkWithUser", "company", true, true);
    Profile windows =
        new Profile(
            "Windows",
            "10.0.22631.4317",
            "windowsRT",
            "mdm",
            "windowsAzureADJoin",
            "company",
            true,
            false);
    Profile mac =
        new Profile("macOS", "14.6.1", "macMDM", "mdm", "appleBulkWithUser", "company", true, true);
    List<Profile> slots = new ArrayList<>(20);
    for (int s = 0; s < 4; s++) {
      slots.add(fullyManaged);
    }
    slots.add(dedicated);
    slots.add(dedicated);
    slots.add(corporateWorkProfile);
    slots.add(corporateWorkProfile);
    slots.add(corporateWorkProfile);
    slots.add(personalWorkProfile);
    slots.add(personalWorkProfile);
    slots.add(personalWorkProfile);
    slots.add(aosp);
    slots.add(deviceAdmin);
    slots.add(iosAde);
    slots.add(iosAde);
    slots.add(iosByod);
    slots.add(ipad);
    slots.add(windows);
    slots.add(mac);
    return List.copyOf(slots);
  }
}
