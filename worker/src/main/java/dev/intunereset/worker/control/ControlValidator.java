package dev.intunereset.worker.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.intunereset.contracts.Approval;
import dev.intunereset.contracts.BrakeRelease;
import dev.intunereset.contracts.Cancel;
import dev.intunereset.contracts.ControlMessage;
import dev.intunereset.contracts.RequestRejected.Problem;
import dev.intunereset.contracts.ResetRequest;
import dev.intunereset.worker.messaging.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether a message on the approvals topic is a usable {@link ControlMessage}. Control
 * messages are small and come from people or their tools; anything unusable is dead-lettered with
 * every problem named, like a bad request.
 */
public final class ControlValidator {
  static final int MAX_BYTES = 16 * 1024;
  private static final int MAX_PRINCIPAL = 256;
  private static final int MAX_TEXT = 1024;
  private static final Pattern UNSAFE_TEXT = Pattern.compile(ResetRequest.UNSAFE_TEXT_CHARACTERS);
  private static final ObjectReader READER =
      Json.mapper()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A second "approver" must not silently win: it would forge the audit trail.
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /** What the validator decided. */
  public sealed interface Result {}

  /** A usable message; free text is trimmed. */
  public record Usable(ControlMessage message) implements Result {}

  /** An unusable message, with a DLQ reason code and every problem found. */
  public record Unusable(String dlqReason, List<Problem> problems) implements Result {
    public String summary() {
      return String.join("; ", problems.stream().map(p -> p.field() + ": " + p.problem()).toList());
    }
  }

  public Result validate(byte[] value) {
    if (value == null) {
      return unusable("NULL_PAYLOAD", "$", "message has no value (null or tombstone)");
    }
    if (value.length > MAX_BYTES) {
      return unusable(
          "OVERSIZED", "$", "message is " + value.length + " bytes; the limit is " + MAX_BYTES);
    }
    if (!isUtf8(value)) {
      return unusable("INVALID_ENCODING", "$", "message is not UTF-8 text");
    }
    JsonNode root;
    try {
      root = READER.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return unusable("MALFORMED_JSON", "$", clip("not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return unusable("MALFORMED_JSON", "$", "not valid JSON");
    }
    if (root == null || !root.isObject()) {
      return unusable("WRONG_SHAPE", "$", "expected a JSON object");
    }
    ControlMessage message;
    try {
      message = Json.mapper().treeToValue(root, ControlMessage.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      return unusable(
          "INVALID_CONTROL_MESSAGE",
          "$",
          clip("not an Approval, BrakeRelease or Cancel v1 (see approval.v1.schema.json): " + why));
    }
    List<Problem> problems = new ArrayList<>();
    if (message.schemaVersion() != ControlMessage.CURRENT_SCHEMA_VERSION) {
      problems.add(new Problem("schemaVersion", "unsupported version; supported versions: [1]"));
    }
    ControlMessage clean;
    if (message instanceof Approval a) {
      clean =
          new Approval(
              a.schemaVersion(),
              a.requestId(),
              a.decision(),
              text(problems, "approver", a.approver(), MAX_PRINCIPAL, true),
              text(problems, "comment", a.comment(), MAX_TEXT, false));
    } else if (message instanceof Cancel c) {
      clean =
          new Cancel(
              c.schemaVersion(),
              c.requestId(),
              text(problems, "canceledBy", c.canceledBy(), MAX_PRINCIPAL, true),
              text(problems, "reason", c.reason(), MAX_TEXT, true));
    } else {
      BrakeRelease r = (BrakeRelease) message;
      clean =
          new BrakeRelease(
              r.schemaVersion(),
              r.brakeId(),
              text(problems, "releasedBy", r.releasedBy(), MAX_PRINCIPAL, true),
              text(problems, "reason", r.reason(), MAX_TEXT, true));
    }
    if (!problems.isEmpty()) {
      return new Unusable("INVALID_CONTROL_MESSAGE", problems);
    }
    return new Usable(clean);
  }

  private static String text(
      List<Problem> problems, String field, String value, int max, boolean required) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      if (required) {
        problems.add(new Problem(field, "must not be blank"));
        return value;
      }
      return null;
    }
    if (v.length() > max) {
      problems.add(new Problem(field, "is " + v.length() + " characters; the limit is " + max));
    } else if (UNSAFE_TEXT.matcher(v).find()) {
      problems.add(
          new Problem(
              field, "must not contain control, line-separator or bidi-override characters"));
    }
    return v;
  }

  private static Unusable unusable(String reason, String field, String problem) {
    return new Unusable(reason, List.of(new Problem(field, problem)));
  }

  private static String clip(String text) {
    String clean = UNSAFE_TEXT.matcher(text == null ? "" : text).replaceAll("?");
    return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
