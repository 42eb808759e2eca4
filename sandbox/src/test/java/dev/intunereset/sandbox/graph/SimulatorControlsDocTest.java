package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Fault controls" section of docs/integration.md stays true: each curl, run in order against a
 * simulator, gets the status and the answer its comment gives; and the serial number the doc gives
 * as an example is the generated one.
 */
class SimulatorControlsDocTest {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Pattern CURL =
      Pattern.compile(
          "# (\\d{3}): (.*)\ncurl -s((?: -X \\w+)?)((?: -H '[^']+')*)((?: -d '[^']+')?)"
              + "(?: \\\\\n +| )http://127\\.0\\.0\\.1:8085(/\\S+)\n");
  private static final Pattern HEADER = Pattern.compile("-H '([^:]+): ([^']+)'");

  private static String section() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("### Fault controls\n");
    assertThat(start).as("%s has the section", DOC).isNotNegative();
    return doc.substring(start, doc.indexOf("\n### ", start + 1));
  }

  @Test
  void eachCurlGetsTheStatusAndTheAnswerItsCommentGives() throws IOException {
    String section = section();
    MutableClock clock = MutableClock.at("2026-12-08T10:00:00Z");
    try (GraphSimulator sim =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(5))
            .clock(clock)
            .handlerThreads(2)
            .start()) {
      assertThat(section)
          .contains("`GRAPH_SIMULATOR_ADMIN_URL=http://127.0.0.1:8085/_sim/behavior`");
      assertThat(sim.adminUrl()).endsWith("/_sim/behavior");
      Matcher curl = CURL.matcher(section);
      int checked = 0;
      while (curl.find()) {
        HttpResponse<String> answer = send(sim, curl);
        String says = curl.group(2);

        assertThat(answer.statusCode()).as(says).isEqualTo(Integer.parseInt(curl.group(1)));
        if (says.startsWith("{")) {
          assertThat(RawHttp.json(answer)).as(says).isEqualTo(RawHttp.JSON.readTree(says));
        }
        checked++;
      }
      assertThat(checked).as("curl examples").isEqualTo(5);
    }
  }

  @Test
  void theSerialNumberExampleIsDevice42sOfTheDefaultTenant() throws IOException {
    assertThat(Files.readString(DOC))
        .contains("(`SN0000000042`\nfor device 42 of the default tenant)");
    assertThat(DeviceInventory.deterministic(43).devices().get(42).properties())
        .containsEntry("serialNumber", "SN0000000042");
  }

  private static HttpResponse<String> send(GraphSimulator sim, Matcher curl) {
    RawHttp http = new RawHttp(sim);
    HttpRequest.Builder request = http.request(curl.group(6));
    Matcher header = HEADER.matcher(curl.group(4));
    while (header.find()) {
      request.header(header.group(1), header.group(2));
    }
    String method = curl.group(3).isEmpty() ? "GET" : curl.group(3).strip().substring(3);
    String data = curl.group(5).isEmpty() ? "" : curl.group(5).strip();
    String body = data.isEmpty() ? "" : data.substring(4, data.length() - 1);
    request.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request);
  }
}
