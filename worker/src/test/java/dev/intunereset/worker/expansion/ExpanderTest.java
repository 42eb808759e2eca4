package dev.intunereset.worker.expansion;

import static dev.intunereset.worker.expansion.FakeDirectory.aad;
import static dev.intunereset.worker.expansion.FakeDirectory.device;
import static dev.intunereset.worker.expansion.FakeDirectory.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.worker.expansion.SelectorOutcome.Status;
import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import dev.intunereset.worker.targeting.DeviceFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExpanderTest {
  private static final UUID FINANCE = UUID.fromString("6a0b7c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d");

  private final FakeDirectory graph = new FakeDirectory();
  private final Map<String, String> sunk = new LinkedHashMap<>();
  private final List<Integer> pageSizes = new ArrayList<>();
  private final ExpansionSink sink =
      (selector, devices) -> {
        pageSizes.add(devices.size());
        devices.forEach(
            d -> assertThat(sunk.put(d.id(), selector.describe())).as("sunk once").isNull());
      };

  private static Selector filter(String text) {
    return new Selector.Filter(DeviceFilter.parse(text).orElseThrow());
  }

  private ExpansionResult expand(int joinChunk, Selector... selectors) {
    Expander expander = Expander.start(List.of(selectors), new InMemoryClaims(), sink, joinChunk);
    for (int steps = 0; steps < 10_000; steps++) {
      if (expander.step(graph) instanceof Progress.Done done) {
        assertThat(expander.next()).isEmpty();
        return done.result();
      }
    }
    throw new AssertionError("no end after 10,000 reads: " + graph.reads.size());
  }

  private ExpansionResult expand(Selector... selectors) {
    return expand(Expander.DEFAULT_JOIN_CHUNK, selectors);
  }

  private void fleetOf(int n) {
    for (int i = 0; i < n; i++) {
      graph.fleet.add(
          device(
              i,
              "DEV-" + i,
              i % 2 == 0 ? "Android" : "iOS",
              "user" + (i % 10) + "@contoso.com",
              "uid-" + (i % 10)));
    }
  }

  @Test
  void aFilterIsSentAsItsCanonicalTextAndPagedThroughEveryNextLink() {
    fleetOf(70);
    graph.devicePage = 10;

    ExpansionResult result = expand(filter("operatingSystem eq 'iOS'"));

    assertThat(graph.reads)
        .hasSize(4)
        .allSatisfy(
            r ->
                assertThat(r)
                    .isEqualTo(new Read.ManagedDevices("operatingSystem eq 'iOS'", r.link())));
    assertThat(graph.reads)
        .extracting(Read::link)
        .containsExactly(null, "devices@10", "devices@20", "devices@30");
    assertThat(pageSizes).containsExactly(10, 10, 10, 5);
    assertThat(result.total()).isEqualTo(35);
    assertThat(result.reads()).isEqualTo(4);
    assertThat(result.selectors())
        .extracting(SelectorOutcome::selector, SelectorOutcome::status, SelectorOutcome::devices)
        .containsExactly(tuple("filter:operatingSystem eq 'iOS'", Status.EXPANDED, 35));
  }

  @Test
  void aDeviceGraphListedThatDoesNotMatchTheFilterEndsItAsNotHonouredAndSkipsTheRest() {
    fleetOf(30);
    graph.devicePage = 10;
    graph.ignoreFilters = true;

    ExpansionResult result =
        expand(
            new Selector.User("user1@contoso.com"),
            filter("operatingSystem eq 'iOS'"),
            new Selector.DeviceName("DEV-3"));

    assertThat(result.notHonoured()).isTrue();
    SelectorOutcome culprit = result.selectors().get(1);
    assertThat(culprit.status()).isEqualTo(Status.NOT_HONOURED);
    assertThat(culprit.detail())
        .contains(
            id(0),
            "DEV-0",
            "filter:operatingSystem eq 'iOS'",
            "does not satisfy operatingSystem eq 'iOS'");
    assertThat(culprit.devices()).as("nothing of the page is claimed").isZero();
    assertThat(result.selectors().get(2).status()).isEqualTo(Status.SKIPPED);
    assertThat(graph.reads).as("no read after the mismatch").hasSize(2);
  }

  @Test
  void aMismatchOnTheThirdPageRejectsTheSelectorAfterTwoHonouredPages() {
    fleetOf(60);
    graph.devicePage = 10;
    PageSource slipping =
        read -> {
          ListingPage<?> page = graph.fetch(read);
          if (!"devices@20".equals(read.link())) {
            return page;
          }
          List<ListedDevice> devices = new ArrayList<>(devices(page));
          devices.add(device(99, "KIOSK", "Windows", null, null));
          return new ListingPage<>(page.call(), devices, page.nextLink());
        };
    Expander expander =
        Expander.start(
            List.of(filter("operatingSystem eq 'Android'")), new InMemoryClaims(), sink, 10);

    assertThat(expander.step(slipping)).isInstanceOf(Progress.More.class);
    assertThat(expander.step(slipping)).isInstanceOf(Progress.More.class);
    Progress third = expander.step(slipping);

    SelectorOutcome outcome = ((Progress.Done) third).result().selectors().get(0);
    assertThat(outcome.status()).isEqualTo(Status.NOT_HONOURED);
    assertThat(outcome.detail()).contains(id(99), "KIOSK");
    assertThat(sunk).as("the first two pages were claimed; the caller rejects them").hasSize(20);
  }

  @SuppressWarnings("unchecked")
  private static List<ListedDevice> devices(ListingPage<?> page) {
    return (List<ListedDevice>) page.items();
  }

  @Test
  void aDeviceNameIsMatchedCaseInsensitivelyAndAnotherNameIsNotHonoured() {
    fleetOf(5);

    assertThat(expand(new Selector.DeviceName("dev-3")).selectors().get(0))
        .extracting(SelectorOutcome::status, SelectorOutcome::devices)
        .containsExactly(Status.EXPANDED, 1);
    assertThat(graph.reads.get(0))
        .isEqualTo(new Read.ManagedDevices("deviceName eq 'dev-3'", null));

    graph.ignoreFilters = true;
    assertThat(expand(new Selector.DeviceName("dev-3")).selectors().get(0).status())
        .isEqualTo(Status.NOT_HONOURED);
  }

  @Test
  void aUsersDevicesAreCheckedByUserIdOrUpn() {
    fleetOf(30);

    ExpansionResult byUpn = expand(new Selector.User("USER3@contoso.com"));
    ExpansionResult byId = expand(new Selector.User("uid-4"));

    assertThat(byUpn.selectors().get(0).devices()).isEqualTo(3);
    assertThat(byId.selectors().get(0).devices()).isEqualTo(3);
    assertThat(graph.reads.get(0)).isEqualTo(new Read.UserDevices("USER3@contoso.com", null));
  }

  @Test
  void aUsersListingWithAnotherUsersDeviceIsNotHonoured() {
    fleetOf(3);
    graph.fleet.add(device(3, "ODD", "iOS", "user1@contoso.com", "uid-1"));
    PageSource lying =
        read -> {
          var page = graph.fetch(read);
          List<ListedDevice> devices = new ArrayList<>((List<ListedDevice>) page.items());
          devices.add(device(9, "MALLORY-PC", "Windows", "mallory@contoso.com", "uid-9"));
          return new dev.intunereset.worker.graph.ListingPage<>(
              page.call(), devices, page.nextLink());
        };
    Expander expander =
        Expander.start(
            List.of(new Selector.User("user1@contoso.com")), new InMemoryClaims(), sink, 10);

    Progress done = expander.step(lying);

    assertThat(done).isInstanceOf(Progress.Done.class);
    SelectorOutcome outcome = ((Progress.Done) done).result().selectors().get(0);
    assertThat(outcome.status()).isEqualTo(Status.NOT_HONOURED);
    assertThat(outcome.detail()).contains("MALLORY-PC", "belongs to user mallory@contoso.com");
    assertThat(sunk).isEmpty();
  }

  @Test
  void anUnknownUserAndAnUnknownGroupAreNotFoundAndTheOthersGoOn() {
    fleetOf(4);

    ExpansionResult result =
        expand(
            new Selector.User("carol@contoso.com"),
            new Selector.Group(FINANCE),
            new Selector.DeviceName("DEV-1"));

    assertThat(result.selectors())
        .extracting(SelectorOutcome::status)
        .containsExactly(Status.NOT_FOUND, Status.NOT_FOUND, Status.EXPANDED);
    assertThat(result.selectors().get(0).call())
        .hasValueSatisfying(c -> assertThat(c.httpStatus()).isEqualTo(404));
    assertThat(result.selectors().get(0).detail()).contains("user");
    assertThat(result.selectors().get(1).detail()).contains("group");
    assertThat(result.total()).isEqualTo(1);
  }

  @Test
  void aSelectorThatMatchesNothingIsEmpty() {
    fleetOf(4);
    graph.users.add("dave@contoso.com");

    ExpansionResult result =
        expand(
            filter("operatingSystem eq 'Windows'"),
            new Selector.User("dave@contoso.com"),
            new Selector.SerialNumber("NOPE"));

    assertThat(result.selectors()).extracting(SelectorOutcome::status).containsOnly(Status.EMPTY);
    assertThat(result.total()).isZero();
    assertThat(sunk).isEmpty();
  }

  @Test
  void theUnionClaimsEachDeviceOnceForTheFirstSelectorThatMatchesIt() {
    fleetOf(20);

    ExpansionResult result =
        expand(
            new Selector.User("user2@contoso.com"), // DEV-2, DEV-12
            filter("operatingSystem eq 'Android'"), // the 10 even ones, 2 and 12 among them
            new Selector.DeviceName("DEV-12"), // only an overlap
            new Selector.SerialNumber("SN7")); // DEV-7

    assertThat(result.selectors())
        .extracting(SelectorOutcome::status, SelectorOutcome::devices, SelectorOutcome::overlaps)
        .containsExactly(
            tuple(Status.EXPANDED, 2, 0),
            tuple(Status.EXPANDED, 8, 2),
            tuple(Status.EXPANDED, 0, 1),
            tuple(Status.EXPANDED, 1, 0));
    assertThat(result.total()).isEqualTo(11).isEqualTo(sunk.size());
    assertThat(sunk.get(id(12))).isEqualTo("user:user2@contoso.com");
    assertThat(sunk.get(id(7))).isEqualTo("serialNumber:SN7");
  }

  @Test
  void aSerialNumberIsMatchedExactlyOverTheUnfilteredFleet() {
    fleetOf(25);
    graph.devicePage = 10;

    ExpansionResult result = expand(new Selector.SerialNumber("SN21"));

    assertThat(graph.reads).extracting(r -> ((Read.ManagedDevices) r).filter()).containsOnlyNulls();
    assertThat(graph.reads).hasSize(3);
    assertThat(sunk).containsOnlyKeys(id(21));
    assertThat(expand(new Selector.SerialNumber("sn21")).selectors().get(0).status())
        .isEqualTo(Status.EMPTY);
    assertThat(result.selectors().get(0).devices()).isEqualTo(1);
  }

  @Test
  void aGroupsDeviceMembersAndUserMembersAreJoinedToManagedDevicesInBoundedChunks() {
    fleetOf(100);
    graph.devicePage = 10;
    graph.memberPage = 7;
    // 30 device members (every third device), 12 of them not enrolled, and 2 users (10 devices
    // each).
    List<String> deviceMembers = new ArrayList<>();
    IntStream.range(0, 30).forEach(i -> deviceMembers.add(aad(i * 3)));
    IntStream.range(0, 12).forEach(i -> deviceMembers.add(aad(1_000 + i)));
    graph.groupDevices.put(FINANCE, deviceMembers);
    graph.groupUsers.put(FINANCE, List.of("uid-1", "UID-2"));

    ExpansionResult result = expand(15, new Selector.Group(FINANCE));

    // Device members 0,3,...,87; users 1 and 2 own the devices ending in 1 and 2.
    List<String> expected =
        IntStream.range(0, 100)
            .filter(i -> (i % 3 == 0 && i < 90) || i % 10 == 1 || i % 10 == 2)
            .mapToObj(FakeDirectory::id)
            .toList();
    assertThat(sunk.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.selectors().get(0).devices()).isEqualTo(expected.size());
    assertThat(result.peakMembersHeld())
        .as("one chunk and one page at most")
        .isLessThanOrEqualTo(15 + 7);
    // 42 device members in 6 pages and 2 users in 1: chunks after 3, 6 and 7 member pages, one
    // 10-page fleet scan each.
    assertThat(graph.reads.stream().filter(r -> r instanceof Read.ManagedDevices)).hasSize(30);
    assertThat(graph.reads.stream().filter(r -> !(r instanceof Read.ManagedDevices))).hasSize(7);
  }

  @Test
  void aThrottledReadIsTheNextReadAgainAndCounts() {
    fleetOf(5);
    graph.failures.add(FakeDirectory.throttled());
    Expander expander =
        Expander.start(List.of(new Selector.DeviceName("DEV-1")), new InMemoryClaims(), sink, 10);
    Read first = expander.next().orElseThrow();

    Progress retry = expander.step(graph);

    assertThat(retry).isInstanceOf(Progress.Retry.class);
    assertThat(((Progress.Retry) retry).call().retryAfter()).isPresent();
    assertThat(((Progress.Retry) retry).read()).isEqualTo(first);
    assertThat(expander.next()).contains(first);
    Progress done = expander.step(graph);
    assertThat(((Progress.Done) done).result().reads()).isEqualTo(2);
    assertThat(sunk).containsOnlyKeys(id(1));
  }

  @Test
  void aReadGraphRefusesForGoodEndsTheSelectorAsFailedAndTheNextGoesOn() {
    fleetOf(5);
    graph.failures.add(FakeDirectory.http(403, "Forbidden"));

    ExpansionResult result =
        expand(new Selector.DeviceName("DEV-1"), new Selector.DeviceName("DEV-2"));

    assertThat(result.selectors())
        .extracting(SelectorOutcome::status)
        .containsExactly(Status.FAILED, Status.EXPANDED);
    assertThat(result.selectors().get(0).detail()).contains("403", "Forbidden");
  }
}
