package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An inventory's {@code "checkIn"} field as it is loaded: each value, the default, and refusals.
 */
class InventoryCheckInTest {
  private static final String FIRST = "11111111-2222-4333-8444-555555555555";
  private static final String SECOND = "22222222-2222-4333-8444-555555555555";

  @TempDir Path dir;

  private Path inventory(String secondDevicesCheckIn) throws IOException {
    return Files.writeString(
        dir.resolve("devices.json"),
        "[{\"id\":\""
            + FIRST
            + "\",\"operatingSystem\":\"Android\"},"
            + "{\"id\":\""
            + SECOND
            + "\",\"operatingSystem\":\"Android\",\"deviceName\":\"KIOSK\",\"checkIn\":"
            + secondDevicesCheckIn
            + "}]");
  }

  @ParameterizedTest
  @EnumSource(CheckIn.class)
  void eachDocumentedValueLoadsAndIsNotServedAsAProperty(CheckIn value) throws IOException {
    DeviceInventory loaded = DeviceInventory.fromJson(inventory("\"" + value.jsonName() + "\""));

    SimulatedDevice device = loaded.get(SECOND).orElseThrow();
    assertThat(device.checkIn()).isEqualTo(value);
    assertThat(device.properties()).doesNotContainKey("checkIn").containsKey("deviceName");
    assertThat(loaded.propertyNamesByLowerName()).doesNotContainKey("checkin");
  }

  @Test
  void aDeviceWithoutCheckInOrWithANullOneChecksInAsItsPlatformAllows() throws IOException {
    DeviceInventory loaded = DeviceInventory.fromJson(inventory("null"));

    assertThat(loaded.get(FIRST).orElseThrow().checkIn()).isEqualTo(CheckIn.DONE);
    assertThat(loaded.get(SECOND).orElseThrow().checkIn()).isEqualTo(CheckIn.DONE);
    assertThat(DeviceInventory.deterministic(40).devices())
        .allSatisfy(d -> assertThat(d.checkIn()).isEqualTo(CheckIn.DONE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"sleeping\"", "\"Offline\"", "\"notsupported\"", "\"\"", "3", "true"})
  void anUnknownValueFailsLoadingNamingTheDeviceAndTheAllowedValues(String value)
      throws IOException {
    Path file = inventory(value);

    assertThatThrownBy(() -> DeviceInventory.fromJson(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("entry [1]")
        .hasMessageContaining("device " + SECOND)
        .hasMessageContaining("\"checkIn\" must be one of")
        .hasMessageContaining(
            "\"done\", \"offline\", \"failed\", \"notSupported\", \"canceled\", not " + value);
  }

  @Test
  void aDeviceGivenInJavaTakesCheckInFromItsMapAndRefusesItAmongItsProperties() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", FIRST);
    entry.put("operatingSystem", "iOS");
    entry.put("checkIn", "canceled");

    assertThat(SimulatedDevice.of(entry).checkIn()).isEqualTo(CheckIn.CANCELED);
    assertThat(SimulatedDevice.of(entry).properties()).doesNotContainKey("checkIn");
    assertThatThrownBy(() -> new SimulatedDevice(FIRST, "iOS", entry, CheckIn.DONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(FIRST)
        .hasMessageContaining("not a Graph property");
  }

  @Test
  void withCheckInChangesOnlyTheNamedDevicesOfAGeneratedInventory() {
    String offline = DeviceInventory.deterministicId(3);
    String failed = DeviceInventory.deterministicId(7);
    DeviceInventory base = DeviceInventory.deterministic(20);

    DeviceInventory changed =
        base.withCheckIn(Map.of(offline.toUpperCase(), CheckIn.OFFLINE, failed, CheckIn.FAILED));

    assertThat(changed.get(offline).orElseThrow().checkIn()).isEqualTo(CheckIn.OFFLINE);
    assertThat(changed.get(failed).orElseThrow().checkIn()).isEqualTo(CheckIn.FAILED);
    assertThat(changed.get(offline).orElseThrow().properties())
        .isEqualTo(base.get(offline).orElseThrow().properties());
    assertThat(changed.devices())
        .filteredOn(d -> !d.id().equals(offline) && !d.id().equals(failed))
        .hasSize(18)
        .allSatisfy(d -> assertThat(d.checkIn()).isEqualTo(CheckIn.DONE));
    assertThat(changed.ids()).isEqualTo(base.ids());
    assertThatThrownBy(() -> base.withCheckIn(Map.of(SECOND, CheckIn.OFFLINE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SECOND);
  }

  @Test
  void eachValueMapsOntoTheResetOutcomeTheDocsGive() {
    assertThat(CheckIn.DONE.outcome(ResetCapability.NEW_PASSCODE)).isEqualTo(ResetOutcome.done());
    assertThat(CheckIn.DONE.outcome(ResetCapability.PASSCODE_REMOVED))
        .isEqualTo(ResetOutcome.done());
    assertThat(CheckIn.DONE.outcome(ResetCapability.NOT_SUPPORTED))
        .isEqualTo(ResetOutcome.notSupported());
    for (ResetCapability capability : ResetCapability.values()) {
      assertThat(CheckIn.OFFLINE.outcome(capability)).isEqualTo(ResetOutcome.offline());
      assertThat(CheckIn.FAILED.outcome(capability))
          .isEqualTo(ResetOutcome.failed(CheckIn.FAILED_ERROR_CODE));
      assertThat(CheckIn.NOT_SUPPORTED.outcome(capability)).isEqualTo(ResetOutcome.notSupported());
      assertThat(CheckIn.CANCELED.outcome(capability)).isEqualTo(ResetOutcome.canceled());
    }
    assertThat(CheckIn.FAILED_ERROR_CODE).isNotZero();
  }
}
