package dev.intunereset.sandbox.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intunereset.contracts.Durations;
import dev.intunereset.contracts.RequestLimits;
import dev.intunereset.worker.config.ConfigKey;
import dev.intunereset.worker.config.ConfigKeys;
import dev.intunereset.worker.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: parses every manifest and checks that the pieces agree with each other and
 * with the worker (its config keys and defaults, its ports, its drain time, its topics).
 */
class KubernetesManifestsTest {
  private static final String CONFIG_MAP = "passcode-reset-worker";
  private static final Set<String> CONFIG_MAP_OVERRIDES = Set.of("KAFKA_BOOTSTRAP_SERVERS");

  static Set<String> configKeyNames() {
    return ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
  }

  /** Default topic names of the worker's TOPIC_* keys. */
  static Map<String, String> defaultTopics() {
    Map<String, String> topics = new LinkedHashMap<>();
    for (ConfigKey<?> k : ConfigKeys.ALL) {
      if (k.name().startsWith("TOPIC_")) {
        topics.put(k.name(), k.defaultValue());
      }
    }
    return topics;
  }

  private static Map<String, String> configMapData() {
    JsonNode cm = OpsFiles.kubernetesObject("ConfigMap");
    assertThat(cm.path("metadata").path("name").asText()).isEqualTo(CONFIG_MAP);
    return OpsFiles.stringMap(cm.path("data"));
  }

  private static JsonNode statefulSet() {
    return OpsFiles.kubernetesObject("StatefulSet");
  }

  private static JsonNode podSpec() {
    return statefulSet().path("spec").path("template").path("spec");
  }

  private static JsonNode workerContainer() {
    JsonNode containers = podSpec().path("containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> podLabels() {
    return OpsFiles.stringMap(
        statefulSet().path("spec").path("template").path("metadata").path("labels"));
  }

  private static int opsPort() {
    return Integer.parseInt(configMapData().get("OPS_HTTP_PORT"));
  }

  @Test
  void everyManifestParsesAndIsNamespaceAgnostic() {
    List<JsonNode> objects = OpsFiles.kubernetesObjects();
    assertThat(objects).hasSizeGreaterThanOrEqualTo(14);
    for (JsonNode o : objects) {
      String id = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
      assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", id).isNotBlank();
      assertThat(o.path("kind").asText()).as("kind of %s", id).isNotBlank();
      assertThat(o.path("metadata").path("name").asText()).as("name of %s", id).isNotBlank();
      assertThat(o.path("metadata").has("namespace")).as("%s names a namespace", id).isFalse();
    }
    assertThat(objects.stream().map(o -> o.path("kind").asText()))
        .contains(
            "ConfigMap",
            "StatefulSet",
            "Service",
            "PodDisruptionBudget",
            "NetworkPolicy",
            "ScaledObject",
            "KafkaTopic",
            "PodMonitor",
            "PrometheusRule");
  }

  @Test
  void noSecretValuesLiveInTheRepository() {
    assertThat(OpsFiles.kubernetesObjects("Secret")).as("Secret objects").isEmpty();
    for (JsonNode env : workerContainer().path("env")) {
      String name = env.path("name").asText();
      if (name.startsWith("AZURE_") || name.equals("GRAPH_STATIC_TOKEN")) {
        assertThat(env.has("value")).as("%s has a literal value", name).isFalse();
      }
    }
    assertThat(configMapData()).doesNotContainKeys("AZURE_CLIENT_SECRET", "GRAPH_STATIC_TOKEN");
    JsonNode secretRef = envEntry("AZURE_CLIENT_SECRET").path("valueFrom").path("secretKeyRef");
    assertThat(secretRef.path("name").asText()).isEqualTo("passcode-reset-graph-credentials");
    assertThat(secretRef.path("key").asText()).isEqualTo("AZURE_CLIENT_SECRET");
  }

  private static JsonNode envEntry(String name) {
    for (JsonNode env : workerContainer().path("env")) {
      if (name.equals(env.path("name").asText())) {
        return env;
      }
    }
    throw new AssertionError("no env entry " + name);
  }

  @Test
  void theKustomizationListsEveryManifest() {
    JsonNode k = OpsFiles.yaml("deploy/kubernetes/kustomization.yaml");
    Set<String> listed = new HashSet<>();
    k.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> files =
        OpsFiles.yamlFiles("deploy/kubernetes").stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> !n.startsWith("kustomization."))
            .collect(Collectors.toSet());
    assertThat(listed).isEqualTo(files);
  }

