package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The listing's configurable page size, and the {@code serialNumber} and {@code managementAgent}
 * that generated devices carry, as {@code $select} serves them.
 */
class GraphSimulatorPageSizeTest {
  private static final String LIST = "/beta/deviceManagement/managedDevices";

  private static GraphSimulator simulator(int devices, int pageSize) {
    return GraphSimulator.builder()
        .inventory(DeviceInventory.deterministic(devices))
        .pageSize(pageSize)
        .handlerThreads(2)
        .start();
  }

  /** Every page's size, following nextLink until it is absent. */
  private static List<Integer> pageSizes(RawHttp http, String first, List<String> ids) {
    List<Integer> sizes = new ArrayList<>();
    JsonNode page = RawHttp.json(http.get(first));
    while (true) {
      sizes.add(page.get("value").size());
      page.get("value").forEach(d -> ids.add(d.get("id").asText()));
      if (!page.hasNonNull("@odata.nextLink")) {
        return sizes;
      }
      String next = page.get("@odata.nextLink").asText();
      page = RawHttp.json(http.get(next.substring(next.indexOf("/beta/"))));
    }
  }

  @Test
  void aSmallerPageSizeCutsTheListingIntoPagesOfThatSize() {
    try (GraphSimulator sim = simulator(25, 10)) {
      List<String> ids = new ArrayList<>();

      List<Integer> sizes = pageSizes(new RawHttp(sim), LIST + "?$select=id", ids);

      assertThat(sizes).containsExactly(10, 10, 5);
      assertThat(ids).containsExactlyElementsOf(sim.inventory().ids());
    }
  }

  @Test
  void topBelowThePageSizeSetsItAndTopAboveIsServedAsThePageSize() {
    try (GraphSimulator sim = simulator(25, 10)) {
      RawHttp http = new RawHttp(sim);

      List<Integer> small = pageSizes(http, LIST + "?$select=id&$top=4", new ArrayList<>());
      List<Integer> big = pageSizes(http, LIST + "?$select=id&$top=500", new ArrayList<>());

      assertThat(small).containsExactly(4, 4, 4, 4, 4, 4, 1);
      assertThat(big).containsExactly(10, 10, 5);
    }
  }

  @Test
  void thePageSizeDefaultsToGraphs1000AndMustBe1To1000() {
    try (GraphSimulator sim =
        GraphSimulator.builder().inventory(DeviceInventory.deterministic(1_001)).start()) {
      List<Integer> sizes = pageSizes(new RawHttp(sim), LIST + "?$select=id", new ArrayList<>());

      assertThat(sizes).containsExactly(1000, 1);
    }
    assertThatThrownBy(() -> GraphSimulator.builder().pageSize(0).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pageSize must be in 1..1000: 0");
    assertThatThrownBy(() -> GraphSimulator.builder().pageSize(1001).start())
        .hasMessage("pageSize must be in 1..1000: 1001");
  }

  @Test
  void generatedDevicesServeASerialNumberAndTheirManagementAgentOnSelect() {
    try (GraphSimulator sim = simulator(20, 1000)) {
      JsonNode body =
          RawHttp.json(new RawHttp(sim).get(LIST + "?$select=serialNumber,managementAgent"));

      List<String> serials = new ArrayList<>();
      List<String> agents = new ArrayList<>();
      for (JsonNode d : body.get("value")) {
        assertThat(d.size()).as("id and the two selected").isEqualTo(3);
        serials.add(d.get("serialNumber").asText());
        agents.add(d.get("managementAgent").asText());
      }
      assertThat(serials.get(0)).isEqualTo("SN0000000000");
      assertThat(serials.get(19)).isEqualTo("SN0000000019");
      assertThat(serials).doesNotHaveDuplicates();
      assertThat(agents.subList(0, 9)).containsOnly("googleCloudDevicePolicyController");
      assertThat(agents.get(12)).isEqualTo("intuneAosp");
      assertThat(agents.subList(13, 20)).containsOnly("mdm");
    }
  }

  @Test
  void anotherFleetsSerialNumbersCarryItsNumber() {
    DeviceInventory fleet = DeviceInventory.deterministic(3, 2);

    assertThat(fleet.devices())
        .extracting(d -> d.properties().get("serialNumber"))
        .containsExactly("SN0200000000", "SN0200000001", "SN0200000002");
  }

  @Test
  void aDeviceGetSelectsTheSerialNumberAndAFileDeviceWithoutOneServesNull() {
    DeviceInventory inventory =
        TestInventories.deterministicAnd(
            2,
            Map.of(
                "id", "0f3c2a71-5d4e-4b8a-9c16-2e7d8a4b1c09",
                "deviceName", "KIOSK-09",
                "operatingSystem", "Android"));
    try (GraphSimulator sim = GraphSimulator.builder().inventory(inventory).start()) {
      RawHttp http = new RawHttp(sim);

      JsonNode generated =
          RawHttp.json(
              http.get(
                  RawHttp.devicePath(DeviceInventory.deterministicId(1))
                      + "?$select=serialNumber"));
      JsonNode fromFile =
          RawHttp.json(
              http.get(
                  RawHttp.devicePath("0f3c2a71-5d4e-4b8a-9c16-2e7d8a4b1c09")
                      + "?$select=serialNumber"));

      assertThat(generated.get("serialNumber").asText()).isEqualTo("SN0000000001");
      assertThat(fromFile.has("serialNumber")).isTrue();
      assertThat(fromFile.get("serialNumber").isNull()).isTrue();
    }
  }
}
