package dev.intunereset.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.intunereset.contracts.RequestRejected.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one reader of a reset request: bytes in, either the parsed and normalized request or every
 * problem found, so that the worker and the CLI cannot disagree about what a request is. The rules
 * are those of docs/contracts.md; the JSON Schema states the same ones wherever JSON Schema can
 * (RequestParserSchemaAgreementTest holds the two together).
 *
 * <p>Policy that belongs to one worker (allowed sources, configured passcode recipients) is not
 * checked here; limits it may configure come in as {@link RequestLimits}.
 */
public final class RequestParser {

  // Why a message is unusable, as the worker's DLQ header dlq.reason names it.
  public static final String NULL_PAYLOAD = "NULL_PAYLOAD";
  public static final String OVERSIZED = "OVERSIZED";
  public static final String INVALID_ENCODING = "INVALID_ENCODING";
  public static final String MALFORMED_JSON = "MALFORMED_JSON";
  public static final String WRONG_SHAPE = "WRONG_SHAPE";
  public static final String INVALID_REQUEST = "INVALID_REQUEST";
  public static final String UNSUPPORTED_SCHEMA_VERSION = "UNSUPPORTED_SCHEMA_VERSION";

  /** Longest {@code requestedBy}, in characters (code points). */
  public static final int MAX_REQUESTED_BY = 256;

  /** Longest {@code reason}, in characters (code points). */
  public static final int MAX_REASON = 1024;

  /** Problems listed one by one; the rest are counted in one more problem. */
  public static final int MAX_REPORTED_PROBLEMS = 50;

  /** Deepest JSON nesting read at all: a request needs three levels. */
  public static final int MAX_NESTING = 32;

  private static final ObjectMapper MAPPER = mapper(JsonMapper.builder());
  private static final ObjectReader STRICT =
      MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A second "requestedBy" must not silently win: it would forge the audit trail.
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private RequestParser() {}

  /** What a message turned out to be. */
  public sealed interface Result permits Parsed, Rejected {}

  /**
   * A usable request.
   *
   * @param request the request normalized: device ids lower-cased with duplicates folded (in
   *     first-seen order), {@code requestedBy} and {@code reason} trimmed, and its {@link Targets}
   *     as that record says
   * @param duplicatesFolded how many device ids repeated an earlier one
   * @param timeout the request's {@code timeout}, or {@code null} when it leaves it to the worker
   */
  public record Parsed(ResetRequest request, int duplicatesFolded, Duration timeout)
      implements Result {
    public Parsed {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * An unusable message, with what of it could still be read so that the producer can be told.
   *
   * @param code why, as a DLQ reason such as {@link #MALFORMED_JSON} or {@link #INVALID_REQUEST}
   * @param listed the problems listed one by one, at most {@link #MAX_REPORTED_PROBLEMS}
   * @param unlisted how many more problems there were
   * @param requestId the request's id when it could be read unambiguously, else {@code null}
   * @param requestedBy {@code requestedBy} when it could be read and is valid, else {@code null}
   * @param source {@code source} when it could be read and is well formed, else {@code null}
   * @param passcodeRecipient the recipient when it could be read and is well formed, else {@code
   *     null}
   */
  public record Rejected(
      String code,
      List<Problem> listed,
      int unlisted,
      UUID requestId,
      String requestedBy,
      String source,
      String passcodeRecipient)
      implements Result {
    public Rejected {
      Objects.requireNonNull(code, "code");
      listed = List.copyOf(listed);
      if (listed.isEmpty()) {
        throw new IllegalArgumentException("a rejection names at least one problem");
      }
    }

    /** Every problem as reported: the listed ones, then one counting the rest, if any. */
    public List<Problem> problems() {
      if (unlisted == 0) {
        return listed;
      }
      List<Problem> all = new ArrayList<>(listed);
      all.add(new Problem("$", unlisted + " more problems not listed"));
      return List.copyOf(all);
    }

    /** Whether the message was a JSON object whose fields were checked one by one. */
    public boolean fieldsChecked() {
      return code.equals(INVALID_REQUEST) || code.equals(UNSUPPORTED_SCHEMA_VERSION);
    }

    /** This rejection with {@code more} problems (under the same cap) and another code. */
    public Rejected plus(List<Problem> more, String newCode) {
      List<Problem> all = new ArrayList<>(listed);
      int rest = unlisted;
      for (Problem p : more) {
        if (all.size() < MAX_REPORTED_PROBLEMS) {
          all.add(p);
        } else {
          rest++;
        }
      }
      return new Rejected(newCode, all, rest, requestId, requestedBy, source, passcodeRecipient);
    }
  }

  /** Reads a request message with the contract's default limits. */
  public static Result parse(byte[] message) {
    return parse(message, RequestLimits.DEFAULTS);
  }

  /** Reads a request message: {@code null} is a tombstone. */
  public static Result parse(byte[] message, RequestLimits limits) {
    Objects.requireNonNull(limits, "limits");
    if (message == null) {
      return unusable(
          NULL_PAYLOAD, "message has no value (null or tombstone)", RequestSalvage.NONE);
    }
    if (message.length > limits.maxBytes()) {
      String text = lenientText(Arrays.copyOf(message, limits.maxBytes()));
      return unusable(
          OVERSIZED,
          "message is " + message.length + " bytes; the limit is " + limits.maxBytes(),
          RequestSalvage.of(text, true));
    }
    Optional<String> text = utf8(message);
    if (text.isEmpty()) {
      return unusable(
          INVALID_ENCODING,
          "message is not UTF-8 text (binary or wrong encoding)",
          RequestSalvage.of(lenientText(message), false));
    }
    JsonNode root;
    try {
      // Parse the text checked as UTF-8: given bytes, Jackson would auto-detect UTF-16/32.
      root = STRICT.readTree(text.get());
    } catch (JsonProcessingException e) {
      return unusable(
          MALFORMED_JSON,
          "not valid JSON: " + e.getOriginalMessage(),
          RequestSalvage.of(text.get(), true));
    } catch (IOException e) {
      return unusable(MALFORMED_JSON, "not valid JSON", RequestSalvage.of(text.get(), true));
    }
    if (root == null || root.isMissingNode()) {
      return unusable(MALFORMED_JSON, "message is empty", RequestSalvage.NONE);
    }
    if (!root.isObject()) {
      return unusable(
          WRONG_SHAPE,
          "expected a JSON object, got " + RequestText.kind(root),
          RequestSalvage.NONE);
    }
    return new RequestFields(root, limits).run();
  }

  private static Rejected unusable(String code, String problem, RequestSalvage salvage) {
    // Parser messages quote the offending input, which may hold control characters.
    return new Rejected(
        code,
        List.of(new Problem("$", RequestText.clip(problem, 300))),
        0,
        salvage.requestId,
        salvage.requestedBy,
        salvage.source,
        null);
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String lenientText(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A mapper bounded for hostile input. */
  static ObjectMapper mapper(JsonMapper.Builder builder) {
    JsonMapper mapper = builder.build();
    // Hostile input: bound nesting and string sizes far below Jackson's generous defaults.
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(1_000_000)
                .maxNumberLength(32)
                .build());
    return mapper;
  }
}
