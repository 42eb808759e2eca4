package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intunereset.worker.TargetExpansion;
import dev.intunereset.worker.TargetExpansion.SelectorReport;
import dev.intunereset.worker.WorkerGraphClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Device target expansion (issue 13) through the worker's real Graph client (the beta SDK, its
 * gateway, OkHttp) over HTTP against the simulator: each selector kind, paging, a 20,000-device
 * group in bounded memory, unknown users and groups, and a simulator that ignores filters. Only
 * GETs: no expansion ever resets anything.
 */
class DeviceListingIT {
  private static final String FINANCE = "6a0b7c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d";
  private static final String FRONT_DESK = "7b1c8d2e-3f4a-4b5c-9d7e-8f9a0b1c2d3e";

  private GraphSimulator sim;
  private WorkerGraphClient client;
  private final Map<String, String> claimed = new HashMap<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private void start(DeviceInventory inventory, int pageSize) {
    sim = GraphSimulator.builder().inventory(inventory).pageSize(pageSize).start();
    client = SdkClients.workerClient(sim, 2);
  }

  private TargetExpansion expand(int joinChunk, String... selectors) {
    return client.expandTargets(
        List.of(selectors),
        joinChunk,
        (id, label) -> assertThat(claimed.put(id, label)).as("claimed once: %s", id).isNull());
  }

  private static String prop(DeviceInventory inventory, int index, String name) {
    return inventory
        .get(DeviceInventory.deterministicId(index))
        .flatMap(d -> d.stringProperty(name))
        .orElseThrow();
  }

  private static List<Integer> withUser(DeviceInventory inventory, int count) {
    return IntStream.range(0, inventory.size())
        .filter(i -> !prop(inventory, i, "userId").isEmpty())
        .limit(count)
        .boxed()
        .toList();
  }

