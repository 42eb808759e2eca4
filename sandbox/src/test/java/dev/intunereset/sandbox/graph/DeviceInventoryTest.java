package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceInventoryTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(DeviceInventoryTest.class.getResource(name)).toURI());
  }

  @Test
  void deterministicIdsAndNamesFollowTheDocumentedFormat() {
    DeviceInventory inventory = DeviceInventory.deterministic(300);

    assertThat(inventory.size()).isEqualTo(300);
    assertThat(inventory.ids().get(0)).isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(inventory.ids().get(255)).isEqualTo("00000000-0000-4000-8000-000000000100");
    assertThat(inventory.get(inventory.ids().get(42)).orElseThrow().deviceName())
        .hasValue("SBX-00042");
  }

  @Test
  void deterministicInventoriesAreEqualAcrossBuilds() {
    assertThat(DeviceInventory.deterministic(500).devices())
        .isEqualTo(DeviceInventory.deterministic(500).devices());
  }

  @Test
  void platformMixFollowsTheSlotsOfTwenty() {
    DeviceInventory inventory = DeviceInventory.deterministic(20);
    Map<String, Long> byOs =
        inventory.devices().stream()
            .collect(
                Collectors.groupingBy(SimulatedDevice::operatingSystem, Collectors.counting()));

    assertThat(byOs)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Android", 14L, "iOS", 3L, "iPadOS", 1L, "Windows", 1L, "macOS", 1L));
    assertThat(
            inventory.devices().stream()
                .filter(d -> d.operatingSystem().equals("Android"))
                .map(d -> d.stringProperty("deviceEnrollmentType").orElseThrow())
                .distinct())
        .contains(
            "androidEnterpriseFullyManaged",
            "androidEnterpriseDedicatedDevice",
            "androidEnterpriseCorporateWorkProfile",
            "userEnrollment",
            "androidAOSPUserOwnedDeviceEnrollment");
    SimulatedDevice deviceAdmin = inventory.devices().get(13);
    assertThat(deviceAdmin.stringProperty("deviceType")).hasValue("android");
    assertThat(ResetCapability.of(deviceAdmin)).isEqualTo(ResetCapability.NOT_SUPPORTED);
    assertThat(inventory.devices().get(4).stringProperty("userPrincipalName")).hasValue("");
  }

  @Test
  void resetCapabilityFollowsIntunePlatformSupport() {
    List<ResetCapability> bySlot =
        DeviceInventory.deterministic(20).devices().stream()
            .map(ResetCapability::of)
            .collect(Collectors.toList());

    for (int slot = 0; slot < 13; slot++) {
      assertThat(bySlot.get(slot)).as("slot " + slot).isEqualTo(ResetCapability.NEW_PASSCODE);
    }
    assertThat(bySlot.subList(13, 20))
        .containsExactly(
            ResetCapability.NOT_SUPPORTED,
            ResetCapability.PASSCODE_REMOVED,
            ResetCapability.PASSCODE_REMOVED,
            ResetCapability.PASSCODE_REMOVED,
            ResetCapability.PASSCODE_REMOVED,
            ResetCapability.NOT_SUPPORTED,
            ResetCapability.NOT_SUPPORTED);
  }

  @Test
  void firstAndroidIdsSkipOtherPlatformsAndResettableOnesAlsoSkipDeviceAdministrator() {
    List<String> android = DeviceInventory.firstAndroidIds(16);
    List<String> resettable = DeviceInventory.firstResettableAndroidIds(14);

    assertThat(android).hasSize(16).doesNotHaveDuplicates();
    assertThat(android.get(13)).isEqualTo(DeviceInventory.deterministicId(13));
    assertThat(android.get(14)).isEqualTo(DeviceInventory.deterministicId(20));
    assertThat(resettable).doesNotContain(DeviceInventory.deterministicId(13));
    assertThat(resettable.get(13)).isEqualTo(DeviceInventory.deterministicId(20));
    DeviceInventory inventory = DeviceInventory.deterministic(100);
    assertThat(android)
        .allSatisfy(
            id ->
                assertThat(inventory.get(id).orElseThrow().operatingSystem()).isEqualTo("Android"));
  }

  @Test
  void windowsDevicesTurnThroughVersionsOneInFiveTooOldForKeyRotation() {
    DeviceInventory inventory = DeviceInventory.deterministic(200);
    List<SimulatedDevice> windows =
        DeviceInventory.firstWindowsIds(10).stream()
            .map(id -> inventory.get(id).orElseThrow())
            .toList();

    assertThat(windows).extracting(SimulatedDevice::operatingSystem).containsOnly("Windows");
    assertThat(windows.get(0).id()).isEqualTo(DeviceInventory.deterministicId(18));
    assertThat(windows)
        .extracting(d -> d.stringProperty("osVersion").orElseThrow())
        .containsExactly(
            "10.0.22631.4317",
            "10.0.19045.5011",
            "10.0.26100.2033",
            "10.0.19044.5011",
            "10.0.17763.6414",
            "10.0.22631.4317",
            "10.0.19045.5011",
            "10.0.26100.2033",
            "10.0.19044.5011",
            "10.0.17763.6414");
    assertThat(windows)
        .extracting(BitLockerRotation::of)
        .filteredOn(s -> s == BitLockerRotation.Support.TOO_OLD)
        .hasSize(2);
    assertThat(inventory.devices())
        .filteredOn(d -> !d.operatingSystem().equals("Windows"))
        .extracting(BitLockerRotation::of)
        .containsOnly(BitLockerRotation.Support.NOT_WINDOWS);
  }

  @Test
  void keyRotationNeedsWindows10Build18363OrLaterAndTakesAnUnknownVersionAsCurrent() {
    assertThat(BitLockerRotation.build("10.0.18363.1556")).isEqualTo(18363);
    assertThat(BitLockerRotation.build("10.0.18362.1256"))
        .isLessThan(BitLockerRotation.FIRST_BUILD);
    assertThat(BitLockerRotation.build("10.0.22000.194")).isGreaterThan(18363);
    assertThat(BitLockerRotation.build("")).isEqualTo(Integer.MAX_VALUE);
    assertThat(BitLockerRotation.build("10.0.x")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void lookupsIgnoreCase() {
    DeviceInventory inventory = DeviceInventory.deterministic(300);
    String id = DeviceInventory.deterministicId(170);

    assertThat(inventory.contains(id.toUpperCase())).isTrue();
    assertThat(inventory.get(id.toUpperCase()).orElseThrow().id()).isEqualTo(id);
    assertThat(inventory.contains("00000000-0000-4000-8000-999999999999")).isFalse();
    assertThat(inventory.get(null)).isEmpty();
  }

  @Test
  void fromJsonReadsDevicesWithAnyExtraFields() throws URISyntaxException {
    DeviceInventory inventory = DeviceInventory.fromJson(resource("/graph/inventory.json"));

    assertThat(inventory.size()).isEqualTo(3);
    SimulatedDevice kiosk = inventory.get("11111111-2222-4333-8444-555555555555").orElseThrow();
    assertThat(kiosk.operatingSystem()).isEqualTo("Android");
    assertThat(kiosk.stringProperty("serialNumber")).hasValue("R58N1234ABC");
    assertThat(kiosk.properties().get("deviceActionResults")).asList().hasSize(2);
    assertThat(inventory.contains("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")).isTrue();
    assertThat(kiosk.properties().keySet()).startsWith("id", "operatingSystem");
  }

  @Test
  void fromJsonNamesTheFileAndIndexOfAnInvalidEntry() throws URISyntaxException {
    Path file = resource("/graph/inventory-missing-os.json");

    assertThatThrownBy(() -> DeviceInventory.fromJson(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("entry [1]")
        .hasMessageContaining("operatingSystem");
  }

  @Test
  void fromJsonRejectsMissingIdsNonGuidsDuplicatesAndNonArrays(@TempDir Path dir)
      throws IOException {
    assertThatThrownBy(
            () -> DeviceInventory.fromJson(write(dir, "a.json", "[{\"operatingSystem\":\"iOS\"}]")))
        .hasMessageContaining("entry [0]")
        .hasMessageContaining("\"id\" is required");
    assertThatThrownBy(
            () ->
                DeviceInventory.fromJson(
                    write(dir, "b.json", "[{\"id\":\"dev-1\",\"operatingSystem\":\"iOS\"}]")))
        .hasMessageContaining("not a GUID");
    String one = "{\"id\":\"11111111-2222-4333-8444-555555555555\",\"operatingSystem\":\"iOS\"}";
    String sameUpper = one.replace("operatingSystem\":\"iOS", "operatingSystem\":\"Android");
    assertThatThrownBy(
            () -> DeviceInventory.fromJson(write(dir, "c.json", "[" + one + "," + sameUpper + "]")))
        .hasMessageContaining("c.json")
        .hasMessageContaining("entry [1]")
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> DeviceInventory.fromJson(write(dir, "d.json", "{}")))
        .hasMessageContaining("d.json")
        .hasMessageContaining("array");
    assertThatThrownBy(() -> DeviceInventory.fromJson(write(dir, "e.json", "[{")))
        .hasMessageContaining("e.json")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> DeviceInventory.fromJson(dir.resolve("missing.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.json");
  }

  @Test
  void simulatedDevicePropertiesAreDeeplyImmutable() {
    SimulatedDevice device = DeviceInventory.deterministic(1).devices().get(0);

    assertThatThrownBy(() -> device.properties().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) device.properties().get("deviceActionResults")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static Path write(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
