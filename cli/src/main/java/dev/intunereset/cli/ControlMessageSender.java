package dev.intunereset.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.intunereset.contracts.ControlMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Publishes a control message (approval, brake release, cancel), written by Jackson from its
 * contract record, to the approvals topic under the key that routes it. The record cannot refuse
 * bad text (a line break in {@code approver}), so the message is checked first, against its
 * contract schema: the contract has a parser for reset requests only, and the worker's
 * control-message checks are its own.
 */
final class ControlMessageSender {
  private ControlMessageSender() {}

  /** Publishes {@code message}; exits 2 with every schema violation if it is not valid. */
  static void send(
      CliContext context,
      ConnectionOptions connection,
      String schemaResource,
      String topic,
      ControlMessage message) {
    byte[] json = json(message);
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    refuseIf(violations(schemaResource, tree));
    publish(context, connection, topic, message, json);
  }

  /** The message as it goes on the wire. */
  static byte[] json(ControlMessage message) {
    try {
      // Written as the interface, so that the "type" property that routes it comes first.
      return Json.MAPPER.writerFor(ControlMessage.class).writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exits 2, listing {@code violations}, unless there are none. */
  static void refuseIf(List<String> violations) {
    if (!violations.isEmpty()) {
      throw new CliException(
          ExitCodes.INVALID,
          "the message is invalid; nothing was published:\n  " + String.join("\n  ", violations));
    }
  }

  /** Publishes {@code json}, the checked {@code message}, under the key that routes it. */
  static void publish(
      CliContext context,
      ConnectionOptions connection,
      String topic,
      ControlMessage message,
      byte[] json) {
    KafkaSettings settings = connection.resolve(context.env());
    try (Transport.RequestSender sender = context.transport().sender(settings, topic)) {
      sender.send(message.kafkaKey(), json);
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