  private Set<String> idsClaimedBy(String label) {
    return claimed.entrySet().stream()
        .filter(e -> e.getValue().equals(label))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private Map<String, Long> getsByOperation() {
    assertThat(sim.calls()).extracting(RecordedCall::method).containsOnly("GET");
    return sim.calls().stream()
        .collect(Collectors.groupingBy(RecordedCall::operation, Collectors.counting()));
  }

  @Test
  void eachSelectorKindExpandsToTheDevicesItNames() {
    DeviceInventory fleet = DeviceInventory.deterministic(60);
    List<Integer> users = withUser(fleet, 6);
    int byUpn = users.get(0);
    int byId = users.get(1);
    int groupUser = users.get(2);
    String notEnrolled = UUID.randomUUID().toString();
    DeviceInventory inventory =
        fleet.withGroups(
            List.of(
                new SimulatedGroup(FINANCE, "Finance", List.of(), List.of(), List.of(FRONT_DESK)),
                new SimulatedGroup(
                    FRONT_DESK,
                    "Finance front desk",
                    List.of(
                        prop(fleet, 3, "azureADDeviceId"),
                        prop(fleet, 4, "azureADDeviceId"),
                        notEnrolled),
                    List.of(prop(fleet, groupUser, "userId")),
                    List.of())));
    start(inventory, 1_000);
    String upn = prop(fleet, byUpn, "userPrincipalName");
    String userId = prop(fleet, byId, "userId");
    String windows = "filter:operatingSystem eq 'Windows'";

    TargetExpansion result =
        expand(
            20_000,
            "user:" + upn.toUpperCase(),
            "user:" + userId,
            "group:" + FINANCE,
            "deviceName:sbx-00010",
            "serialNumber:" + prop(fleet, 11, "serialNumber"),
            windows);

    assertThat(result.stoppedBy()).isEmpty();
    assertThat(result.selectors()).extracting(SelectorReport::status).containsOnly("EXPANDED");
    assertThat(idsClaimedBy("user:" + upn.toUpperCase()))
        .containsExactly(DeviceInventory.deterministicId(byUpn));
    assertThat(idsClaimedBy("user:" + userId))
        .containsExactly(DeviceInventory.deterministicId(byId));
    assertThat(idsClaimedBy("group:" + FINANCE))
        .as("the nested group's two enrolled devices and its user's device")
        .containsExactlyInAnyOrder(
            DeviceInventory.deterministicId(3),
            DeviceInventory.deterministicId(4),
            DeviceInventory.deterministicId(groupUser));
    assertThat(idsClaimedBy("deviceName:sbx-00010"))
        .containsExactly(DeviceInventory.deterministicId(10));
    assertThat(idsClaimedBy("serialNumber:" + prop(fleet, 11, "serialNumber")))
        .containsExactly(DeviceInventory.deterministicId(11));
    Set<String> windowsIds =
        inventory.devices().stream()
            .filter(d -> d.operatingSystem().equals("Windows"))
            .map(SimulatedDevice::id)
            .collect(Collectors.toSet());
    assertThat(windowsIds).isNotEmpty();
    Set<String> earlier = new HashSet<>(claimed.keySet());
    earlier.removeAll(idsClaimedBy(windows));
    Set<String> expectedWindows = new HashSet<>(windowsIds);
    expectedWindows.removeAll(earlier);
    assertThat(idsClaimedBy(windows)).isEqualTo(expectedWindows);
    assertThat(result.selector(windows).overlaps())
        .isEqualTo(windowsIds.size() - expectedWindows.size());
    assertThat(result.total()).isEqualTo(claimed.size());
    assertThat(getsByOperation())
        .containsOnlyKeys(
            RecordedCall.LIST_MANAGED_DEVICES,
            RecordedCall.LIST_USER_MANAGED_DEVICES,
            RecordedCall.LIST_GROUP_DEVICES,
            RecordedCall.LIST_GROUP_USERS);
    assertThat(sim.calls()).extracting(RecordedCall::status).containsOnly(200);
    assertThat(sim.calls()).allSatisfy(c -> assertThat(c.clientRequestId()).startsWith("expand-"));
  }

  @Test
  void aFilterIsPagedAcrossEveryNextLinkTheSimulatorIssues() {
    DeviceInventory fleet = DeviceInventory.deterministic(60);
    start(fleet, 7);
    long android =
        fleet.devices().stream().filter(d -> d.operatingSystem().equals("Android")).count();
    assertThat(android).as("enough for 3 pages").isGreaterThan(14);

    TargetExpansion result = expand(20_000, "filter:operatingSystem eq 'Android'");

    assertThat(result.selectors())
        .extracting(SelectorReport::status, SelectorReport::devices)
        .containsExactly(tuple("EXPANDED", (int) android));
    long pages = (android + 6) / 7;
    assertThat(result.reads()).isEqualTo((int) pages);
    assertThat(getsByOperation())
        .containsExactly(Map.entry(RecordedCall.LIST_MANAGED_DEVICES, pages));
    assertThat(sim.calls().subList(1, sim.calls().size()))
        .allSatisfy(c -> assertThat(c.query()).contains("$skiptoken="));
  }

  @Test
  void aTwentyThousandDeviceGroupIsExpandedInBoundedChunks() {
    DeviceInventory fleet = DeviceInventory.deterministic(20_000);
    List<String> members = new ArrayList<>(20_000);
    for (int i = 0; i < 20_000; i++) {
      members.add(prop(fleet, i, "azureADDeviceId"));
    }
    start(
        fleet.withGroups(
            List.of(new SimulatedGroup(FINANCE, "Everyone", members, List.of(), List.of()))),
        1_000);

    TargetExpansion result = expand(10_000, "group:" + FINANCE);

    assertThat(result.selectors())
        .extracting(SelectorReport::status, SelectorReport::devices)
        .containsExactly(tuple("EXPANDED", 20_000));
    assertThat(claimed).hasSize(20_000);
    assertThat(result.peakMembersHeld())
        .as("one chunk and one page of members, never the whole group")
        .isBetween(10_000, 10_000 + 999);
    // 21 pages of device members (999 a page) and one of users; two chunks, each a 20-page scan.
    assertThat(getsByOperation())
        .containsOnly(
            Map.entry(RecordedCall.LIST_GROUP_DEVICES, 21L),
            Map.entry(RecordedCall.LIST_GROUP_USERS, 1L),
            Map.entry(RecordedCall.LIST_MANAGED_DEVICES, 40L));
    assertThat(result.reads()).isEqualTo(62);
  }

  @Test
  void anUnknownUserAndAnUnknownGroupAreNamedAndTheOthersGoOn() {
    start(DeviceInventory.deterministic(20), 1_000);
    String group = "group:" + UUID.randomUUID();

    TargetExpansion result =
        expand(20_000, "user:carol@contoso.com", group, "deviceName:SBX-00002");

    assertThat(result.selectors())
        .extracting(SelectorReport::selector, SelectorReport::status)
        .containsExactly(
            tuple("user:carol@contoso.com", "NOT_FOUND"),
            tuple(group, "NOT_FOUND"),
            tuple("deviceName:SBX-00002", "EXPANDED"));
    assertThat(result.selectors().get(0).detail()).contains("user");
    assertThat(result.total()).isEqualTo(1);
  }

  @Test
  void aSimulatorThatIgnoresFiltersIsNotHonouredAfterOnePageAndNothingIsClaimedForIt() {
    start(DeviceInventory.deterministic(40), 1_000);
    sim.behavior(
        SimulatorBehavior.builder()
            .filterDefect(SimulatorBehavior.FilterDefect.IGNORE_ALL)
            .build());

    TargetExpansion result =
        expand(20_000, "filter:operatingSystem eq 'Windows'", "deviceName:SBX-00002");

    assertThat(result.selectors())
        .extracting(SelectorReport::status)
        .containsExactly("NOT_HONOURED", "SKIPPED");
    assertThat(result.selectors().get(0).detail())
        .contains(
            DeviceInventory.deterministicId(0), "does not satisfy operatingSystem eq 'Windows'");
    assertThat(claimed).isEmpty();
    assertThat(getsByOperation()).containsExactly(Map.entry(RecordedCall.LIST_MANAGED_DEVICES, 1L));
  }

  @Test
  void anUnsupportedFilterTheSimulatorIgnoresIsCaughtByTheWorkersOwnCheck() {
    // The default defect, as Graph: a filter on an undocumented property is dropped. The worker
    // never sends one (the grammar refuses it), so a user selector goes to /users/{upn} instead.
    start(DeviceInventory.deterministic(10), 1_000);
    int owner = withUser(sim.inventory(), 1).get(0);

    TargetExpansion result =
        expand(20_000, "user:" + prop(sim.inventory(), owner, "userPrincipalName"));

    assertThat(result.selectors()).extracting(SelectorReport::devices).containsExactly(1);
    assertThat(sim.calls())
        .extracting(RecordedCall::operation)
        .containsExactly(RecordedCall.LIST_USER_MANAGED_DEVICES);
  }
}
