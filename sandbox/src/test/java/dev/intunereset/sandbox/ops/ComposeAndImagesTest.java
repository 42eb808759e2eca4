package dev.intunereset.sandbox.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.Durations;
import dev.intunereset.sandbox.graph.GraphSimulatorMain;
import dev.intunereset.sandbox.kafka.TopicSpec;
import dev.intunereset.sandbox.stack.SandboxStack;
import dev.intunereset.worker.WorkerMain;
import dev.intunereset.worker.config.ConfigKeys;
import dev.intunereset.worker.config.ConfigReader;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Prometheus and Grafana files it mounts, and the two Dockerfiles: parsed
 * and checked against the worker (config keys, ports, drain time), the sandbox's topics and the
 * Kubernetes manifests. Compose itself cannot run here, so this is what stands in for it.
 */
class ComposeAndImagesTest {
  private static final Pattern CREATE =
      Pattern.compile("^\\s*create\\s+(\\S+)\\s+(\\d+)(.*)$", Pattern.MULTILINE);
  private static final Pattern CONFIG = Pattern.compile("--config\\s+([^=\\s]+)=(\\S+)");

  private static JsonNode service(String name) {
    JsonNode s = OpsFiles.compose().path("services").path(name);
    assertThat(s.isObject()).as("compose service %s", name).isTrue();
    return s;
  }

  private static Map<String, String> workerEnv() {
    return OpsFiles.stringMap(service("worker").path("environment"));
  }

