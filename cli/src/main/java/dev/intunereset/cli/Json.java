package dev.intunereset.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.intunereset.contracts.ResultEvent;
import java.io.IOException;

/** The one JSON mapper of the CLI. */
final class Json {

  /**
   * Rejects repeated member names when reading (the worker does too, so the CLI must not let a
   * second {@code requestedBy} slip through), and tolerates unknown properties in result events so
   * that an additive change of the contract does not break an older CLI.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}

  /** Reads one result event; the payload's {@code type} property selects the record. */
  static ResultEvent parseEvent(byte[] json) throws IOException {
    return MAPPER.readValue(json, ResultEvent.class);
  }

  /** One line of compact JSON. */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize " + node.getNodeType(), e);
    }
  }
}
