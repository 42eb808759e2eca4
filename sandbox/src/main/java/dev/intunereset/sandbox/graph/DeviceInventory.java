package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The simulated tenant's managed devices: immutable, looked up case-insensitively by id (as Graph
 * does).
 *
 * <p>{@link #deterministic(int)} lays devices out in blocks of 20 by {@code i % 20}:
 *
 * <ul>
 *   <li>0–3 Android Enterprise fully managed, 4–5 dedicated, 6–8 corporate-owned work profile (all
 *       {@code googleCloudDevicePolicyController}, company owned);
 *   <li>9–11 Android Enterprise personal work profile ({@code deviceType androidForWork});
 *   <li>12 AOSP ({@code intuneAosp});
 *   <li>13 Android device administrator on Android 10 ({@code deviceType android}: reset
 *       unsupported);
 *   <li>14–16 iOS, 17 iPadOS, 18 Windows, 19 macOS.
 * </ul>
 *
 * <p>Besides the properties the worker reads, deterministic devices carry {@code deviceType}, which
 * is what tells Android device administrator from Android Enterprise (see {@link ResetCapability}).
 */
public final class DeviceInventory {
  public static final int DEFAULT_SIZE = 25_000;

  /** Slots of {@code i % 20} that are Android. */
  private static final int ANDROID_SLOTS = 14;

  /** The one Android slot enrolled as device administrator, where reset is unsupported. */
  private static final int DEVICE_ADMIN_SLOT = 13;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP =
      new TypeReference<LinkedHashMap<String, Object>>() {};

  // Fixed epochs keep deterministic inventories equal across runs whatever the clock says.
  private static final Instant ENROLLED_BASE = Instant.parse("2025-01-06T08:00:00Z");
  private static final Instant SYNC_BASE = Instant.parse("2026-10-01T00:00:00Z");

  private static final List<Profile> PROFILES = profiles();

  private final List<SimulatedDevice> devices;
  private final Map<String, SimulatedDevice> byLowerId;
  private final List<String> ids;
  private final Map<String, String> propertyNamesByLowerName;

  private DeviceInventory(List<SimulatedDevice> devices, String source) {
    Map<String, SimulatedDevice> index = new HashMap<>(devices.size() * 2);
    List<String> idList = new ArrayList<>(devices.size());
    Map<String, String> names = new LinkedHashMap<>();
    for (String standard : ManagedDeviceProperties.STANDARD) {
      names.put(standard.toLowerCase(Locale.ROOT), standard);
    }
    for (int i = 0; i < devices.size(); i++) {
      SimulatedDevice device = devices.get(i);
      if (index.putIfAbsent(lower(device.id()), device) != null) {
        throw new IllegalArgumentException(
            source + ": entry [" + i + "]: duplicate id " + device.id());
      }
      idList.add(device.id());
      for (String name : device.properties().keySet()) {
        names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      }
    }
    this.devices = List.copyOf(devices);
    this.byLowerId = index;
    this.ids = Collections.unmodifiableList(idList);
    this.propertyNamesByLowerName = Collections.unmodifiableMap(names);
  }

  /** {@code count} devices laid out as the class comment says; equal for equal counts. */
  public static DeviceInventory deterministic(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    List<SimulatedDevice> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(deterministicDevice(i));
    }
    return new DeviceInventory(list, "deterministic inventory");
  }

  /** An inventory of the given devices, in that order. */
  public static DeviceInventory of(Collection<SimulatedDevice> devices) {
    return new DeviceInventory(new ArrayList<>(devices), "inventory");
  }

  /**
   * Reads a JSON array of managedDevice objects. Each needs a GUID {@code id} and a non-blank
   * {@code operatingSystem}; every other field is served as given.
   *
   * @throws IllegalArgumentException naming the file and the entry's index when the content is
   *     invalid
   * @throws UncheckedIOException when the file cannot be read
   */
  public static DeviceInventory fromJson(Path file) {
    String source = "Graph simulator inventory " + file;
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read", e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(source + ": expected a JSON array of device objects");
    }
    List<SimulatedDevice> list = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String where = source + ": entry [" + i + "]";
      if (!entry.isObject()) {
        throw new IllegalArgumentException(where + ": expected an object");
      }
      JsonNode id = entry.get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw new IllegalArgumentException(where + ": \"id\" is required (a GUID string)");
      }
      if (!Guids.isGuid(id.asText())) {
        throw new IllegalArgumentException(where + ": \"id\" is not a GUID: " + id.asText());
      }
      JsonNode os = entry.get("operatingSystem");
      if (os == null || !os.isTextual() || os.asText().isBlank()) {
        throw new IllegalArgumentException(where + ": \"operatingSystem\" is required (a string)");
      }
      JsonNode actions = entry.get("deviceActionResults");
      if (actions != null && !actions.isNull() && !actions.isArray()) {
        throw new IllegalArgumentException(where + ": \"deviceActionResults\" must be an array");
      }
      list.add(SimulatedDevice.of(JSON.convertValue(entry, MAP)));
    }
    return new DeviceInventory(list, source);
  }

  /** The id {@link #deterministic(int)} gives device {@code index} (0-based). */
  public static String deterministicId(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", index + 1L);
  }

  /**
   * The ids of the first {@code n} Android devices of a deterministic inventory, including the
   * device-administrator ones (1 in 14), whose reset ends {@code failed}.
   */
  public static List<String> firstAndroidIds(int n) {
    return firstDeterministicIds(n, slot -> slot < ANDROID_SLOTS);
  }

  /**
   * The ids of the first {@code n} Android devices of a deterministic inventory whose reset yields
   * a new passcode (Android device administrator excluded).
   */
  public static List<String> firstResettableAndroidIds(int n) {
    return firstDeterministicIds(n, slot -> slot < ANDROID_SLOTS && slot != DEVICE_ADMIN_SLOT);
  }

  /** The device with this id, compared case-insensitively. */
  public Optional<SimulatedDevice> get(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byLowerId.get(lower(id)));
  }

  public boolean contains(String id) {
    return get(id).isPresent();
  }

  /** All ids, in inventory order. */
  public List<String> ids() {
    return ids;
  }

  /** All devices, in inventory order. */
  public List<SimulatedDevice> devices() {
    return devices;
  }

  public int size() {
    return devices.size();
  }

  /**
   * Properties a {@code $select} may name: the standard ones plus any field a device of this
   * inventory has, keyed by lower case (Graph matches {@code $select} case-insensitively).
   */
  Map<String, String> propertyNamesByLowerName() {
    return propertyNamesByLowerName;
  }

  @Override
  public String toString() {
    return "DeviceInventory[" + devices.size() + " devices]";
  }

  private static List<String> firstDeterministicIds(int n, IntPredicate slotMatches) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; out.size() < n; i++) {
      if (slotMatches.test(i % 20)) {
        out.add(deterministicId(i));
      }
    }
    return out;
  }

  private static String lower(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static SimulatedDevice deterministicDevice(int i) {
    Profile p = PROFILES.get(i % 20);
    Map<String, Object> props = new LinkedHashMap<>();
    String id = deterministicId(i);
    props.put("id", id);
    props.put("deviceName", String.format(Locale.ROOT, "SBX-%05d", i));
    props.put("operatingSystem", p.operatingSystem());
    props.put("osVersion", p.osVersion());
    props.put("deviceType", p.deviceType());
    props.put("managementAgent", p.managementAgent());
    props.put("deviceEnrollmentType", p.enrollmentType());
    props.put("ownerType", p.ownerType());
    props.put("managedDeviceOwnerType", p.ownerType());
    // Dedicated devices have no primary user; Graph serves an empty string there.
    props.put(
        "userPrincipalName",
        p.hasUser() ? String.format(Locale.ROOT, "user%05d@sandbox.example", i) : "");
    props.put("enrolledDateTime", ENROLLED_BASE.plus(Duration.ofMinutes(37L * i)).toString());
    props.put("lastSyncDateTime", SYNC_BASE.plus(Duration.ofSeconds(11L * i)).toString());
    props.put("complianceState", i % 10 == 7 ? "noncompliant" : "compliant");
    props.put("deviceActionResults", List.of());
    return new SimulatedDevice(id, p.operatingSystem(), props);
  }

  private record Profile(
      String operatingSystem,
      String osVersion,
      String deviceType,
      String managementAgent,
      String enrollmentType,
      String ownerType,
      boolean hasUser) {}

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
            true);
    Profile dedicated =
        new Profile(
            "Android",
            "13",
            "androidEnterprise",
            cloudDpc,
            "androidEnterpriseDedicatedDevice",
            "company",
            false);
    Profile corporateWorkProfile =
        new Profile(
            "Android",
            "14",
            "androidEnterprise",
            cloudDpc,
            "androidEnterpriseCorporateWorkProfile",
            "company",
            true);
    Profile personalWorkProfile =
        new Profile("Android", "13", "androidForWork", "mdm", "userEnrollment", "personal", true);
    Profile aosp =
        new Profile(
            "Android",
            "12",
            "androidnGMS",
            "intuneAosp",
            "androidAOSPUserOwnedDeviceEnrollment",
            "company",
            true);
    Profile deviceAdmin =
        new Profile("Android", "10", "android", "mdm", "userEnrollment", "personal", true);
    Profile iosAde =
        new Profile("iOS", "17.5.1", "iPhone", "mdm", "appleBulkWithUser", "company", true);
    Profile iosByod =
        new Profile("iOS", "18.1", "iPhone", "mdm", "userEnrollment", "personal", true);
    Profile ipad =
        new Profile("iPadOS", "17.6", "iPad", "mdm", "appleBulkWithUser", "company", true);
    Profile windows =
        new Profile(
            "Windows",
            "10.0.22631.4317",
            "windowsRT",
            "mdm",
            "windowsAzureADJoin",
            "company",
            true);
    Profile mac =
        new Profile("macOS", "14.6.1", "macMDM", "mdm", "appleBulkWithUser", "company", true);
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
