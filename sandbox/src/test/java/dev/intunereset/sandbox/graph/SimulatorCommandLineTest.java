package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
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
}
