package dev.intunereset.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a control message (approval, brake release) against its contract schema and publishes it
 * to the approvals topic under the key that routes it.
 */
final class ControlMessageSender {
  private ControlMessageSender() {}

  /** Publishes {@code message}; exits 2 with every schema violation if it is not valid. */
  static void send(
      CliContext context,
      ConnectionOptions connection,
      String schemaResource,
      String topic,
      String key,
      ObjectNode message) {
    List<String> violations = violations(schemaResource, message);
    if (!violations.isEmpty()) {
      throw new CliException(
          ExitCodes.INVALID,
          "the message is invalid; nothing was published:\n  " + String.join("\n  ", violations));
    }
    KafkaSettings settings = connection.resolve(context.env());
    try (Transport.RequestSender sender = context.transport().sender(settings, topic)) {
      sender.send(key, Json.compact(message).getBytes(StandardCharsets.UTF_8));
    }
  }

  static List<String> violations(String schemaResource, JsonNode message) {
    return schema(schemaResource).validate(message).stream()
        .map(ControlMessageSender::describe)
        .sorted()
        .distinct()
        .toList();
  }

  private static String describe(ValidationMessage m) {
    String property = m.getProperty() == null ? "" : m.getProperty() + ": ";
    return property + m.getMessage();
  }

  private static JsonSchema schema(String resource) {
    try (InputStream in = ControlMessageSender.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("contract schema " + resource + " is not on the classpath");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(
              Json.MAPPER.readTree(in),
              SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
