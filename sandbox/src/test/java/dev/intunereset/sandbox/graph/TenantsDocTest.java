package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "Many tenants" example of docs/integration.md stays true: its command line starts the tenants
 * it says, each curl gets the status its comment gives, and its Java snippet (which is this test's
 * own code) leaves the worker's app the POSTs the text says.
 */
class TenantsDocTest {
  private static final Path DOC = Path.of("..", "docs", "integration.md");
  private static final Path SELF =
      Path.of("src/test/java/dev/intunereset/sandbox/graph/TenantsDocTest.java");
  private static final Pattern COMMAND =
      Pattern.compile(
          "docker run --rm -p 8085:8085 passcode-reset-graph-sim:local (.*?)\n```", Pattern.DOTALL);
  private static final Pattern CURL =
      Pattern.compile(
          "# (\\d{3}): (.*)\ncurl -s -H 'Authorization: Bearer (\\S+)' \\\\\n"
              + " +http://127\\.0\\.0\\.1:8085(/beta/\\S+)\n");
  private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
  private static final String FABRIKAM = "8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f";
  private static final String WORKER_APP = "6f2d4b85-a07e-4c3b-8d94-5e1f8a0b2c34";

  private static String section() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("### Many tenants\n");
    assertThat(start).as("%s has a Many tenants section", DOC).isNotNegative();
    return doc.substring(start, doc.indexOf("\n## ", start));
  }

  @Test
  void theCommandLineServesTheTenantsAndEachCurlGetsItsStatus() throws IOException {
    String section = section();
    Matcher command = COMMAND.matcher(section);
    assertThat(command.find()).as("the docker run command").isTrue();
    String[] args = command.group(1).replace("\\\n", " ").trim().split("\\s+");
    SimulatorCommandLine options = SimulatorCommandLine.parse(args, Map.of());
    assertThat(options.tenants()).hasSize(2);

    try (GraphSimulator sim = options.toBuilder().host("127.0.0.1").port(0).start()) {
      assertThat(sim.tenants()).hasSize(3);
      Matcher curl = CURL.matcher(section);
      int checked = 0;
      while (curl.find()) {
        HttpResponse<String> answer = new RawHttp(sim, curl.group(3)).get(curl.group(4));
        String says = curl.group(2);
        assertThat(answer.statusCode()).as(says).isEqualTo(Integer.parseInt(curl.group(1)));
        if (says.startsWith("ResourceNotFound")) {
          assertThat(RawHttp.json(answer).at("/error/code").asText()).isEqualTo("ResourceNotFound");
        } else {
          assertThat(says).contains("(" + RawHttp.json(answer).get("deviceName").asText() + ")");
        }
        checked++;
      }
      assertThat(checked).as("curl examples").isEqualTo(3);
    }
  }

  @Test
  void theJavaSnippetIsThisTestAndTheNeighbourLeaves100Posts() throws IOException {
    Matcher java = JAVA.matcher(section());
    assertThat(java.find()).isTrue();
    assertThat(DocSnippets.own(SELF)).isEqualTo(DocSnippets.normalized(java.group(1)));

    // snippet:start
    GraphSimulator sim =
        GraphSimulator.builder()
            .tenant(FABRIKAM, "Fabrikam", DeviceInventory.deterministic(1_000, 1))
            .token("fabrikam-worker", FABRIKAM, WORKER_APP)
            .behavior(SimulatorBehavior.builder().intuneThrottling().build())
            .start();
    sim.noisyNeighbour(FABRIKAM, 300, 0);
    // snippet:end

    try (sim) {
      RawHttp worker = new RawHttp(sim, "fabrikam-worker");
      int accepted = 0;
      for (int i = 0; i < 200; i++) {
        String id = DeviceInventory.deterministicId(i, 1);
        if (worker.post(RawHttp.resetPath(id)).statusCode() == 204) {
          accepted++;
        }
      }
      assertThat(accepted).isEqualTo(100);
      assertThat(section()).contains("The worker's app then gets 100 POSTs in 20 s in Fabrikam");
    }
  }
}
