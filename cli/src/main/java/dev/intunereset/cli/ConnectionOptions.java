package dev.intunereset.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Kafka connection options shared by every command. */
final class ConnectionOptions {
  static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
  static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Kafka bootstrap servers. Default: bootstrap.servers from --kafka-property or"
              + " --kafka-config, else $KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.")
  String bootstrapServers;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "Kafka client setting (TLS, SASL, ...), repeatable. Overrides --kafka-config.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties file (like the Kafka tools' --command-config). Prefer it for"
              + " secrets: command-line values are visible to other users of the machine.")
  Path kafkaConfig;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "Give up when Kafka cannot be reached within this time. Default: ${DEFAULT-VALUE}.")
  Duration connectTimeout;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log Kafka client warnings and show stack traces on stderr.")
  boolean verbose;

  /** The settings to connect with, given the process environment. */
  KafkaSettings resolve(Map<String, String> env) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (kafkaConfig != null) {
      props.putAll(readProperties(kafkaConfig));
    }
    props.putAll(kafkaProperties);
    String bootstrap = bootstrapServers;
    Object fromProps = props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    String fromEnv = env.get(BOOTSTRAP_ENV);
    if (isBlank(bootstrap)) {
      if (fromProps != null && !isBlank(fromProps.toString())) {
        bootstrap = fromProps.toString();
      } else if (!isBlank(fromEnv)) {
        bootstrap = fromEnv;
      } else {
        bootstrap = DEFAULT_BOOTSTRAP;
      }
    }
    return new KafkaSettings(bootstrap.strip(), props, connectTimeout);
  }

  private static Map<String, Object> readProperties(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE, "cannot read --kafka-config " + file + ": " + Errors.describe(e));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
