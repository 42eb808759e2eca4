package dev.intunereset.sandbox.graph;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * One simulated tenant's managed devices: immutable, looked up case-insensitively by id (as Graph
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
 *   <li>14–15 iOS and 17 iPadOS from Automated Device Enrollment ({@code isSupervised true}), 16
 *       iOS enrolled through the Company Portal (not supervised), 18 Windows, 19 macOS
 *       (supervised).
 * </ul>
 *
 * <p>The Windows devices' {@code osVersion} turns by block of 20 through Windows 11 23H2 (block 0,
 * {@code 10.0.22631.4317}), Windows 10 22H2 ({@code 10.0.19045.x}), Windows 11 24H2 ({@code
 * 10.0.26100.x}), Windows 10 21H2 ({@code 10.0.19044.x}) and Windows 10 1809 ({@code
 * 10.0.17763.x}), which is too old for BitLocker key rotation ({@link BitLockerRotation}).
 *
 * <p>Besides the properties the worker reads, deterministic devices carry {@code deviceType}, which
 * is what tells Android device administrator from Android Enterprise (see {@link ResetCapability}),
 * and {@code isSupervised}. For targeting by user and group, each carries an {@code
 * azureADDeviceId} (its id with {@code 0001} as second group) and, but for dedicated devices
 * ({@code ""}), a {@code userId} (its id with {@code 0002}) and {@code userPrincipalName} {@code
 * user<i>@sandbox.example}; each has a {@code serialNumber} {@code SN<fleet, 2 hex digits><i, 8
 * digits>} and the {@code managementAgent} of its slot ({@code mdm} but where named above).
 *
 * <p>A device whose entry gives no {@code lastSyncDateTime} (every deterministic one) checks in
 * every 8 hours (about Intune's estimated refresh cycle) at an offset of its own, so its {@code
 * lastSyncDateTime} is recent by the simulator's clock. One whose entry gives it keeps that value,
 * so a stale device is one JSON field.
 *
 * <p>Every deterministic device checks in as its platform allows ({@link CheckIn#DONE}); {@link
 * #withCheckIn(Map)} or an entry's {@code "checkIn"} field makes a device behave otherwise.
 */
public final class DeviceInventory {
  public static final int DEFAULT_SIZE = 25_000;

  private final List<SimulatedDevice> devices;
  private final Map<String, SimulatedDevice> byLowerId;
  private final List<String> ids;
  private final Map<String, String> propertyNamesByLowerName;
  private final Directory directory;

  private DeviceInventory(List<SimulatedDevice> devices, String source) {
    this(devices, List.of(), List.of(), source);
  }

  DeviceInventory(
      List<SimulatedDevice> devices,
      Collection<SimulatedUser> users,
      Collection<SimulatedGroup> groups,
      String source) {
    Map<String, SimulatedDevice> index = new HashMap<>(devices.size() * 2);
    List<String> idList = new ArrayList<>(devices.size());
    Map<String, String> names = new LinkedHashMap<>();
    for (String standard : ManagedDeviceProperties.STANDARD) {
      names.put(standard.toLowerCase(Locale.ROOT), standard);
    }
    for (String real : ManagedDeviceProperties.GRAPH) {
      names.putIfAbsent(real.toLowerCase(Locale.ROOT), real);
    }
    for (String relationship : ManagedDeviceProperties.RELATIONSHIPS) {
      names.putIfAbsent(relationship.toLowerCase(Locale.ROOT), relationship);
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
    this.directory = new Directory(users, groups, this.devices, source);
  }

  /** {@code count} devices laid out as the class comment says; equal for equal counts. */
  public static DeviceInventory deterministic(int count) {
    return deterministic(count, 0);
  }

  /**
   * As {@link #deterministic(int)}, with ids of their own for another tenant: fleet {@code n}'s ids
   * start with {@code n} in hex ({@code 00000002-0000-4000-8000-000000000001} for fleet 2), fleet 0
   * is {@link #deterministic(int)}. Device ids are unique across a simulator's tenants.
   */
  public static DeviceInventory deterministic(int count, int fleet) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    if (fleet < 0) {
      throw new IllegalArgumentException("fleet must be >= 0: " + fleet);
    }
    List<SimulatedDevice> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(DeterministicFleet.device(i, fleet));
    }
    return new DeviceInventory(list, "deterministic inventory");
  }

  /** An inventory of the given devices, in that order. */
  public static DeviceInventory of(Collection<SimulatedDevice> devices) {
    return new DeviceInventory(new ArrayList<>(devices), "inventory");
  }

  /**
   * Reads a JSON array of managedDevice objects, or an object {@code {"devices": [...], "users":
   * [...], "groups": [...]}} ({@link InventoryFile}). Each device needs a GUID {@code id} and a
   * non-blank {@code operatingSystem}; an optional {@code "checkIn"} (one of {@link CheckIn}'s
   * values) says how the device answers a reset and is not served; every other field is served as
   * given.
   *
   * @throws IllegalArgumentException naming the file and the entry when the content is invalid
   * @throws UncheckedIOException when the file cannot be read
   */
  public static DeviceInventory fromJson(Path file) {
    return InventoryFile.read(file);
  }

  /**
   * This inventory with the given devices answering resets as the map says, e.g. a deterministic
   * one with a few devices offline.
   *
   * @throws IllegalArgumentException when an id is not in the inventory
   */
  public DeviceInventory withCheckIn(Map<String, CheckIn> byId) {
    Map<String, CheckIn> byLower = new HashMap<>();
    byId.forEach(
        (id, checkIn) -> {
          if (!contains(id)) {
            throw new IllegalArgumentException("no device " + id + " in " + this);
          }
          byLower.put(lower(id), Objects.requireNonNull(checkIn, "checkIn"));
        });
    List<SimulatedDevice> list = new ArrayList<>(devices.size());
    for (SimulatedDevice device : devices) {
      CheckIn checkIn = byLower.get(lower(device.id()));
      list.add(checkIn == null ? device : device.withCheckIn(checkIn));
    }
    return new DeviceInventory(list, directory.explicitUsers(), directory.groups(), "inventory");
  }

  /**
   * This inventory with these Entra users too (beside those its devices' {@code userId} and {@code
   * userPrincipalName} imply), e.g. a user without devices.
   */
  public DeviceInventory withUsers(Collection<SimulatedUser> users) {
    List<SimulatedUser> all = new ArrayList<>(directory.explicitUsers());
    all.addAll(users);
    return new DeviceInventory(devices, all, directory.groups(), "inventory");
  }

  /**
   * This inventory with these Entra groups too; their user members and nested groups must be of
   * this inventory (or among {@code groups}).
   */
  public DeviceInventory withGroups(Collection<SimulatedGroup> groups) {
    List<SimulatedGroup> all = new ArrayList<>(directory.groups());
    all.addAll(groups);
    return new DeviceInventory(devices, directory.explicitUsers(), all, "inventory");
  }

  /** The tenant's Entra users: those given, then one per distinct device {@code userId}. */
  public List<SimulatedUser> users() {
    return directory.users();
  }

  /** The tenant's Entra groups. */
  public List<SimulatedGroup> groups() {
    return directory.groups();
  }

  /** The id {@link #deterministic(int)} gives device {@code index} (0-based). */
  public static String deterministicId(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    return DeterministicFleet.id(index);
  }

  /** The id {@link #deterministic(int, int)} gives device {@code index} of {@code fleet}. */
  public static String deterministicId(int index, int fleet) {
    if (index < 0 || fleet < 0) {
      throw new IllegalArgumentException("index and fleet must be >= 0: " + index + ", " + fleet);
    }
    return DeterministicFleet.id(index, fleet);
  }

  /**
   * The ids of the first {@code n} Android devices of a deterministic inventory, including the
   * device-administrator ones (1 in 14), whose reset ends {@code notSupported}.
   */
  public static List<String> firstAndroidIds(int n) {
    return firstDeterministicIds(n, slot -> slot < DeterministicFleet.ANDROID_SLOTS);
  }

  /**
   * The ids of the first {@code n} Android devices of a deterministic inventory whose reset yields
   * a new passcode (Android device administrator excluded).
   */
  public static List<String> firstResettableAndroidIds(int n) {
    return firstDeterministicIds(
        n,
        slot ->
            slot < DeterministicFleet.ANDROID_SLOTS
                && slot != DeterministicFleet.DEVICE_ADMIN_SLOT);
  }

  /**
   * The ids of the first {@code n} Windows devices of a deterministic inventory, 1 in 5 of them too
   * old for BitLocker key rotation (see the class comment).
   */
  public static List<String> firstWindowsIds(int n) {
    return firstDeterministicIds(n, slot -> slot == DeterministicFleet.WINDOWS_SLOT);
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
   * Properties a {@code $select} may name: every managedDevice property and relationship Graph
   * knows plus any field a device of this inventory has, keyed by lower case (Graph matches {@code
   * $select} case-insensitively).
   */
  Map<String, String> propertyNamesByLowerName() {
    return propertyNamesByLowerName;
  }

  Directory directory() {
    return directory;
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
}
