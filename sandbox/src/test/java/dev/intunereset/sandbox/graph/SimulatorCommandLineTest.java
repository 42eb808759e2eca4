package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SimulatorCommandLineTest {

  @Test
  void defaultsServe25000DevicesOnLocalhost8085WithTheSandboxToken() {
    SimulatorCommandLine options = SimulatorCommandLine.parse(new String[0], Map.of());

    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(8085);
    assertThat(options.inventory()).isEmpty();
    assertThat(options.devices()).isEqualTo(25_000);
    assertThat(options.token()).isEqualTo("sandbox-token");
    assertThat(options.seed()).isEmpty();
    assertThat(options.help()).isFalse();
  }

  @Test
  void flagsAcceptSpaceAndEqualsForms() {
    SimulatorCommandLine options =
        SimulatorCommandLine.parse(
            new String[] {
              "--port=0", "--host", "0.0.0.0", "--devices", "10", "--token=t", "--seed", "9"
            },
            Map.of());

    assertThat(options.port()).isZero();
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.devices()).isEqualTo(10);
    assertThat(options.token()).isEqualTo("t");
    assertThat(options.seed()).hasValue(9L);
  }

  @Test
  void environmentSuppliesInventoryAndTokenWhenFlagsDoNot() {
    Map<String, String> env =
        Map.of("GRAPH_SIM_INVENTORY", "/tmp/devices.json", "GRAPH_SIM_TOKEN", "env-token");

    SimulatorCommandLine fromEnv = SimulatorCommandLine.parse(new String[0], env);
    SimulatorCommandLine flagsWin =
        SimulatorCommandLine.parse(new String[] {"--devices", "5", "--token", "flag"}, env);

    assertThat(fromEnv.inventory()).hasValue(Path.of("/tmp/devices.json"));
    assertThat(fromEnv.token()).isEqualTo("env-token");
    assertThat(flagsWin.inventory()).isEmpty();
    assertThat(flagsWin.devices()).isEqualTo(5);
    assertThat(flagsWin.token()).isEqualTo("flag");
  }

  @Test
  void badArgumentsAreRejectedWithAReadableMessage() {
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--port", "x"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--bogus"}, Map.of()))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--token"}, Map.of()))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(
            () ->
                SimulatorCommandLine.parse(
                    new String[] {"--inventory", "a.json", "--devices", "3"}, Map.of()))
        .hasMessageContaining("not both");
  }

  @Test
  void pageSizeDefaultsToGraphs1000AndTakes1To1000() {
    assertThat(SimulatorCommandLine.parse(new String[0], Map.of()).pageSize()).isEqualTo(1000);
    SimulatorCommandLine options =
        SimulatorCommandLine.parse(new String[] {"--port", "0", "--page-size", "7"}, Map.of());
    assertThat(options.pageSize()).isEqualTo(7);
    assertThatThrownBy(() -> SimulatorCommandLine.parse(new String[] {"--page-size=0"}, Map.of()))
        .hasMessage("--page-size must be in 1..1000: 0");

    try (GraphSimulator sim =
        options.toBuilder().inventory(DeviceInventory.deterministic(9)).start()) {
      JsonNode first = RawHttp.json(new RawHttp(sim).get("/beta/deviceManagement/managedDevices"));
      assertThat(first.get("value")).hasSize(7);
    }
  }

  @Test
  void helpIsRecognised() {
    assertThat(SimulatorCommandLine.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }

  @Test
  void optionsBuildARunningSimulatorFromAnInventoryFile() throws URISyntaxException {
    String file =
        Path.of(Objects.requireNonNull(getClass().getResource("/graph/inventory.json")).toURI())
            .toString();
    SimulatorCommandLine options =
        SimulatorCommandLine.parse(new String[] {"--port", "0", "--inventory", file}, Map.of());

    try (GraphSimulator sim = options.toBuilder().start()) {
      assertThat(sim.inventory().size()).isEqualTo(3);
      assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/beta");
    }
  }

  @Test
  void tenantFlagsServeMoreTenantsEachWithItsDevicesAndItsToken() throws URISyntaxException {
    String file =
        Path.of(Objects.requireNonNull(getClass().getResource("/graph/inventory.json")).toURI())
            .toString();
    String withFile = "8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f";
    String generated = "2E7D9C1B-3A4F-4E5D-8C6B-7A8F9E0D1C2B";
    SimulatorCommandLine options =
        SimulatorCommandLine.parse(
            new String[] {
              "--port=0",
              "--devices",
              "4",
              "--tenant",
              withFile + "=" + file,
              "--tenant=" + generated
            },
            Map.of());

    assertThat(options.tenants())
        .extracting(SimulatorCommandLine.TenantOption::id)
        .containsExactly(withFile, generated);
    try (GraphSimulator sim = options.toBuilder().start()) {
      assertThat(sim.tenants())
          .extracting(SimulatedTenant::id, t -> t.inventory().size())
          .containsExactly(
              tuple(GraphSimulator.DEFAULT_TENANT_ID, 4),
              tuple(withFile, 3),
              tuple(generated.toLowerCase(Locale.ROOT), 4));
      assertThat(sim.tenants().get(2).inventory().ids())
          .first()
          .isEqualTo("00000002-0000-4000-8000-000000000001");
      String deviceInFile = sim.tenants().get(1).inventory().ids().get(0);
      assertThat(
              new RawHttp(sim, "sandbox-token." + withFile)
                  .get(RawHttp.devicePath(deviceInFile))
                  .statusCode())
          .isEqualTo(200);
      assertThat(new RawHttp(sim).get(RawHttp.devicePath(deviceInFile)).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void aTenantFlagNeedsAGuidAndAFileAfterTheEqualsSign() {
    assertThatThrownBy(
            () -> SimulatorCommandLine.parse(new String[] {"--tenant", "contoso"}, Map.of()))
        .hasMessageContaining("--tenant")
        .hasMessageContaining("GUID");
    assertThatThrownBy(
            () ->
                SimulatorCommandLine.parse(
                    new String[] {"--tenant", "8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f="}, Map.of()))
        .hasMessageContaining("inventory file");
    assertThat(SimulatorCommandLine.USAGE)
        .contains("--tenant")
        .contains(GraphSimulator.DEFAULT_TENANT_ID);
  }
}
