package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser's rules for {@code targets} and {@code expectedMaxDevices}, one test per rule. */
class TargetFieldsTest {
  private static final String GROUP = "5d1f0e2c-8a4b-4c6d-9e7f-1a2b3c4d5e6f";
  private static final String DEVICE = "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d";

  /** A valid request naming its devices by one user only. */
  private static ObjectNode request() {
    return Fixtures.readJsonResource(
            ContractResources.EXAMPLES_DIR + "reset-request.target-user.json")
        .deepCopy();
  }

  private static ObjectNode targets(ObjectNode request) {
    return (ObjectNode) request.get("targets");
  }

  private static RequestParser.Result parse(ObjectNode request) {
    return RequestParser.parse(request.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static ResetRequest parsed(ObjectNode request) {
    RequestParser.Result result = parse(request);
    assertThat(result).as("%s", result).isInstanceOf(RequestParser.Parsed.class);
    return ((RequestParser.Parsed) result).request();
  }

  private static List<String> problems(ObjectNode request) {
    RequestParser.Result result = parse(request);
    assertThat(result).isInstanceOf(RequestParser.Rejected.class);
    return ((RequestParser.Rejected) result)
        .problems().stream().map(p -> p.field() + ": " + p.problem()).toList();
  }

  private static ObjectNode withUsers(String... users) {
    ObjectNode r = request();
    ArrayNode list = targets(r).putArray("users");
    for (String u : users) {
      list.add(u);
    }
    return r;
  }

  // ---- device sources ----

  @Test
  void everySelectorKindExampleIsAcceptedWithoutDeviceIds() {
    for (String name :
        List.of(
            "reset-request.target-user.json",
            "reset-request.target-group.json",
            "reset-request.target-device-name.json",
            "reset-request.target-serial-number.json",
            "reset-request.target-filter.json")) {
      ObjectNode r = Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + name).deepCopy();
      ResetRequest request = parsed(r);
      assertThat(request.deviceIds()).as(name).isEmpty();
      assertThat(request.targets().selectorCount()).as(name).isEqualTo(1);
    }
  }

  @Test
  void acceptsTheUnionOfDeviceIdsAndTargetsWithItsBound() {
    ResetRequest request =
        parsed(
            Fixtures.readJsonResource(
                    ContractResources.EXAMPLES_DIR + "reset-request.targets-union.json")
                .deepCopy());

    assertThat(request.deviceIds()).containsExactly(DEVICE);
    assertThat(request.targets().labels())
        .containsExactly("user:alice@contoso.com", "group:" + GROUP);
    assertThat(request.expectedMaxDevices()).isEqualTo(25);
  }

  @Test
  void aRequestWithNeitherDeviceIdsNorTargetsMissesItsDeviceIds() {
    ObjectNode r = request();
    r.remove("targets");

    assertThat(problems(r)).containsExactly("deviceIds: required");
  }

  @Test
  void emptyDeviceIdsStayAProblemBesideTargets() {
    ObjectNode r = request();
    r.putArray("deviceIds");

    assertThat(problems(r)).containsExactly("deviceIds: at least one device is required");
  }

  @Test
  void nullTargetsIsAProblemAndLeavesDeviceIdsRequired() {
    ObjectNode r = request();
    r.putNull("targets");

    assertThat(problems(r))
        .containsExactly(
            "deviceIds: required",
            "targets: must not be null: leave the field out when deviceIds lists every device");
  }

  // ---- the targets object ----

  @Test
  void targetsMustBeAnObject() {
    ObjectNode r = request();
    r.putArray("targets").add("alice@contoso.com");

    assertThat(problems(r))
        .containsExactly(
            "targets: must be an object such as {\"users\": [\"alice@contoso.com\"]}, got an array");
  }

  @Test
  void targetsMustNameASelector() {
    ObjectNode r = request();
    r.putObject("targets");

    assertThat(problems(r))
        .containsExactly(
            "targets: names no selector: give users, groups, deviceNames, serialNumbers or filter");
  }

  @Test
  void unknownSelectorsAreRejectedWithTheirPath() {
    ObjectNode r = request();
    targets(r).putArray("user").add("bob@contoso.com");

    assertThat(problems(r))
        .containsExactly(
            "targets.user: unknown field; targets holds users, groups, deviceNames, serialNumbers"
                + " and filter");
  }

  @Test
  void anEmptyOrNullListIsAProblem() {
    ObjectNode r = request();
    targets(r).putArray("users");
    targets(r).putNull("groups");
    targets(r).put("deviceNames", "KIOSK-01");

    assertThat(problems(r))
        .containsExactly(
            "targets.users: must not be empty: name at least one, or leave the field out",
            "targets.groups: must not be null: leave the field out",
            "targets.deviceNames: must be an array of device names, got a string");
  }

  @Test
  void atMostOneHundredSelectorsCountingEntriesAsSentAndTheFilter() {
    ObjectNode r = request();
    ArrayNode users = targets(r).putArray("users");
    for (int i = 0; i < 99; i++) {
      users.add("user" + i + "@contoso.com");
    }
    targets(r).put("filter", "operatingSystem eq 'Android'");
    assertThat(parsed(r).targets().selectorCount()).isEqualTo(100);

    users.add("user0@contoso.com");

    assertThat(problems(r))
        .containsExactly(
            "targets: holds 101 selectors; the limit is 100 (split the devices into several"
                + " requests)");
  }

  // ---- users ----

  @Test
  void normalizesUsersTrimmedLowerCasedAndFolded() {
    String guid = "ABCDEF01-ABCD-4ABC-8DEF-0123456789AB";

    assertThat(
            parsed(withUsers(" Alice@Contoso.com ", "alice@contoso.com", guid, guid.toLowerCase()))
                .targets()
                .users())
        .containsExactly("alice@contoso.com", guid.toLowerCase(Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"alice", "@contoso.com", "alice@", "a@b@contoso.com", "alice smith@contoso.com"})
  void aUserIsAGuidOrAnUpnWithExactlyOneAtAndNoSpaces(String user) {
    assertThat(problems(withUsers("bob@contoso.com", user)))
        .containsExactly(
            "targets.users[1]: \""
                + user
                + "\" is neither a user principal name (name@domain: one @, no spaces) nor a user"
                + " object id (a GUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427)");
  }

  @Test
  void aUserIsAtMost113Characters() {
    String longest = "a".repeat(107) + "@b.com";
    assertThat(parsed(withUsers(longest)).targets().users()).containsExactly(longest);

    assertThat(problems(withUsers("a" + longest)))
        .containsExactly("targets.users[0]: is 114 characters; the limit is 113");
  }

  @Test
  void aUserFollowsTheFreeTextRules() {
    assertThat(problems(withUsers("alice@contoso.com\nbob@contoso.com", " ", "\u202ealice@x.com")))
        .containsExactly(
            "targets.users[0]: must not contain control characters or line breaks",
            "targets.users[1]: must not be blank",
            "targets.users[2]: must not contain bidi-override, bidi-isolate or byte-order-mark"
                + " characters");
  }

  // ---- groups, names, serial numbers, filter ----

  @Test
  void groupsAreGuidsFoldedAndLowerCased() {
    ObjectNode r = request();
    targets(r).putArray("groups").add(GROUP.toUpperCase(Locale.ROOT)).add(GROUP);

    assertThat(parsed(r).targets().groups()).containsExactly(UUID.fromString(GROUP));

    targets(r).putArray("groups").add(GROUP).add("{" + GROUP + "}").add(7);
    assertThat(problems(r))
        .containsExactly(
            "targets.groups[1]: \"{"
                + GROUP
                + "}\" is not a group object id; write 8-4-4-4-12 hex digits such as"
                + " 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "targets.groups[2]: must be a group object id (a GUID string), got a number");
  }

  @Test
  void deviceNamesAreTrimmedAndFoldedIgnoringCaseKeepingTheFirstSpelling() {
    ObjectNode r = request();
    targets(r).putArray("deviceNames").add(" Kiosk-Lobby-01 ").add("KIOSK-LOBBY-01").add("kiosk-2");

    assertThat(parsed(r).targets().deviceNames()).containsExactly("Kiosk-Lobby-01", "kiosk-2");
  }

  @Test
  void aDeviceNameIsAtMost256Characters() {
    ObjectNode r = request();
    targets(r).putArray("deviceNames").add("n".repeat(256));
    assertThat(parsed(r).targets().deviceNames()).hasSize(1);

    targets(r).putArray("deviceNames").add("n".repeat(257));
    assertThat(problems(r))
        .containsExactly("targets.deviceNames[0]: is 257 characters; the limit is 256");
  }

  @Test
  void serialNumbersAreExactAndAtMost128Characters() {
    ObjectNode r = request();
    targets(r).putArray("serialNumbers").add("R58N12ABCDE").add("r58n12abcde").add("R58N12ABCDE");
    assertThat(parsed(r).targets().serialNumbers()).containsExactly("R58N12ABCDE", "r58n12abcde");

    targets(r).putArray("serialNumbers").add("s".repeat(129));
    assertThat(problems(r))
        .containsExactly("targets.serialNumbers[0]: is 129 characters; the limit is 128");
  }

  @Test
  void aFilterIsNonBlankTextOfAtMost2048CharactersTrimmed() {
    ObjectNode r = request();
    targets(r).put("filter", "  operatingSystem eq 'Android' ");
    assertThat(parsed(r).targets().filter()).isEqualTo("operatingSystem eq 'Android'");

    targets(r).put("filter", "x".repeat(2049));
    assertThat(problems(r))
        .containsExactly("targets.filter: is 2049 characters; the limit is 2048");
    targets(r).put("filter", " ");
    assertThat(problems(r)).containsExactly("targets.filter: must not be blank");
    targets(r).put("filter", 7);
    assertThat(problems(r))
        .containsExactly(
            "targets.filter: must be a string: an OData filter such as \"operatingSystem eq"
                + " 'Android'\", got a number");
  }

  @Test
  void theFiltersGrammarIsLeftToTheWorker() {
    ObjectNode r = request();
    targets(r).put("filter", "userId eq 'x' or startswith(deviceName, 'A')");

    assertThat(parsed(r).targets().filter())
        .isEqualTo("userId eq 'x' or startswith(deviceName, 'A')");
  }

  // ---- expectedMaxDevices ----

  @ParameterizedTest
  @ValueSource(ints = {1, 1_000_000})
  void expectedMaxDevicesRangesFromOneToAMillion(int bound) {
    ObjectNode r = request();
    r.put("expectedMaxDevices", bound);

    assertThat(parsed(r).expectedMaxDevices()).isEqualTo(bound);
  }

  /** The problems of the example with {@code "expectedMaxDevices": bound}, as JSON text. */
  private static List<String> problemsWithBound(String bound) {
    String text = request().toString().replaceFirst("}$", ",\"expectedMaxDevices\":" + bound + "}");
    return ((RequestParser.Rejected) RequestParser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .problems().stream().map(p -> p.field() + ": " + p.problem()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "1000001", "4294967297"})
  void expectedMaxDevicesOutsideTheRangeIsAProblem(String bound) {
    assertThat(problemsWithBound(bound))
        .containsExactly("expectedMaxDevices: must be between 1 and 1000000, got " + bound);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0", "1e2", "\"5\"", "null"})
  void expectedMaxDevicesIsWrittenAsAnInteger(String bound) {
    assertThat(problemsWithBound(bound))
        .singleElement()
        .asString()
        .startsWith("expectedMaxDevices: must");
  }

  @Test
  void expectedMaxDevicesMayNotBeBelowTheDistinctDevicesListed() {
    ObjectNode r = request();
    r.remove("targets");
    r.putArray("deviceIds").add(DEVICE).add(DEVICE.toUpperCase(Locale.ROOT)).add(GROUP);
    r.put("expectedMaxDevices", 2);
    assertThat(parsed(r).expectedMaxDevices()).isEqualTo(2);

    r.put("expectedMaxDevices", 1);
    assertThat(problems(r))
        .containsExactly(
            "expectedMaxDevices: is 1, but deviceIds alone lists 2 distinct devices: the request"
                + " would always be rejected");
  }

  @Test
  void targetsProblemsFollowTheOtherFieldsAndPrecedeUnknownOnes() {
    ObjectNode r = request();
    r.put("dryRun", "yes");
    targets(r).putArray("users").add("nobody");
    r.put("expectedMaxDevices", 0);
    r.put("dryrun", true);

    assertThat(problems(r))
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactly("dryRun", "targets.users[0]", "expectedMaxDevices", "dryrun");
  }

  // ---- normalization, for any users ----

  @Property(tries = 300)
  void parsedUsersAreTrimmedLowerCasedAndDistinctWithOneLabelEach(
      @ForAll("users") List<String> users) {
    RequestParser.Result result = parse(withUsers(users.toArray(String[]::new)));
    if (result instanceof RequestParser.Parsed p) {
      Targets t = p.request().targets();
      assertThat(t.users())
          .doesNotHaveDuplicates()
          .allSatisfy(u -> assertThat(u).isEqualTo(u.strip().toLowerCase(Locale.ROOT)));
      assertThat(t.labels()).doesNotHaveDuplicates().hasSize(t.selectorCount());
      assertThat(t.users().size()).isLessThanOrEqualTo(users.size());
    } else {
      assertThat(((RequestParser.Rejected) result).problems())
          .allSatisfy(pr -> assertThat(pr.field()).startsWith("targets"));
    }
  }

  @Provide
  Arbitrary<List<String>> users() {
    Arbitrary<String> local = Arbitraries.of("alice", "Alice", "BOB", "b.o_b", "c'd", "x@y", "");
    Arbitrary<String> domain = Arbitraries.of("contoso.com", "Contoso.COM", "", "a b");
    Arbitrary<String> pad = Arbitraries.of("", " ", "\t", "\u3000");
    Arbitrary<String> upn =
        net.jqwik.api.Combinators.combine(pad, local, domain, pad)
            .as((p, l, d, q) -> p + l + "@" + d + q);
    Arbitrary<String> guid = Arbitraries.of(GROUP, GROUP.toUpperCase(Locale.ROOT));
    return Arbitraries.oneOf(upn, guid).list().ofMinSize(1).ofMaxSize(6);
  }
}
