package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory example of docs/integration.md ("Your own devices") stays true: it loads, every
 * {@code checkIn} value is in its table, and each device's reset ends as the text below it says.
 */
class InventoryDocTest {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Duration READY_AFTER = Duration.ofSeconds(2);
  private static final Pattern HEREDOC =
      Pattern.compile("cat > devices\\.json <<'EOF'\n(.*?\n)EOF\n", Pattern.DOTALL);

  @TempDir Path dir;

  /** The inventory the doc writes with {@code cat > devices.json <<'EOF'}. */
  private static String documentedInventory(String doc) {
    Matcher heredoc = HEREDOC.matcher(doc);
    assertThat(heredoc.find()).as("%s writes devices.json", DOC).isTrue();
    return heredoc.group(1);
  }

  @Test
  void theTableNamesEveryCheckInValue() throws IOException {
    String doc = Files.readString(DOC);

    for (CheckIn value : CheckIn.values()) {
      assertThat(doc).contains("| `" + value.jsonName() + "`");
    }
    assertThat(doc).contains("| `failed` | `failed`, `errorCode` " + CheckIn.FAILED_ERROR_CODE);
  }

  @Test
  void theExampleInventoryEndsEachResetAsTheDocSays() throws IOException {
    String doc = Files.readString(DOC);
    Path file = Files.writeString(dir.resolve("devices.json"), documentedInventory(doc));
    assertThat(doc).contains("sandbox/run up --inventory devices.json\n");
    DeviceInventory inventory = DeviceInventory.fromJson(file);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("KIOSK-01", "done");
    expected.put("KIOSK-02", "pending");
    expected.put("KIOSK-03", "failed");
    expected.put("IPHONE-04", "canceled");
    expected.put("KIOSK-05", "notSupported");
    assertThat(inventory.devices())
        .extracting(d -> d.deviceName().orElseThrow())
        .containsExactlyElementsOf(expected.keySet());
    assertThat(doc)
        .contains(
            "KIOSK-01 ends `done` with a passcode, KIOSK-02 stays `pending`, KIOSK-03 ends\n"
                + "`failed`, IPHONE-04 (supervised) `canceled`, and KIOSK-05, which last synced in"
                + " January 2025,\n`notSupported`.");

    MutableClock clock = MutableClock.at("2026-11-10T09:00:00Z");
    try (GraphSimulator sim =
        GraphSimulator.builder()
            .inventory(inventory)
            .clock(clock)
            .passcodeReadyAfter(READY_AFTER)
            .random(new Random(3))
            .start()) {
      RawHttp http = new RawHttp(sim);
      for (SimulatedDevice device : inventory.devices()) {
        assertThat(http.post(RawHttp.resetPath(device.id())).statusCode()).isEqualTo(204);
      }
      clock.advance(READY_AFTER);

      for (SimulatedDevice device : inventory.devices()) {
        String name = device.deviceName().orElseThrow();
        JsonNode body = RawHttp.json(http.get(RawHttp.devicePath(device.id())));
        JsonNode entry = body.get("deviceActionResults").get(0);
        assertThat(entry.get("actionState").asText()).as(name).isEqualTo(expected.get(name));
        assertThat(entry.get("passcode").isNull()).as(name).isEqualTo(!name.equals("KIOSK-01"));
        assertThat(body.has("checkIn")).as(name).isFalse();
      }
      JsonNode stale = RawHttp.json(http.get(RawHttp.devicePath(inventory.ids().get(4))));
      assertThat(Instant.parse(stale.get("lastSyncDateTime").asText()))
          .as("the check-in that answered notSupported")
          .isEqualTo(clock.instant());
      JsonNode iphone = RawHttp.json(http.get(RawHttp.devicePath(inventory.ids().get(3))));
      assertThat(iphone.get("isSupervised").asBoolean()).isTrue();
    }
  }
}
