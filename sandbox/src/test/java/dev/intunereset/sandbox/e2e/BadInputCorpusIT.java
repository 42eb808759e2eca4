package dev.intunereset.sandbox.e2e;

import static dev.intunereset.sandbox.e2e.BadInputCase.field;
import static dev.intunereset.sandbox.e2e.BadInputCase.readable;
import static dev.intunereset.sandbox.e2e.BadInputCase.unreadable;
import static dev.intunereset.sandbox.e2e.BadInputCase.validExcept;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.contracts.DlqHeaders;
import dev.intunereset.contracts.RequestRejected;
import dev.intunereset.contracts.Topics;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.client.ResultsFeed;
import dev.intunereset.sandbox.stack.SandboxStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad request messages, sent through the real broker in one go: each must yield a DLQ
 * record with its original key and bytes and the right reason, plus a RequestRejected listing the
 * offending fields when its requestId can be read. Nothing stalls: good requests sent around the
 * bad ones complete.
 */
class BadInputCorpusIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final List<BadInputCase> CASES = corpus();
  private static final Map<String, ConsumerRecord<byte[], byte[]>> DLQ_BY_KEY = new HashMap<>();
  private static final Map<UUID, RequestRejected> REJECTED = new HashMap<>();
  private static SandboxStack stack;

  static List<BadInputCase> corpus() {
    List<BadInputCase> c = new ArrayList<>();
    String enc = "encoding and framing";
    c.add(unreadable(enc, "null value (tombstone)", (byte[]) null, "NULL_PAYLOAD"));
    c.add(unreadable(enc, "empty value", new byte[0], "MALFORMED_JSON"));
    c.add(unreadable(enc, "whitespace only", "  \n\t ", "MALFORMED_JSON"));
    c.add(
        unreadable(
            enc,
            "random binary",
            new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80, 7},
            "INVALID_ENCODING"));
    c.add(
        unreadable(
            enc,
            "UTF-16 with BOM",
            "{\"a\":1}".getBytes(StandardCharsets.UTF_16),
            "INVALID_ENCODING"));
    c.add(
        unreadable(
            enc,
            "Latin-1 text",
            "{\"reason\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
            "INVALID_ENCODING"));
    c.add(unreadable(enc, "gzip bytes", gzip("{\"schemaVersion\":1}"), "INVALID_ENCODING"));
    c.add(unreadable(enc, "oversized (1.5 MB)", oversized(), "OVERSIZED"));
    String syntax = "JSON syntax";
    c.add(unreadable(syntax, "truncated object", "{\"schemaVersion\":1,", "MALFORMED_JSON"));
    c.add(
        unreadable(syntax, "trailing garbage", "{\"schemaVersion\":1} trailing", "MALFORMED_JSON"));
    c.add(unreadable(syntax, "two objects", "{} {}", "MALFORMED_JSON"));
    c.add(unreadable(syntax, "single quotes", "{'schemaVersion':1}", "MALFORMED_JSON"));
    c.add(unreadable(syntax, "NaN literal", "{\"schemaVersion\":NaN}", "MALFORMED_JSON"));
    c.add(unreadable(syntax, "comment", "{/* hi */\"schemaVersion\":1}", "MALFORMED_JSON"));
    c.add(
        unreadable(
            syntax, "nesting 5,000 deep", "[".repeat(5000) + "]".repeat(5000), "MALFORMED_JSON"));
    c.add(
        unreadable(
            syntax,
            "duplicate member (two requestedBy)",
            "{\"requestedBy\":\"a@b.c\",\"requestedBy\":\"ceo@contoso.com\"}",
            "MALFORMED_JSON"));
    c.add(
        unreadable(
            syntax,
            "UTF-16BE without BOM",
            "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_16BE),
            "MALFORMED_JSON"));
    c.add(unreadable(syntax, "XML", "<request><id>1</id></request>", "MALFORMED_JSON"));
    String answered = "unusable, but its requestId is readable (issue 12)";
    c.add(
        readable(
            answered,
            "duplicate member (two reasons)",
            "MALFORMED_JSON",
            id ->
                utf8(
                    "{\"requestId\":\""
                        + id
                        + "\","
                        + validExcept("", "\"reason\":\"again\"")
                        + "}"),
            "$"));
    c.add(
        readable(
            answered,
            "trailing garbage after a request",
            "MALFORMED_JSON",
            id -> utf8("{\"requestId\":\"" + id + "\"," + validExcept("", "") + "} trailing"),
            "$"));
    c.add(
        readable(
            answered,
            "truncated after the requestId",
            "MALFORMED_JSON",
            id -> utf8("{\"requestId\":\"" + id + "\",\"deviceIds\":[\"00000000-"),
            "$"));
    c.add(
        readable(
            answered,
            "Latin-1 reason",
            "INVALID_ENCODING",
            id ->
                ("{\"requestId\":\""
                        + id
                        + "\","
                        + validExcept("reason", "\"reason\":\"caf\u00e9\"")
                        + "}")
                    .getBytes(StandardCharsets.ISO_8859_1),
            "$"));
    String shape = "wrong shape";
    c.add(unreadable(shape, "array", "[1,2,3]", "WRONG_SHAPE"));
    c.add(unreadable(shape, "string", "\"reset please\"", "WRONG_SHAPE"));
    c.add(unreadable(shape, "number", "42", "WRONG_SHAPE"));
    c.add(unreadable(shape, "boolean", "true", "WRONG_SHAPE"));
    c.add(unreadable(shape, "null literal", "null", "WRONG_SHAPE"));
    c.add(unreadable(shape, "empty object", "{}", "INVALID_REQUEST"));
    c.add(
        unreadable(
            shape,
            "requestId not a UUID",
            "{" + validExcept("", "\"requestId\":\"ticket-42\"") + "}",
            "INVALID_REQUEST"));
    c.add(
        unreadable(
            shape,
            "requestId a number",
            "{" + validExcept("", "\"requestId\":42") + "}",
            "INVALID_REQUEST"));
    c.add(
        unreadable(
            shape,
            "requestId with braces",
            "{" + validExcept("", "\"requestId\":\"{" + UUID.randomUUID() + "}\"") + "}",
            "INVALID_REQUEST"));
    c.add(
        field(
            "missing schemaVersion",
            "INVALID_REQUEST",
            validExcept("schemaVersion", ""),
            "schemaVersion"));
    c.add(
        field(
            "schemaVersion 2",
            "UNSUPPORTED_SCHEMA_VERSION",
            validExcept("schemaVersion", "\"schemaVersion\":2"),
            "schemaVersion"));
    c.add(
        field(
            "schemaVersion as string",
            "INVALID_REQUEST",
            validExcept("schemaVersion", "\"schemaVersion\":\"1\""),
            "schemaVersion"));
    c.add(
        field(
            "schemaVersion 1.5",
            "INVALID_REQUEST",
            validExcept("schemaVersion", "\"schemaVersion\":1.5"),
            "schemaVersion"));
    c.add(field("missing deviceIds", "INVALID_REQUEST", validExcept("deviceIds", ""), "deviceIds"));
    c.add(
        field(
            "empty deviceIds",
            "INVALID_REQUEST",
            validExcept("deviceIds", "\"deviceIds\":[]"),
            "deviceIds"));
    c.add(
        field(
            "deviceIds as string",
            "INVALID_REQUEST",
            validExcept("deviceIds", "\"deviceIds\":\"00000000-0000-4000-8000-000000000001\""),
            "deviceIds"));
    c.add(
        field(
            "device id with braces",
            "INVALID_REQUEST",
            validExcept(
                "deviceIds",
                "\"deviceIds\":[\"00000000-0000-4000-8000-000000000001\",\"{00000000-0000-4000-8000-000000000002}\"]"),
            "deviceIds[1]"));
    c.add(
        field(
            "device id garbage at index 2",
            "INVALID_REQUEST",
            validExcept(
                "deviceIds",
                "\"deviceIds\":[\"00000000-0000-4000-8000-000000000001\",\"00000000-0000-4000-8000-000000000002\",\"'; DROP TABLE devices;--\"]"),
            "deviceIds[2]"));
    c.add(
        field(
            "device id as number",
            "INVALID_REQUEST",
            validExcept("deviceIds", "\"deviceIds\":[12345]"),
            "deviceIds[0]"));
    c.add(
        field(
            "10,001 distinct devices",
            "INVALID_REQUEST",
            validExcept("deviceIds", "\"deviceIds\":" + manyDevices(10_001)),
            "deviceIds"));
    c.add(
        field(
            "missing requestedBy",
            "INVALID_REQUEST",
            validExcept("requestedBy", ""),
            "requestedBy"));
    c.add(
        field(
            "blank requestedBy",
            "INVALID_REQUEST",
            validExcept("requestedBy", "\"requestedBy\":\"   \""),
            "requestedBy"));
    c.add(
        field(
            "requestedBy 257 chars",
            "INVALID_REQUEST",
            validExcept("requestedBy", "\"requestedBy\":\"" + "a".repeat(257) + "\""),
            "requestedBy"));
    c.add(
        field(
            "requestedBy a number",
            "INVALID_REQUEST",
            validExcept("requestedBy", "\"requestedBy\":7"),
            "requestedBy"));
    c.add(field("missing reason", "INVALID_REQUEST", validExcept("reason", ""), "reason"));
    c.add(
        field(
            "reason with newline (log injection)",
            "INVALID_REQUEST",
            validExcept("reason", "\"reason\":\"ok\\n2026-01-01 INFO admin approved\""),
            "reason"));
    c.add(
        field(
            "reason with ANSI escape",
            "INVALID_REQUEST",
            validExcept("reason", "\"reason\":\"\\u001b[31mred\""),
            "reason"));
    c.add(
        field(
            "reason with U+2028",
            "INVALID_REQUEST",
            validExcept("reason", "\"reason\":\"a\\u2028b\""),
            "reason"));
    c.add(
        field(
            "reason with bidi override",
            "INVALID_REQUEST",
            validExcept("reason", "\"reason\":\"\\u202egnp.exe\""),
            "reason"));
    c.add(
        field(
            "reason 100,000 chars",
            "INVALID_REQUEST",
            validExcept("reason", "\"reason\":\"" + "x".repeat(100_000) + "\""),
            "reason"));
    c.add(
        field(
            "source with spaces",
            "INVALID_REQUEST",
            validExcept("source", "\"source\":\"service now!\""),
            "source"));
    c.add(field("unknown field", "INVALID_REQUEST", validExcept("", "\"forced\":true"), "forced"));
    c.add(
        field("force as string", "INVALID_REQUEST", validExcept("", "\"force\":\"yes\""), "force"));
    c.add(
        field(
            "source not allowed",
            "SOURCE_NOT_ALLOWED",
            validExcept("source", "\"source\":\"unlisted-tool\""),
            "source"));
    c.add(
        field(
            "ignorePartialFailures as string",
            "INVALID_REQUEST",
            validExcept("", "\"ignorePartialFailures\":\"yes\""),
            "ignorePartialFailures"));
    c.add(field("dryRun as number", "INVALID_REQUEST", validExcept("", "\"dryRun\":1"), "dryRun"));
    c.add(
        field(
            "dryRun null (issue 12: as the schema)",
            "INVALID_REQUEST",
            validExcept("", "\"dryRun\":null"),
            "dryRun"));
    c.add(
        field(
            "passcodeDelivery null",
            "INVALID_REQUEST",
            validExcept("", "\"passcodeDelivery\":null"),
            "passcodeDelivery"));
    c.add(
        field(
            "timeout unparseable",
            "INVALID_REQUEST",
            validExcept("", "\"timeout\":\"forever\""),
            "timeout"));
    c.add(
        field("timeout zero", "INVALID_REQUEST", validExcept("", "\"timeout\":\"0s\""), "timeout"));
    c.add(
        field(
            "timeout above the maximum",
            "INVALID_REQUEST",
            validExcept("", "\"timeout\":\"1000h\""),
            "timeout"));
    c.add(
        field(
            "timeout as number", "INVALID_REQUEST", validExcept("", "\"timeout\":30"), "timeout"));
    c.add(
        field(
            "null required fields",
            "INVALID_REQUEST",
            "\"schemaVersion\":null,\"deviceIds\":null,\"requestedBy\":null,\"reason\":null",
            "schemaVersion",
            "deviceIds",
            "requestedBy",
            "reason"));
    c.add(
        field(
            "four problems at once",
            "INVALID_REQUEST",
            "\"schemaVersion\":1,\"deviceIds\":[\"nope\"],\"reason\":\"\",\"timeout\":\"soon\"",
            "deviceIds[0]",
            "requestedBy",
            "reason",
            "timeout"));
    return c;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static byte[] oversized() {
    byte[] b = new byte[1_500_000];
    Arrays.fill(b, (byte) ' ');
    b[0] = '{';
    b[b.length - 1] = '}';
    return b;
  }

  private static String manyDevices(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format("\"%08x-0000-4000-8000-000000000000\"", i));
    }
    return sb.append(']').toString();
  }

  private static String key(int index) {
    return "corpus-" + RUN + "-" + index;
  }

  @BeforeAll
  static void sendCorpus() {
    stack = SharedStack.get();
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      for (int i = 0; i < CASES.size(); i++) {
        publisher.send(key(i).getBytes(StandardCharsets.UTF_8), CASES.get(i).value());
      }
    }
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < CASES.size(); i++) {
      keys.add(key(i));
    }
    long rejectionsWanted = CASES.stream().filter(c -> c.requestId() != null).count();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (ResultsFeed dlq = new ResultsFeed(stack.bootstrapServers(), Topics.REQUESTS_DLQ);
        ResultsFeed results = new ResultsFeed(stack.bootstrapServers())) {
      while ((DLQ_BY_KEY.size() < keys.size() || REJECTED.size() < rejectionsWanted)
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : dlq.pollRecords(Duration.ofMillis(100))) {
          String k = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          if (keys.contains(k)) {
            DLQ_BY_KEY.put(k, r);
          }
        }
        for (ConsumerRecord<byte[], byte[]> r : results.pollRecords(Duration.ofMillis(100))) {
          if (ResultsFeed.parse(r.value()) instanceof RequestRejected rejected) {
            assertThat(ContractSchemas.violations(r.value())).as("schema violations").isEmpty();
            REJECTED.put(rejected.requestId(), rejected);
          }
        }
      }
    }
  }

  @Test
  void corpusHasAtLeastFortyCases() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyBadMessageIsDeadLetteredWithItsOriginalBytesAndReason(BadInputCase ignored) {
    // The parameter only names the test; CASES holds the instances that were actually sent.
    for (int i = 0; i < CASES.size(); i++) {
      if (CASES.get(i).toString().equals(ignored.toString())) {
        check(i, CASES.get(i));
        return;
      }
    }
    throw new AssertionError("unknown case " + ignored);
  }

  private static void check(int index, BadInputCase c) {
    ConsumerRecord<byte[], byte[]> dlq = DLQ_BY_KEY.get(key(index));
    assertThat(dlq).as("DLQ record for %s", c).isNotNull();
    assertThat(EndToEndIT.header(dlq, DlqHeaders.REASON)).isEqualTo(c.dlqReason());
    assertThat(EndToEndIT.header(dlq, DlqHeaders.SOURCE_TOPIC)).isEqualTo(Topics.REQUESTS);
    assertThat(EndToEndIT.header(dlq, DlqHeaders.SOURCE_OFFSET)).matches("\\d+");
    assertThat(EndToEndIT.header(dlq, DlqHeaders.MESSAGE)).isNotBlank();
    if (c.value() == null) {
      assertThat(dlq.value()).isNull();
    } else if (c.dlqReason().equals("OVERSIZED")) {
      assertThat(EndToEndIT.header(dlq, DlqHeaders.TRUNCATED_FROM))
          .isEqualTo(Integer.toString(c.value().length));
      assertThat(c.value()).startsWith(dlq.value());
    } else {
      assertThat(dlq.value()).isEqualTo(c.value());
    }
    if (c.requestId() == null) {
      return;
    }
    RequestRejected rejected = REJECTED.get(c.requestId());
    assertThat(rejected).as("RequestRejected for %s", c).isNotNull();
    assertThat(rejected.problems())
        .extracting(RequestRejected.Problem::field)
        .containsAll(c.fields());
    assertThat(rejected.problems())
        .allSatisfy(
            p -> assertThat(p.problem()).doesNotContainPattern("[\\p{Cntrl}\\u2028\\u202e]"));
  }

  @Test
  void aBadMessageBetweenTwoGoodOnesHoldsUpNeither() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    List<String> device = List.of("00000000-0000-4000-8000-000000000002");
    String key = "same-partition-" + RUN;
    try (RequestPublisher publisher = new RequestPublisher(stack.bootstrapServers())) {
      publisher.send(key, RequestRun.request(first, device, "\"validateDeviceExists\":false"));
      publisher.send(
          key.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0, (byte) 0xfe});
      publisher.send(key, RequestRun.request(second, device, "\"validateDeviceExists\":false"));
    }
    RequestRun run = new RequestRun(stack.bootstrapServers()).await(Set.of(first, second), TIMEOUT);
    assertThat(run.completions(first)).hasSize(1);
    assertThat(run.completions(second)).hasSize(1);
  }
}
