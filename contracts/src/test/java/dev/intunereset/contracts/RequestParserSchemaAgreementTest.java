package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The JSON Schema and the contract's parser accept exactly the same requests (issue 12). Requests
 * are generated from a valid one by replacing, removing, repeating and adding members, with values
 * drawn per field: valid ones, {@code null}, wrong types, lengths just under, at and over each
 * limit, bad GUIDs, odd durations and unsafe characters; some get trailing text.
 *
 * <p>The schema's verdict is its validation of the message when the message is one JSON document,
 * and a rejection when it is not (a repeated member or trailing text: JSON Schema judges one
 * document, and such text is not one). It is joined with the three documented rules JSON Schema
 * cannot state (the schema's {@code $comment} lists them), each checked here independently of the
 * parser: a timeout's value in 1s..24h and a settleTimeout's in 1s..72h, computed from the schema's
 * own duration patterns; at most 10,000 distinct devices; schemaVersion and expectedMaxDevices
 * written as integer literals; at most 100 selectors in targets; expectedMaxDevices not below the
 * distinct devices listed.
 */
class RequestParserSchemaAgreementTest {
  private static final ObjectReader STRICT_JSON =
      Fixtures.JSON
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  private static final JsonNode TIMEOUT_SCHEMA =
      Fixtures.readJsonResource(ContractResources.RESET_REQUEST_SCHEMA).at("/properties/timeout");
  private static final Pattern GO = Pattern.compile(pattern(0));
  private static final Pattern ISO = Pattern.compile(pattern(1));
  private static final BigDecimal ONE_SECOND = BigDecimal.ONE;
  private static final BigDecimal ONE_DAY = BigDecimal.valueOf(86_400);
  private static final BigDecimal THREE_DAYS = BigDecimal.valueOf(3 * 86_400);
  private static final String GUID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
  private static final String DEVICE = "00000000-0000-4000-8000-000000000001";

  /** One member of the request object, its value as JSON text. */
  record Member(String name, String json) {}

  /** A generated message: members in order (names may repeat) and what follows the object. */
  record Message(List<Member> members, String trailing) {
    String text() {
      return members.stream()
              .map(m -> quote(m.name()) + ":" + m.json())
              .collect(Collectors.joining(",", "{", "}"))
          + trailing;
    }

    @Override
    public String toString() {
      String t = text();
      return t.length() > 600 ? t.substring(0, 600) + "... (" + t.length() + " chars)" : t;
    }
  }

  @Property(tries = 1000)
  void theSchemaAndTheParserAcceptExactlyTheSameRequests(@ForAll("messages") Message message) {
    String text = message.text();
    boolean byParser =
        RequestParser.parse(text.getBytes(StandardCharsets.UTF_8)) instanceof RequestParser.Parsed;
    boolean bySchema = schemaAccepts(text);

    Statistics.label("verdict").collect(byParser ? "accepted" : "rejected");
    Statistics.label("verdict")
        .coverage(
            c -> {
              c.check("accepted").percentage(p -> p > 10);
              c.check("rejected").percentage(p -> p > 30);
            });
    boolean targeted = message.members().stream().anyMatch(m -> m.name().equals("targets"));
    Statistics.label("targets").collect(targeted ? (byParser ? "accepted" : "rejected") : "none");
    Statistics.label("targets")
        .coverage(
            c -> {
              c.check("accepted").percentage(p -> p > 3);
              c.check("rejected").percentage(p -> p > 3);
            });
    assertThat(byParser).as("parser accepts %s", message).isEqualTo(bySchema);
  }

  @Property(tries = 1000)
  void everyRejectionOfAMessageWithAReadableRequestIdCarriesIt(
      @ForAll("messages") Message message) {
    List<String> ids =
        message.members().stream()
            .filter(m -> m.name().equals("requestId"))
            .map(Member::json)
            .distinct()
            .toList();
    RequestParser.Result result =
        RequestParser.parse(message.text().getBytes(StandardCharsets.UTF_8));
    boolean readable = ids.size() == 1 && ids.get(0).matches("\"[0-9a-fA-F-]{36}\"");
    boolean guid = readable && unquote(ids.get(0)).matches(GUID_RULE);

    if (result instanceof RequestParser.Rejected r && guid) {
      assertThat(r.requestId()).isEqualTo(UUID.fromString(unquote(ids.get(0))));
    }
    if (result instanceof RequestParser.Rejected r && !guid) {
      assertThat(r.requestId()).isNull();
    }
  }

  private static final String GUID_RULE =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  // ---- the schema's verdict ----

  private static boolean schemaAccepts(String text) {
    JsonNode tree;
    try {
      tree = STRICT_JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return false;
    }
    return Fixtures.validate(ContractResources.RESET_REQUEST_SCHEMA, tree).isEmpty()
        && durationWithin(tree.get("timeout"), ONE_DAY)
        && durationWithin(tree.get("settleTimeout"), THREE_DAYS)
        && distinctDevices(tree.get("deviceIds")) <= RequestLimits.DEFAULTS.maxDevices()
        && tree.get("schemaVersion").isIntegralNumber()
        && selectors(tree.get("targets")) <= Targets.MAX_SELECTORS
        && expectedAtLeastListed(tree.get("expectedMaxDevices"), tree.get("deviceIds"));
  }

  /** Every entry of the targets' lists, as sent, and the filter. */
  private static int selectors(JsonNode targets) {
    if (targets == null) {
      return 0;
    }
    int n = 0;
    for (JsonNode member : targets) {
      n += member.isArray() ? member.size() : 1;
    }
    return n;
  }

  private static boolean expectedAtLeastListed(JsonNode expected, JsonNode deviceIds) {
    return expected == null
        || expected.isIntegralNumber() && expected.asLong() >= distinctDevices(deviceIds);
  }

  /** A duration's value by the schema's patterns' groups, in seconds, within 1s..{@code max}. */
  private static boolean durationWithin(JsonNode timeout, BigDecimal max) {
    if (timeout == null) {
      return true;
    }
    String t = timeout.textValue();
    BigDecimal seconds;
    Matcher go = GO.matcher(t);
    Matcher iso = ISO.matcher(t);
    if (go.matches()) {
      seconds =
          unit(go.group(2), 3600)
              .add(unit(go.group(3), 60))
              .add(unit(go.group(4), 1))
              .add(unit(go.group(5), 1).movePointLeft(3));
    } else if (iso.matches()) {
      seconds =
          unit(iso.group(1), 86_400)
              .add(unit(iso.group(3), 3600))
              .add(unit(iso.group(4), 60))
              .add(unit(iso.group(5), 1));
    } else {
      throw new AssertionError("the schema accepted a timeout neither pattern matches: " + t);
    }
    return seconds.compareTo(ONE_SECOND) >= 0 && seconds.compareTo(max) <= 0;
  }

  /** "12h", "30ms", "1,5S" and so on: the number before the letters, times {@code factor}. */
  private static BigDecimal unit(String group, long factor) {
    if (group == null) {
      return BigDecimal.ZERO;
    }
    String number = group.replaceAll("[A-Za-z]+$", "").replace(',', '.');
    return new BigDecimal(number).multiply(BigDecimal.valueOf(factor));
  }

  private static long distinctDevices(JsonNode ids) {
    if (ids == null) {
      return 0;
    }
    List<String> all = new ArrayList<>();
    ids.forEach(id -> all.add(id.textValue().toLowerCase(Locale.ROOT)));
    return all.stream().distinct().count();
  }

  private static String pattern(int index) {
    return TIMEOUT_SCHEMA.get("anyOf").get(index).get("pattern").textValue();
  }

  // ---- generators ----

  @Provide
  Arbitrary<Message> messages() {
    Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(0).ofMaxSize(3);
    Arbitrary<String> trailing =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just("")),
            Tuple.of(1, Arbitraries.of(" x", " {}", "}", " \n", "\n\t")));
    return Combinators.combine(base(), mutations, trailing)
        .as(
            (members, changes, tail) -> {
              List<Member> out = new ArrayList<>(members);
              changes.forEach(c -> c.apply(out));
              return new Message(List.copyOf(out), tail);
            });
  }

  /** A valid request: the required members, sometimes with valid optional ones. */
  private Arbitrary<List<Member>> base() {
    Arbitrary<List<Member>> optional =
        Arbitraries.of(
                new Member("source", quote("servicenow")),
                new Member("ignorePartialFailures", "true"),
                new Member("validateDeviceExists", "false"),
                new Member("timeout", quote("10m")),
                new Member("dryRun", "true"),
                new Member("force", "false"),
                new Member("passcodeDelivery", "{\"recipient\":\"servicenow\"}"),
                new Member("trackSettlement", "false"),
                new Member("settleTimeout", quote("48h")),
                new Member("action", quote("rotateBitLockerKeys")),
                new Member("action", quote("resetPasscode")),
                new Member("targets", "{\"users\":[\"alice@contoso.com\"]}"),
                new Member("targets", "{\"groups\":[" + quote(GUID) + "],\"filter\":\"x eq 1\"}"),
                new Member("expectedMaxDevices", "25"))
            .list()
            .uniqueElements(Member::name)
            .ofMaxSize(4);
    return Combinators.combine(optional, Arbitraries.of(true, true, true, false))
        .as(
            (extra, listed) -> {
              List<Member> m = new ArrayList<>();
              m.add(new Member("schemaVersion", "1"));
              m.add(new Member("requestId", quote(GUID)));
              boolean targeted = extra.stream().anyMatch(e -> e.name().equals("targets"));
              if (listed || !targeted) {
                m.add(new Member("deviceIds", "[" + quote(DEVICE) + "]"));
              }
              m.add(new Member("requestedBy", quote("helpdesk-agent@contoso.com")));
              m.add(new Member("reason", quote("INC0012345: user locked out")));
              m.addAll(extra);
              return m;
            });
  }

  /** A change to the member list. */
  interface Mutation {
    void apply(List<Member> members);
  }

  private Arbitrary<Mutation> mutation() {
    Arbitrary<Mutation> replace =
        Arbitraries.of(ResetRequest.FIELDS)
            .flatMap(f -> value(f).map(v -> (Mutation) ms -> put(ms, f, v)));
    Arbitrary<Mutation> remove =
        Arbitraries.of(ResetRequest.FIELDS)
            .map(f -> (Mutation) ms -> ms.removeIf(m -> m.name().equals(f)));
    Arbitrary<Mutation> repeat =
        Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.of(true, false))
            .as(
                (i, same) ->
                    (Mutation)
                        ms -> {
                          Member m = ms.get(i % ms.size());
                          ms.add(same ? m : new Member(m.name(), otherValue(m.json())));
                        });
    Arbitrary<Mutation> unknown =
        Combinators.combine(
                Arbitraries.of("dryrun", "DryRun", "requestid", "forced", "x", "", "deviceId"),
                common())
            .as((name, v) -> (Mutation) ms -> ms.add(new Member(name, v)));
    return Arbitraries.frequencyOf(
        Tuple.of(8, replace), Tuple.of(2, remove), Tuple.of(1, repeat), Tuple.of(1, unknown));
  }

  private static void put(List<Member> members, String name, String json) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).name().equals(name)) {
        members.set(i, new Member(name, json));
        return;
      }
    }
    members.add(new Member(name, json));
  }

  private static String otherValue(String json) {
    return json.equals("true") ? "false" : json.equals("1") ? "2" : quote("other");
  }

  private Arbitrary<String> value(String field) {
    Arbitrary<String> specific =
        switch (field) {
          case "schemaVersion" ->
              Arbitraries.of("1", "2", "0", "-1", "1.0", "1e0", "1.5", "\"1\"", "4294967297", "01");
          case "requestId" -> guid();
          case "deviceIds" -> deviceIds();
          case "requestedBy" -> text(RequestParser.MAX_REQUESTED_BY);
          case "reason" -> text(RequestParser.MAX_REASON);
          case "source" -> name();
          case "timeout", "settleTimeout" -> timeout();
          case "action" ->
              Arbitraries.of(
                      "resetPasscode",
                      "rotateBitLockerKeys",
                      "RotateBitLockerKeys",
                      "resetpasscode",
                      "ROTATE_BITLOCKER_KEYS",
                      "rotateBitLockerKeys ",
                      "wipe",
                      "")
                  .map(RequestParserSchemaAgreementTest::quote);
          case "targets" -> targets();
          case "expectedMaxDevices" ->
              Arbitraries.of(
                  "1",
                  "2",
                  "25",
                  "0",
                  "-1",
                  "1000000",
                  "1000001",
                  "2.0",
                  "1e2",
                  "\"5\"",
                  "4294967297");
          case "passcodeDelivery" ->
              Arbitraries.oneOf(
                  name().map(n -> "{\"recipient\":" + n + "}"),
                  Arbitraries.of(
                      "{}",
                      "{\"recipient\":\"servicenow\",\"email\":\"x\"}",
                      "{\"Recipient\":\"servicenow\"}"));
          default -> Arbitraries.of("true", "false");
        };
    return Arbitraries.frequencyOf(Tuple.of(3, specific), Tuple.of(1, common()));
  }

  /** Values of every wrong type, and {@code null}. */
  private static Arbitrary<String> common() {
    return Arbitraries.of(
        "null",
        "true",
        "false",
        "0",
        "1",
        "1.0",
        "-7",
        "\"\"",
        "\"x\"",
        "[]",
        "{}",
        "[null]",
        "[\"" + DEVICE + "\"]",
        "{\"recipient\":\"servicenow\"}");
  }

  /** A targets object: members drawn per selector, valid or not, sometimes many entries. */
  private static Arbitrary<String> targets() {
    Arbitrary<String> user =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "alice@contoso.com",
                    "ALICE@Contoso.com",
                    " bob@contoso.com ",
                    "\u3000carol@contoso.com",
                    "caro\u00a0l@contoso.com",
                    GUID,
                    GUID.toUpperCase(Locale.ROOT),
                    "alice",
                    "@contoso.com",
                    "alice@",
                    "a@b@c",
                    "alice smith@contoso.com",
                    "alice@contoso.com\n",
                    "\u202ealice@contoso.com",
                    "a".repeat(107) + "@b.com",
                    "a".repeat(108) + "@b.com",
                    "",
                    "  ")
                .map(RequestParserSchemaAgreementTest::quote),
            Arbitraries.of("null", "7"));
    Arbitrary<String> groups = arrays(Arbitraries.oneOf(guid(), Arbitraries.of("null", "[]")), 3);
    Arbitrary<String> names = arrays(text(Targets.MAX_DEVICE_NAME_LENGTH), 3);
    Arbitrary<String> serials = arrays(text(Targets.MAX_SERIAL_NUMBER_LENGTH), 3);
    Arbitrary<String> many =
        Arbitraries.of(99, 100, 101)
            .map(
                n ->
                    array(
                        IntStream.range(0, n)
                            .mapToObj(i -> quote("user" + i + "@contoso.com"))
                            .toList()));
    Arbitrary<Member> member =
        Arbitraries.frequencyOf(
            Tuple.of(4, arrays(user, 4).map(v -> new Member("users", v))),
            Tuple.of(3, groups.map(v -> new Member("groups", v))),
            Tuple.of(3, names.map(v -> new Member("deviceNames", v))),
            Tuple.of(3, serials.map(v -> new Member("serialNumbers", v))),
            Tuple.of(3, text(Targets.MAX_FILTER_LENGTH).map(v -> new Member("filter", v))),
            Tuple.of(1, many.map(v -> new Member("users", v))),
            Tuple.of(1, many.map(v -> new Member("deviceNames", v))),
            Tuple.of(1, common().map(v -> new Member("filter", v))),
            Tuple.of(1, common().map(v -> new Member("users", v))),
            Tuple.of(
                1, Arbitraries.of("user", "Users", "deviceIds").map(n -> new Member(n, "[]"))));
    return member.list().ofMinSize(0).ofMaxSize(3).map(l -> new Message(l, "").text());
  }

  /** JSON arrays of up to {@code max} of {@code entries}, empty ones included. */
  private static Arbitrary<String> arrays(Arbitrary<String> entries, int max) {
    return entries.list().ofMinSize(0).ofMaxSize(max).map(RequestParserSchemaAgreementTest::array);
  }

  private static String array(List<String> jsonValues) {
    return "[" + String.join(",", jsonValues) + "]";
  }

  private static Arbitrary<String> guid() {
    return Arbitraries.of(
            GUID,
            GUID.toUpperCase(Locale.ROOT),
            "ABCDEF01-abcd-4ABC-8def-0123456789Ab",
            "{" + GUID + "}",
            GUID.substring(1),
            GUID + "0",
            GUID + "\n",
            " " + GUID,
            GUID.replace('b', 'g'),
            GUID.replace("-", ""),
            "1-2-3-4-5",
            "ticket-42",
            "")
        .map(RequestParserSchemaAgreementTest::quote);
  }

  private static Arbitrary<String> deviceIds() {
    Arbitrary<String> small =
        Arbitraries.oneOf(
                guid(),
                Arbitraries.of(quote(DEVICE), quote(DEVICE.toUpperCase(Locale.ROOT))),
                Arbitraries.of("null", "7", "[]"))
            .list()
            .ofMinSize(0)
            .ofMaxSize(4)
            .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> atTheLimit =
        Arbitraries.of(9_999, 10_000, 10_001).map(RequestParserSchemaAgreementTest::distinct);
    return Arbitraries.frequencyOf(Tuple.of(60, small), Tuple.of(1, atTheLimit));
  }

  private static String distinct(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> quote(String.format("00000000-0000-4000-8000-%012x", i)))
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** Free text: pieces of safe, blank and unsafe characters, and lengths around {@code max}. */
  private static Arbitrary<String> text(int max) {
    Arbitrary<String> pieces =
        Arbitraries.of(
                "a",
                "Z",
                "0",
                " ",
                "\t",
                "\n",
                "\r",
                "\u0000",
                "\u001f",
                "\u007f",
                "\u0085",
                "\u0090",
                "\u00a0",
                "\u2007",
                "\u202f",
                "\u1680",
                "\u2000",
                "\u2009",
                "\u205f",
                "\u3000",
                "\u2028",
                "\u2029",
                "\u202a",
                "\u202e",
                "\u2066",
                "\u2069",
                "\ufeff",
                "\u200b",
                "\u00e9",
                "\u5f20",
                "\ud83d\ude00",
                "@",
                ":",
                "\"",
                "\\")
            .list()
            .ofMinSize(0)
            .ofMaxSize(6)
            .map(l -> String.join("", l));
    Arbitrary<String> lengths =
        Combinators.combine(
                Arbitraries.of(max - 1, max, max + 1),
                Arbitraries.of("a", "\ud83d\ude00", "\u00e9"),
                Arbitraries.of("", " ", "\u3000", "\n"))
            .as((n, unit, pad) -> pad + unit.repeat(n - pad.length()) + pad);
    return Arbitraries.oneOf(pieces, lengths).map(RequestParserSchemaAgreementTest::quote);
  }

  private static Arbitrary<String> name() {
    return Arbitraries.of(
            "servicenow",
            "a",
            "ok.name_-1",
            "s".repeat(63),
            "s".repeat(64),
            "s".repeat(65),
            "",
            "service now",
            "servicenow\n",
            "caf\u00e9",
            "a/b")
        .map(RequestParserSchemaAgreementTest::quote);
  }

  private static Arbitrary<String> timeout() {
    Arbitrary<String> fixed =
        Arbitraries.of(
            "30s",
            "0",
            "00",
            "0s",
            "1s",
            "999ms",
            "1000ms",
            "24h",
            "24h1ms",
            "86400s",
            "86401s",
            "1440m",
            "23h60m",
            "PT24H",
            "PT24H0.001S",
            "72h",
            "72h1ms",
            "259200s",
            "259201s",
            "PT72H",
            "P3D",
            "P3DT1S",
            "PT86399.999999999S",
            "P1D",
            "P1DT1S",
            "pt10m",
            "PT0,5S",
            "PT1.S",
            "PT0.9999999999S",
            "PT1S",
            "P",
            "PT",
            "P1DT",
            "-5s",
            "PT-5S",
            "+PT5S",
            "1h1h",
            "10s5m",
            "30S",
            "1H",
            "1d",
            "P1W",
            "ten minutes",
            " 30s",
            "30s\n",
            "99999999999999999999h",
            "0000000000000000000000000000001s",
            "00000000000000000000000000000001s",
            "PT0000000000000000000000000001S",
            "");
    Arbitrary<Long> n = Arbitraries.longs().between(0, 100_000);
    Arbitrary<String> part =
        Combinators.combine(n, Arbitraries.of("h", "m", "s", "ms", "H", "M", "S", "D", "d"))
            .as((v, u) -> v + u);
    Arbitrary<String> composed =
        Arbitraries.oneOf(
            part.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l)),
            part.list().ofMinSize(1).ofMaxSize(3).map(l -> "PT" + String.join("", l)),
            part.list().ofMinSize(1).ofMaxSize(3).map(l -> "P" + String.join("", l)));
    return Arbitraries.oneOf(fixed, composed).map(RequestParserSchemaAgreementTest::quote);
  }

  private static String quote(String s) {
    try {
      return Fixtures.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unquote(String json) {
    return json.substring(1, json.length() - 1);
  }
}