  @Test
  void everyEnvironmentVariableIsAWorkerConfigKey() {
    Set<String> keys = configKeyNames();
    assertThat(configMapData().keySet()).as("ConfigMap keys").isSubsetOf(keys);
    List<String> envNames = new ArrayList<>();
    workerContainer().path("env").forEach(e -> envNames.add(e.path("name").asText()));
    assertThat(envNames).as("container env names").isSubsetOf(keys);
    JsonNode envFrom = workerContainer().path("envFrom");
    assertThat(envFrom).hasSize(1);
    assertThat(envFrom.get(0).path("configMapRef").path("name").asText()).isEqualTo(CONFIG_MAP);
  }

  @Test
  void theConfigMapCarriesTheWorkerDefaults() {
    Map<String, String> defaults =
        ConfigKeys.ALL.stream().collect(Collectors.toMap(ConfigKey::name, ConfigKey::defaultValue));
    configMapData()
        .forEach(
            (key, value) -> {
              if (!CONFIG_MAP_OVERRIDES.contains(key)) {
                assertThat(value)
                    .as("ConfigMap %s vs ConfigKeys default", key)
                    .isEqualTo(defaults.get(key));
              }
            });
  }

  @Test
  void theDeployedEnvironmentPassesTheWorkersValidation() {
    Map<String, String> env = new HashMap<>(configMapData());
    assertThat(
            envEntry("WORKER_INSTANCE_ID")
                .path("valueFrom")
                .path("fieldRef")
                .path("fieldPath")
                .asText())
        .as("WORKER_INSTANCE_ID is the pod name")
        .isEqualTo("metadata.name");
    env.put("WORKER_INSTANCE_ID", statefulSet().path("metadata").path("name").asText() + "-11");
    // What the Secret provides, with made-up values of the right shape.
    env.put("AZURE_TENANT_ID", "contoso.onmicrosoft.com");
    env.put("AZURE_CLIENT_ID", "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    env.put("AZURE_CLIENT_SECRET", "not-a-real-secret");
    assertThat(env.get("GRAPH_AUTH_MODE")).isEqualTo("client-secret");
    assertThatCode(() -> ConfigReader.read(env)).doesNotThrowAnyException();
  }

  @Test
  void probesAndPortsPointAtTheOpsEndpoints() {
    int port = opsPort();
    JsonNode c = workerContainer();
    JsonNode ports = c.path("ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).path("name").asText()).isEqualTo("ops");
    assertThat(ports.get(0).path("containerPort").asInt()).isEqualTo(port);
    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/live");
    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/ready");
    assertThat(c.path("startupProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/live");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(c.path(probe).path("httpGet").path("port").asText())
          .as(probe)
          .isIn("ops", "" + port);
    }
    JsonNode service = OpsFiles.kubernetesObject("Service");
    assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
        .isEqualTo("ops");
    assertThat(statefulSet().path("spec").path("serviceName").asText())
        .isEqualTo(service.path("metadata").path("name").asText());
    JsonNode endpoint =
        OpsFiles.kubernetesObject("PodMonitor").path("spec").path("podMetricsEndpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo("ops");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    Map<String, String> annotations =
        OpsFiles.stringMap(
            statefulSet().path("spec").path("template").path("metadata").path("annotations"));
    assertThat(annotations).containsEntry("prometheus.io/port", "" + port);
    assertThat(annotations).containsEntry("prometheus.io/path", "/metrics");
    JsonNode ingress = OpsFiles.kubernetesObject("NetworkPolicy").path("spec").path("ingress");
    assertThat(ingress).hasSize(1);
    assertThat(ingress.get(0).path("ports").get(0).path("port").asInt()).isEqualTo(port);
  }

  @Test
  void theGracePeriodCoversTheDrain() {
    Duration callTimeout = Durations.parse(configMapData().get("GRAPH_CALL_TIMEOUT")).orElseThrow();
    Duration drain = callTimeout.plusSeconds(5);
    long grace = podSpec().path("terminationGracePeriodSeconds").asLong();
    assertThat(grace).isGreaterThan(35);
    assertThat(grace).as("grace vs GRAPH_CALL_TIMEOUT + 5 s").isGreaterThan(drain.toSeconds());
  }

  @Test
  void thePodRunsLockedDown() {
    JsonNode pod = podSpec().path("securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isPositive();
    assertThat(pod.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    assertThat(podSpec().path("automountServiceAccountToken").asBoolean(true)).isFalse();
    JsonNode c = workerContainer().path("securityContext");
    assertThat(c.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(c.path("capabilities").path("drop"))
        .extracting(JsonNode::asText)
        .containsExactly("ALL");
    // A read-only root needs a writable /tmp for the JVM.
    assertThat(workerContainer().path("volumeMounts"))
        .anySatisfy(m -> assertThat(m.path("mountPath").asText()).isEqualTo("/tmp"));
    JsonNode resources = workerContainer().path("resources");
    assertThat(resources.path("requests").path("memory").asText()).isNotBlank();
    assertThat(resources.path("requests").path("cpu").asText()).isNotBlank();
    assertThat(resources.path("limits").path("memory").asText()).isNotBlank();
  }

  @Test
  void everySelectorSelectsTheWorkerPods() {
    Map<String, String> labels = podLabels();
    List<Map.Entry<String, JsonNode>> selectors =
        List.of(
            Map.entry(
                "StatefulSet", statefulSet().path("spec").path("selector").path("matchLabels")),
            Map.entry(
                "Service", OpsFiles.kubernetesObject("Service").path("spec").path("selector")),
            Map.entry(
                "PodDisruptionBudget",
                OpsFiles.kubernetesObject("PodDisruptionBudget")
                    .path("spec")
                    .path("selector")
                    .path("matchLabels")),
            Map.entry(
                "NetworkPolicy",
                OpsFiles.kubernetesObject("NetworkPolicy")
                    .path("spec")
                    .path("podSelector")
                    .path("matchLabels")),
            Map.entry(
                "PodMonitor",
                OpsFiles.kubernetesObject("PodMonitor")
                    .path("spec")
                    .path("selector")
                    .path("matchLabels")),
            Map.entry(
                "topologySpreadConstraints",
                podSpec()
                    .path("topologySpreadConstraints")
                    .get(0)
                    .path("labelSelector")
                    .path("matchLabels")));
    for (Map.Entry<String, JsonNode> s : selectors) {
      Map<String, String> selector = OpsFiles.stringMap(s.getValue());
      assertThat(selector).as("%s selector", s.getKey()).isNotEmpty();
      assertThat(labels).as("pod labels vs %s selector", s.getKey()).containsAllEntriesOf(selector);
    }
    assertThat(
            OpsFiles.kubernetesObject("PodDisruptionBudget")
                .path("spec")
                .path("maxUnavailable")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void kedaScalesTheStatefulSetOnTheDispatchGroupsLag() {
    JsonNode so = OpsFiles.kubernetesObject("ScaledObject").path("spec");
    JsonNode target = so.path("scaleTargetRef");
    assertThat(target.path("kind").asText()).isEqualTo("StatefulSet");
    assertThat(target.path("name").asText())
        .isEqualTo(statefulSet().path("metadata").path("name").asText());
    assertThat(statefulSet().path("spec").has("replicas"))
        .as("replicas in the StatefulSet would fight KEDA on every apply")
        .isFalse();
    JsonNode trigger = so.path("triggers").get(0);
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    Map<String, String> meta = OpsFiles.stringMap(trigger.path("metadata"));
    Map<String, String> cm = configMapData();
    assertThat(meta).containsEntry("consumerGroup", cm.get("KAFKA_GROUP_ID") + "-dispatch");
    assertThat(meta).containsEntry("bootstrapServers", cm.get("KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(meta).containsEntry("topic", cm.get("TOPIC_DEVICE_TASKS"));
    int partitions = strimziTopics().get(cm.get("TOPIC_DEVICE_TASKS")).path("partitions").asInt();
    assertThat(so.path("maxReplicaCount").asInt())
        .as("replicas beyond the task topic's partitions would sit idle")
        .isLessThanOrEqualTo(partitions);
    assertThat(so.path("minReplicaCount").asInt()).isBetween(1, so.path("maxReplicaCount").asInt());
  }

  /** Strimzi KafkaTopics by topic name. */
  static Map<String, JsonNode> strimziTopics() {
    Map<String, JsonNode> topics = new LinkedHashMap<>();
    for (JsonNode t : OpsFiles.kubernetesObjects("KafkaTopic")) {
      JsonNode spec = t.path("spec");
      String name =
          spec.hasNonNull("topicName")
              ? spec.get("topicName").asText()
              : t.path("metadata").path("name").asText();
      assertThat(topics.put(name, spec)).as("topic %s declared twice", name).isNull();
    }
    return topics;
  }

  @Test
  void strimziDeclaresExactlyTheEightTopicsWithTheirInvariants() {
    Map<String, String> cm = configMapData();
    Map<String, String> topicKeys = defaultTopics();
    assertThat(topicKeys).hasSize(10);
    topicKeys.forEach(
        (key, def) -> assertThat(cm).as("ConfigMap topic key").containsEntry(key, def));
    Map<String, JsonNode> topics = strimziTopics();
    assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(topicKeys.values());

    JsonNode requests = topics.get(topicKeys.get("TOPIC_REQUESTS"));
    JsonNode accepted = topics.get(topicKeys.get("TOPIC_ACCEPTED_REQUESTS"));
    JsonNode approvals = topics.get(topicKeys.get("TOPIC_APPROVALS"));
    JsonNode brake = topics.get(topicKeys.get("TOPIC_BRAKE"));
    JsonNode cancellations = topics.get(topicKeys.get("TOPIC_CANCELLATIONS"));
    assertThat(accepted.path("partitions").asInt())
        .as("accepted-requests partitions must equal requests partitions")
        .isEqualTo(requests.path("partitions").asInt());
    assertThat(approvals.path("partitions").asInt())
        .as("approvals partitions must equal requests partitions")
        .isEqualTo(requests.path("partitions").asInt());
    assertThat(topics.get(topicKeys.get("TOPIC_EXPANSIONS")).path("partitions").asInt())
        .as("expansions partitions must equal requests partitions")
        .isEqualTo(requests.path("partitions").asInt());
    assertThat(accepted.path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    assertThat(brake.path("config").path("cleanup.policy").asText()).isEqualTo("compact");
    assertThat(brake.path("partitions").asInt()).as("one brake state").isEqualTo(1);
    assertThat(cancellations.path("config").path("cleanup.policy").asText())
        .as("one order per request, gone once no task of it can start")
        .isEqualTo("compact,delete");
    topics.forEach(
        (name, spec) -> {
          if (spec != accepted && spec != brake && spec != cancellations) {
            assertThat(spec.path("config").path("cleanup.policy").asText())
                .as(name)
                .isEqualTo("delete");
          }
          assertThat(spec.path("partitions").asInt()).as("%s partitions", name).isPositive();
          assertThat(spec.path("config").path("min.insync.replicas").asInt())
              .as("%s min.insync.replicas < replicas", name)
              .isLessThan(spec.path("replicas").asInt());
        });

    long maxTimeoutMs = Durations.parse(cm.get("REQUEST_MAX_TIMEOUT")).orElseThrow().toMillis();
    for (String key :
        List.of(
            "TOPIC_DEVICE_TASKS",
            "TOPIC_DEVICE_TASKS_INTERACTIVE",
            "TOPIC_RESULTS",
            "TOPIC_CANCELLATIONS",
            "TOPIC_EXPANSIONS")) {
      assertThat(topics.get(topicKeys.get(key)).path("config").path("retention.ms").asLong())
          .as("%s retention vs REQUEST_MAX_TIMEOUT", key)
          .isGreaterThan(maxTimeoutMs);
    }
    // Settlement replays the results topic from the acceptance of the oldest request it follows,
    // which may be REQUEST_MAX_TIMEOUT plus the longest settle timeout old.
    assertThat(
            topics.get(topicKeys.get("TOPIC_RESULTS")).path("config").path("retention.ms").asLong())
        .as("results retention vs REQUEST_MAX_TIMEOUT + the longest settle timeout")
        .isGreaterThan(maxTimeoutMs + RequestLimits.MAX_SETTLE_TIMEOUT.toMillis());
    long maxBytes = Long.parseLong(cm.get("REQUEST_MAX_BYTES"));
    for (String key : List.of("TOPIC_REQUESTS", "TOPIC_REQUESTS_DLQ", "TOPIC_ACCEPTED_REQUESTS")) {
      assertThat(topics.get(topicKeys.get(key)).path("config").path("max.message.bytes").asLong())
          .as("%s max.message.bytes vs REQUEST_MAX_BYTES", key)
          .isGreaterThan(maxBytes);
    }
    assertThat(topics.get(topicKeys.get("TOPIC_DEVICE_TASKS")).path("partitions").asInt())
        .as("the bulk task topic has the most partitions")
        .isEqualTo(
            topics.values().stream()
                .mapToInt(t -> t.path("partitions").asInt())
                .max()
                .orElseThrow());
  }

  @Test
  void kafkaClusterNameAgreesEverywhere() {
    Set<String> clusters =
        OpsFiles.kubernetesObjects("KafkaTopic").stream()
            .map(t -> t.path("metadata").path("labels").path("strimzi.io/cluster").asText())
            .collect(Collectors.toSet());
    assertThat(clusters).hasSize(1);
    String cluster = clusters.iterator().next();
    assertThat(configMapData().get("KAFKA_BOOTSTRAP_SERVERS"))
        .startsWith(cluster + "-kafka-bootstrap");
    JsonNode kafkaEgress = null;
    for (JsonNode rule : OpsFiles.kubernetesObject("NetworkPolicy").path("spec").path("egress")) {
      for (JsonNode to : rule.path("to")) {
        if (to.path("podSelector").path("matchLabels").has("strimzi.io/cluster")) {
          kafkaEgress = rule;
          assertThat(to.path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText())
              .isEqualTo(cluster);
        }
      }
    }
    assertThat(kafkaEgress).as("egress rule to the Kafka brokers").isNotNull();
    String bootstrap = configMapData().get("KAFKA_BOOTSTRAP_SERVERS");
    int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    assertThat(kafkaEgress.path("ports").get(0).path("port").asInt()).isEqualTo(kafkaPort);
  }

  @Test
  void egressAllowsDnsAndHttpsToEntraAndGraph() {
    Set<String> ports = new HashSet<>();
    for (JsonNode rule : OpsFiles.kubernetesObject("NetworkPolicy").path("spec").path("egress")) {
      for (JsonNode p : rule.path("ports")) {
        ports.add(p.path("protocol").asText() + "/" + p.path("port").asText());
      }
    }
    assertThat(ports).contains("UDP/53", "TCP/53", "TCP/443");
    assertThat(configMapData().get("GRAPH_BASE_URL")).startsWith("https://");
    assertThat(configMapData().get("AZURE_AUTHORITY_HOST")).startsWith("https://");
  }

  @Test
  void thePrometheusRuleCarriesExactlyThePlainRulesFile() {
    JsonNode rule = OpsFiles.kubernetesObject("PrometheusRule");
    assertThat(rule.path("spec")).isEqualTo(OpsFiles.rulesFile());
  }

  @Test
  void everyYamlFileUnderDeployParses() throws Exception {
    List<Path> files;
    try (var walk = java.nio.file.Files.walk(OpsFiles.path("deploy"))) {
      files =
          walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path file : files) {
      List<JsonNode> docs = OpsFiles.yamlDocuments(file);
      assertThat(docs).as("documents in %s", file).isNotEmpty();
      assertThat(docs).as("documents in %s are mappings", file).allMatch(JsonNode::isObject);
    }
  }
}
