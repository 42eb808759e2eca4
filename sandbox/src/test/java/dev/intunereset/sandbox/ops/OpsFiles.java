package dev.intunereset.sandbox.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operations artifacts of the repository (deploy/, docker-compose.yml, the Dockerfiles,
 * docs/operations.md), found from the test's working directory and parsed as the tools that consume
 * them would: YAML files as streams of documents, the dashboard as JSON.
 */
public final class OpsFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpsFiles() {}

  /** The repository root: the nearest ancestor of the working directory with docker-compose.yml. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml"))
          && Files.isDirectory(p.resolve("deploy"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml and deploy/ above " + dir);
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static String text(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-empty document of a (multi-document) YAML file. */
  public static List<JsonNode> yamlDocuments(Path file) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
    return docs;
  }

  /** The single document of a YAML file. */
  public static JsonNode yaml(String relative) {
    List<JsonNode> docs = yamlDocuments(path(relative));
    if (docs.size() != 1) {
      throw new IllegalStateException(relative + " has " + docs.size() + " documents, expected 1");
    }
    return docs.get(0);
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  /** The YAML files of a directory (not recursive), sorted by name. */
  public static List<Path> yamlFiles(String relativeDir) {
    try (Stream<Path> files = Files.list(path(relativeDir))) {
      return files
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every Kubernetes object under deploy/kubernetes, the kustomization excepted. */
  public static List<JsonNode> kubernetesObjects() {
    List<JsonNode> objects = new ArrayList<>();
    for (Path file : yamlFiles("deploy/kubernetes")) {
      if (!file.getFileName().toString().startsWith("kustomization.")) {
        objects.addAll(yamlDocuments(file));
      }
    }
    return objects;
  }

  public static List<JsonNode> kubernetesObjects(String kind) {
    return kubernetesObjects().stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The one Kubernetes object of this kind. */
  public static JsonNode kubernetesObject(String kind) {
    List<JsonNode> found = kubernetesObjects(kind);
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " objects of kind " + kind + ", expected 1");
    }
    return found.get(0);
  }

  public static JsonNode compose() {
    return yaml("docker-compose.yml");
  }

  public static JsonNode dashboard() {
    return json("deploy/grafana/passcode-reset.json");
  }

  /** The plain Prometheus rules file (the PrometheusRule carries the same groups). */
  public static JsonNode rulesFile() {
    return yaml("deploy/prometheus/rules/passcode-reset.rules.yml");
  }

  /** A YAML mapping of scalars as a Java map (ConfigMap data, compose environment). */
  public static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isArray()) {
      // compose's list form: KEY=value
      for (JsonNode item : node) {
        String s = item.asText();
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
    }
    return out;
  }
}
