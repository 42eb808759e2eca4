package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Users, groups and listing devices" example of docs/integration.md stays true: its inventory
 * loads, each curl gets the status and the names its comment gives, and its Java snippet (this
 * test's own code) makes the listing refuse the unsupported filter and read startswith as contains.
 */
class ListingDocTest {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Path SELF =
      Path.of("src/test/java/dev/intunereset/sandbox/graph/ListingDocTest.java");
  private static final Pattern HEREDOC =
      Pattern.compile("cat > directory\\.json <<'EOF'\n(.*?\n)EOF\n", Pattern.DOTALL);
  private static final Pattern CURL =
      Pattern.compile(
          "# (\\d{3}): (.*)\ncurl -s((?: -H '[^']+')+) \\\\\n +'http://127\\.0\\.0\\.1:8085(/beta/[^']+)'\n");
  private static final Pattern HEADER = Pattern.compile("-H '([^:]+): ([^']+)'");
  private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  private static String section() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("### Users, groups and listing devices\n");
    assertThat(start).as("%s has the section", DOC).isNotNegative();
    return doc.substring(start, doc.indexOf("\n### ", start + 1));
  }

  private GraphSimulator documentedSimulator(String section) throws IOException {
    Matcher heredoc = HEREDOC.matcher(section);
    assertThat(heredoc.find()).as("the section writes directory.json").isTrue();
    assertThat(section).contains("sandbox/run up --inventory directory.json\n");
    Path file = Files.writeString(dir.resolve("directory.json"), heredoc.group(1));
    return GraphSimulator.builder().inventory(DeviceInventory.fromJson(file)).start();
  }

  @Test
  void eachCurlGetsTheStatusAndTheNamesItsCommentGives() throws IOException {
    String section = section();
    try (GraphSimulator sim = documentedSimulator(section)) {
      Matcher curl = CURL.matcher(section);
      int checked = 0;
      while (curl.find()) {
        HttpResponse<String> answer = send(sim, curl.group(3), curl.group(4));
        String says = curl.group(2);
        assertThat(answer.statusCode()).as(says).isEqualTo(Integer.parseInt(curl.group(1)));
        JsonNode body = RawHttp.json(answer);
        if (answer.statusCode() == 200) {
          String names = says.split(", from ")[0];
          assertThat(names(body)).as(says).isEqualTo(Arrays.asList(names.split(", ")));
        } else {
          assertThat(says).startsWith(body.at("/error/code").asText());
        }
        checked++;
      }
      assertThat(checked).as("curl examples").isEqualTo(7);
    }
  }

  @Test
  void theJavaSnippetIsThisTestAndMakesTheListingStrictWithStartswithAsContains()
      throws IOException {
    String section = section();
    Matcher java = JAVA.matcher(section);
    assertThat(java.find()).isTrue();
    assertThat(DocSnippets.own(SELF)).isEqualTo(DocSnippets.normalized(java.group(1)));

    try (GraphSimulator sim = documentedSimulator(section)) {
      // snippet:start
      sim.behavior(
          SimulatorBehavior.builder()
              .filterDefect(SimulatorBehavior.FilterDefect.NONE)
              .startsWithAsContains(true)
              .build());
      // snippet:end

      RawHttp http = new RawHttp(sim);
      String list = "/beta/deviceManagement/managedDevices?$select=deviceName&$filter=";
      int strict = http.get(list + "userPrincipalName%20eq%20%27alice@contoso.com%27").statusCode();
      JsonNode pixel = RawHttp.json(http.get(list + "startswith(deviceName,%27PIXEL%27)"));

      assertThat(strict).isEqualTo(400);
      assertThat(names(pixel)).containsExactly("ALICE-PIXEL");
      assertThat(section)
          .contains("The `userPrincipalName` filter above then answers 400")
          .contains("`startswith(deviceName,'PIXEL')` finds ALICE-PIXEL");
    }
  }

  private static HttpResponse<String> send(GraphSimulator sim, String headers, String path) {
    RawHttp http = new RawHttp(sim);
    HttpRequest.Builder request = http.request(path).GET();
    Matcher header = HEADER.matcher(headers);
    while (header.find()) {
      request.header(header.group(1), header.group(2));
    }
    return http.send(request);
  }

  /** The deviceName, displayName or userPrincipalName of each listed item, in order. */
  private static List<String> names(JsonNode body) {
    List<String> names = new ArrayList<>();
    for (JsonNode item : body.get("value")) {
      for (String field : List.of("deviceName", "displayName", "userPrincipalName")) {
        if (item.hasNonNull(field)) {
          names.add(item.get(field).asText());
          break;
        }
      }
    }
    return names;
  }
}