  private static List<String> simulatorArgs() {
    List<String> args = new ArrayList<>();
    service("graph-sim").path("command").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static String simulatorFlag(String flag) {
    List<String> args = simulatorArgs();
    int i = args.indexOf(flag);
    assertThat(i).as("simulator flag %s", flag).isNotNegative();
    return args.get(i + 1);
  }

  /** The topics topic-init creates: name to partitions and --config entries. */
  static Map<String, TopicSpec> composeTopics() {
    JsonNode command = service("topic-init").path("command");
    String script = command.isArray() ? command.get(command.size() - 1).asText() : command.asText();
    Map<String, TopicSpec> topics = new LinkedHashMap<>();
    Matcher m = CREATE.matcher(script);
    while (m.find()) {
      Map<String, String> configs = new LinkedHashMap<>();
      Matcher c = CONFIG.matcher(m.group(3));
      while (c.find()) {
        configs.put(c.group(1), c.group(2));
      }
      TopicSpec spec = new TopicSpec(m.group(1), Integer.parseInt(m.group(2)), configs);
      assertThat(topics.put(spec.name(), spec)).as("topic %s created twice", spec.name()).isNull();
    }
    return topics;
  }

  @Test
  void theComposeFileHasTheWholeStack() {
    assertThat(OpsFiles.compose().path("services").fieldNames())
        .toIterable()
        .contains("kafka", "topic-init", "graph-sim", "worker", "prometheus", "grafana");
    assertThat(service("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(service("worker").path("build").path("dockerfile").asText())
        .isEqualTo("worker/Dockerfile");
    assertThat(service("graph-sim").path("build").path("dockerfile").asText())
        .isEqualTo("sandbox/Dockerfile");
  }

  @Test
  void everyMountedFileIsInTheRepository() {
    JsonNode services = OpsFiles.compose().path("services");
    services
        .fields()
        .forEachRemaining(
            s ->
                s.getValue()
                    .path("volumes")
                    .forEach(
                        v -> {
                          String source = v.asText().split(":")[0];
                          if (source.startsWith("./")) {
                            assertThat(Files.exists(OpsFiles.path(source.substring(2))))
                                .as("%s mounts %s", s.getKey(), source)
                                .isTrue();
                          }
                        }));
    for (String dockerfile : List.of("worker/Dockerfile", "sandbox/Dockerfile")) {
      assertThat(Files.isRegularFile(OpsFiles.path(dockerfile))).as(dockerfile).isTrue();
    }
  }

  @Test
  void eachImageBuildCopiesThePomOfEveryModuleTheReactorReads() {
    String rootPom = OpsFiles.text("pom.xml");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
    List<String> modules = new java.util.ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).contains("worker", "sandbox", "bench");
    for (String dockerfile : List.of("worker/Dockerfile", "sandbox/Dockerfile")) {
      String text = OpsFiles.text(dockerfile);
      for (String module : modules) {
        // Maven refuses a reactor whose listed module has no POM, whatever -pl selects.
        assertThat(
                text.contains("COPY " + module + "/pom.xml ")
                    || text.contains("COPY " + module + "/ "))
            .as("%s copies %s/pom.xml", dockerfile, module)
            .isTrue();
      }
    }
  }

  @Test
  void theWorkerEnvironmentUsesOnlyConfigKeysAndPassesValidation() {
    Map<String, String> env = workerEnv();
    assertThat(env.keySet()).isSubsetOf(KubernetesManifestsTest.configKeyNames());
    assertThat(env)
        .containsKeys(
            "KAFKA_BOOTSTRAP_SERVERS", "WORKER_INSTANCE_ID", "GRAPH_BASE_URL", "OPS_HTTP_PORT")
        .containsEntry("GRAPH_AUTH_MODE", "static-token");
    assertThatCode(() -> ConfigReader.read(env)).doesNotThrowAnyException();
  }

  @Test
  void theWorkerReachesTheSimulatorWithItsTokenOnLoopback() {
    Map<String, String> env = workerEnv();
    assertThat(env.get("GRAPH_STATIC_TOKEN")).isEqualTo(simulatorFlag("--token"));
    URI graph = URI.create(env.get("GRAPH_BASE_URL"));
    // Plain http is allowed only to loopback, hence the shared network namespace.
    assertThat(graph.getHost()).isEqualTo("127.0.0.1");
    assertThat(graph.getPort()).isEqualTo(Integer.parseInt(simulatorFlag("--port")));
    assertThat(graph.getPath()).isEqualTo("/beta");
    assertThat(service("worker").path("network_mode").asText()).isEqualTo("service:graph-sim");
    assertThat(simulatorFlag("--host")).isEqualTo("0.0.0.0");
  }

  @Test
  void theWorkerTalksToTheBrokersContainerListener() {
    String bootstrap = workerEnv().get("KAFKA_BOOTSTRAP_SERVERS");
    Map<String, String> kafka = OpsFiles.stringMap(service("kafka").path("environment"));
    assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("://" + bootstrap);
    assertThat(kafka).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
    assertThat(kafka).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    assertThat(service("topic-init").path("command").toString())
        .contains("--bootstrap-server " + bootstrap);
  }

  @Test
  void topicInitCreatesExactlyTheTopicsOfTheSandbox() {
    Map<String, TopicSpec> topics = composeTopics();
    Map<String, String> names = KubernetesManifestsTest.defaultTopics();
    assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(names.values());
    TopicSpec requests = topics.get(names.get("TOPIC_REQUESTS"));
    TopicSpec accepted = topics.get(names.get("TOPIC_ACCEPTED_REQUESTS"));
    assertThat(accepted.partitions()).isEqualTo(requests.partitions());
    assertThat(accepted.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.get(names.get("TOPIC_APPROVALS")).partitions())
        .isEqualTo(requests.partitions());
    assertThat(topics.get(names.get("TOPIC_EXPANSIONS")).partitions())
        .isEqualTo(requests.partitions());
    assertThat(topics.get(names.get("TOPIC_BRAKE")).configs())
        .containsEntry("cleanup.policy", "compact");
    // The same topics as the in-JVM sandbox, so the two local stacks behave alike.
    Map<String, TopicSpec> sandbox =
        SandboxStack.TOPICS.stream().collect(Collectors.toMap(TopicSpec::name, t -> t));
    assertThat(topics).isEqualTo(sandbox);
  }

  @Test
  void theWorkerDrainsBeforeComposeKillsIt() {
    Duration stop =
        Durations.parse(service("worker").path("stop_grace_period").asText()).orElseThrow();
    Duration drain =
        Durations.parse(ConfigKeys.GRAPH_CALL_TIMEOUT.defaultValue()).orElseThrow().plusSeconds(5);
    assertThat(stop).isGreaterThan(drain);
  }

  @Test
  void prometheusScrapesTheWorkerAndLoadsTheRules() {
    String ops = workerEnv().get("OPS_HTTP_PORT");
    JsonNode config = OpsFiles.yaml("deploy/prometheus/prometheus.yml");
    JsonNode job = null;
    for (JsonNode j : config.path("scrape_configs")) {
      if ("passcode-reset-worker".equals(j.path("job_name").asText())) {
        job = j;
      }
    }
    assertThat(job).as("scrape job passcode-reset-worker").isNotNull();
    assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
        .isEqualTo("worker:" + ops);
    // "worker" resolves to the namespace the worker shares with the simulator.
    assertThat(service("graph-sim").path("networks").path("default").path("aliases").toString())
        .contains("\"worker\"");
    assertThat(service("graph-sim").path("ports").toString()).contains(ops + ":" + ops);
    assertThat(config.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/rules/*.yml");
    assertThat(service("prometheus").path("volumes").toString())
        .contains("./deploy/prometheus/rules:/etc/prometheus/rules")
        .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
  }

  @Test
  void grafanaProvisionsTheDashboardFromDeploy() {
    JsonNode provider =
        OpsFiles.yaml("deploy/grafana/provisioning/dashboards/passcode-reset.yml")
            .path("providers")
            .get(0);
    String dir = provider.path("options").path("path").asText();
    assertThat(service("grafana").path("volumes").toString())
        .contains("./deploy/grafana/passcode-reset.json:" + dir + "/passcode-reset.json")
        .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning");
    JsonNode ds =
        OpsFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
            .path("datasources")
            .get(0);
    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
  }

  @Test
  void theWorkerImageRunsWorkerMainAsNonRootWithALivenessHealthcheck() {
    String dockerfile = OpsFiles.text("worker/Dockerfile");
    assertThat(dockerfile)
        .contains("FROM ${MAVEN_IMAGE} AS build")
        .contains("ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17")
        .contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre")
        .contains("-pl worker -am")
        .contains("dependency:copy-dependencies")
        .contains("\"" + WorkerMain.class.getName() + "\"]")
        .doesNotContain("HEALTHCHECK NONE");
    assertThat(line(dockerfile, "HEALTHCHECK", "CMD")).contains("/health/live");
    assertThat(line(dockerfile, "EXPOSE"))
        .isEqualTo("EXPOSE " + ConfigKeys.OPS_HTTP_PORT.defaultValue());
    String user = line(dockerfile, "USER").substring("USER ".length()).split(":")[0];
    int runAsUser =
        OpsFiles.kubernetesObject("StatefulSet")
            .path("spec")
            .path("template")
            .path("spec")
            .path("securityContext")
            .path("runAsUser")
            .asInt();
    assertThat(Integer.parseInt(user)).isPositive().isEqualTo(runAsUser);
  }

  @Test
  void theSimulatorImageRunsTheSimulatorMain() {
    String dockerfile = OpsFiles.text("sandbox/Dockerfile");
    assertThat(dockerfile)
        .contains("\"" + GraphSimulatorMain.class.getName() + "\"]")
        .contains("-pl sandbox -am");
    assertThat(line(dockerfile, "USER")).doesNotContain("root");
  }

  /** The text of the logical line starting with {@code keyword} (continuations joined). */
  private static String line(String dockerfile, String keyword, String... mustContain) {
    String joined = dockerfile.replace("\\\n", " ");
    for (String l : joined.split("\n")) {
      String t = l.trim();
      if (t.startsWith(keyword + " ")) {
        boolean all = true;
        for (String s : mustContain) {
          all &= t.contains(s);
        }
        if (all) {
          return t.replaceAll("\\s+", " ");
        }
      }
    }
    throw new AssertionError("no " + keyword + " line in Dockerfile");
  }
}
