package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.ManagedDeviceCollectionResponse;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /deviceManagement/managedDevices} over real HTTP, through the Graph beta SDK where it
 * has the request builders: the documented {@code $filter}s, Graph's 400s, paging by {@code
 * nextLink}, the filter defects as knobs, tenants and the read budget.
 */
class GraphSimulatorListingTest {
  private static final String LIST = "/beta/deviceManagement/managedDevices";
  private static final int FLEET = 2_500;
  private static final String STALE_ID = "0f3c2a71-5d4e-4b8a-9c16-2e7d8a4b1c05";

  private final MutableClock clock = MutableClock.at("2026-12-04T09:00:00Z");
  private DeviceInventory inventory;
  private GraphSimulator sim;
  private GraphServiceClient graph;
  private RawHttp http;

  @BeforeEach
  void start() {
    inventory =
        TestInventories.deterministicAnd(
            FLEET,
            Map.of(
                "id", STALE_ID,
                "deviceName", "KIOSK-05",
                "operatingSystem", "Android",
                "lastSyncDateTime", "2025-01-06T08:00:00Z"));
    sim = TestInventories.withFabrikam(inventory, 30, clock);
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
    http = new RawHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void eqOnOperatingSystemListsExactlyThoseDevices() {
    List<ManagedDevice> ios = listAll(rc -> rc.queryParameters.filter = "operatingSystem eq 'iOS'");

    // Slots 14, 15 and 16 of every 20 are iOS.
    assertThat(ios).hasSize(FLEET / 20 * 3);
    assertThat(ios).allMatch(d -> d.getOperatingSystem().equals("iOS"));
  }

  @Test
  void eqComparesCaseInsensitivelyAsGraphDoes() {
    assertThat(listAll(rc -> rc.queryParameters.filter = "operatingSystem eq 'ios'"))
        .hasSize(FLEET / 20 * 3);
  }

  @Test
  void containsOnDeviceNameMatchesAnywhereInTheName() {
    List<ManagedDevice> found =
        listAll(rc -> rc.queryParameters.filter = "contains(deviceName,'SBX-0001')");

    assertThat(found)
        .extracting(ManagedDevice::getDeviceName)
        .containsExactly(
            "SBX-00010",
            "SBX-00011",
            "SBX-00012",
            "SBX-00013",
            "SBX-00014",
            "SBX-00015",
            "SBX-00016",
            "SBX-00017",
            "SBX-00018",
            "SBX-00019");
  }

  @Test
  void ltAndGtOnEnrolledDateTimeAreStrict() {
    // Device i enrolled 37 minutes after device i - 1, from 2025-01-06T08:00:00Z.
    List<ManagedDevice> first =
        listAll(rc -> rc.queryParameters.filter = "enrolledDateTime lt 2025-01-06T09:14:00Z");
    Instant last = Instant.parse("2025-01-06T08:00:00Z").plus(Duration.ofMinutes(37L * 2490));
    List<ManagedDevice> latest =
        listAll(rc -> rc.queryParameters.filter = "enrolledDateTime gt " + last);

    assertThat(first)
        .extracting(ManagedDevice::getDeviceName)
        .containsExactly("SBX-00000", "SBX-00001");
    assertThat(latest).hasSize(9);
  }

  @Test
  void lastSyncDateTimeFiltersOnTheLiveValue() {
    String eightHoursAgo = clock.instant().minus(Duration.ofHours(8)).toString();

    List<ManagedDevice> stale =
        listAll(rc -> rc.queryParameters.filter = "lastSyncDateTime lt " + eightHoursAgo);
    List<ManagedDevice> recent =
        listAll(rc -> rc.queryParameters.filter = "lastSyncDateTime gt " + eightHoursAgo);

    assertThat(stale).extracting(ManagedDevice::getId).containsExactly(STALE_ID);
    assertThat(recent).hasSize(FLEET);
  }

  @Test
  void andJoinsClausesThatMustAllHold() {
    List<ManagedDevice> found =
        listAll(
            rc ->
                rc.queryParameters.filter =
                    "operatingSystem eq 'Android' and complianceState eq 'noncompliant'");

    // Every device i with i % 10 == 7 is noncompliant: slot 7 is Android, slot 17 iPadOS.
    assertThat(found).hasSize(FLEET / 20);
    assertThat(found).allMatch(d -> d.getDeviceName().endsWith("7"));
  }

  private void strict() {
    sim.behavior(
        SimulatorBehavior.builder().filterDefect(SimulatorBehavior.FilterDefect.NONE).build());
  }

  @Test
  void aStrictGraphAnswersAnUnsupportedProperty400InvalidFilterClause() {
    strict();
    HttpResponse<String> answer = http.get(LIST + "?$filter=" + enc("userId eq 'x'"));

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = RawHttp.json(answer).get("error");
    assertThat(error.get("code").asText()).isEqualTo("BadRequest");
    assertThat(error.get("message").asText())
        .startsWith("Invalid filter clause: ")
        .contains("userId");
    assertThat(error.at("/innerError/request-id").asText()).isNotBlank();
  }

  @Test
  void aStrictGraphAnswersOrOperatorsOutsideTheTableAndStartswith400() {
    strict();
    for (String filter :
        List.of(
            "deviceName eq 'a' or deviceName eq 'b'",
            "operatingSystem ne 'iOS'",
            "contains(operatingSystem,'i')",
            "startswith(deviceName,'SBX')",
            "not (deviceName eq 'a')")) {
      HttpResponse<String> answer = http.get(LIST + "?$filter=" + enc(filter));
      assertThat(answer.statusCode()).as(filter).isEqualTo(400);
      assertThat(RawHttp.json(answer).at("/error/message").asText())
          .as(filter)
          .startsWith("Invalid filter clause: ");
    }
  }

  @Test
  void aPropertyManagedDeviceDoesNotHaveAndBrokenSyntaxAre400EvenWhenFiltersAreIgnored() {
    sim.behavior(
        SimulatorBehavior.builder()
            .filterDefect(SimulatorBehavior.FilterDefect.IGNORE_ALL)
            .build());

    for (String filter : List.of("colour eq 'red'", "deviceName eq", "deviceName eq 'x")) {
      assertThat(http.get(LIST + "?$filter=" + enc(filter)).statusCode()).as(filter).isEqualTo(400);
    }
  }

  @Test
  void pagingByNextLinkGivesEveryDeviceExactlyOnceInPagesOf1000() {
    List<Integer> pageSizes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ManagedDeviceCollectionResponse page = graph.deviceManagement().managedDevices().get();
    while (true) {
      pageSizes.add(page.getValue().size());
      page.getValue().forEach(d -> ids.add(d.getId()));
      if (page.getOdataNextLink() == null) {
        break;
      }
      assertThat(URI.create(page.getOdataNextLink()).getQuery()).contains("$skiptoken=");
      assertThat(page.getOdataNextLink())
          .startsWith(sim.baseUrl() + "/deviceManagement/managedDevices?");
      page = graph.deviceManagement().managedDevices().withUrl(page.getOdataNextLink()).get();
    }

    assertThat(pageSizes).containsExactly(1000, 1000, 501);
    assertThat(ids).containsExactlyElementsOf(inventory.ids());
    assertThat(sim.calls())
        .extracting(RecordedCall::operation)
        .containsOnly(RecordedCall.LIST_MANAGED_DEVICES)
        .hasSize(3);
  }

  @Test
  void topSetsThePageSizeAndTheNextLinkKeepsTheFilterAndTop() {
    List<Integer> pageSizes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ManagedDeviceCollectionResponse page =
        graph
            .deviceManagement()
            .managedDevices()
            .get(
                rc -> {
                  rc.queryParameters.filter = "operatingSystem eq 'Android'";
                  rc.queryParameters.top = 300;
                  rc.queryParameters.select = new String[] {"id", "deviceName"};
                });
    while (true) {
      pageSizes.add(page.getValue().size());
      page.getValue().forEach(d -> ids.add(d.getId()));
      assertThat(page.getValue()).allMatch(d -> d.getOperatingSystem() == null);
      if (page.getOdataNextLink() == null) {
        break;
      }
      page = graph.deviceManagement().managedDevices().withUrl(page.getOdataNextLink()).get();
    }

    // 14 of every 20 are Android, and the extra device too.
    assertThat(ids).hasSize(FLEET / 20 * 14 + 1).doesNotHaveDuplicates();
    assertThat(pageSizes).containsExactly(300, 300, 300, 300, 300, 251);
  }

  @Test
  void topAboveTheMaximumIsServedAs1000AndZeroIs400() {
    JsonNode big = RawHttp.json(http.get(LIST + "?$top=5000&$select=id"));
    assertThat(big.get("value")).hasSize(1000);
    assertThat(big.has("@odata.nextLink")).isTrue();

    assertThat(http.get(LIST + "?$top=0").statusCode()).isEqualTo(400);
    assertThat(http.get(LIST + "?$top=many").statusCode()).isEqualTo(400);
  }

  @Test
  void countTrueAddsTheMatchCount() {
    JsonNode body =
        RawHttp.json(
            http.get(LIST + "?$count=true&$top=2&$filter=" + enc("operatingSystem eq 'macOS'")));

    assertThat(body.get("@odata.count").asLong()).isEqualTo(FLEET / 20);
    assertThat(body.get("value")).hasSize(2);
  }

  @Test
  void aForgedSkiptokenIsGraphs400() {
    HttpResponse<String> answer = http.get(LIST + "?$skiptoken=" + enc("bm90LWEtdG9rZW4"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(answer).at("/error/code").asText()).isEqualTo("BadRequest");
  }

  @Test
  void aSkiptokenCarriedOverToAnotherFilterOrTenantIsStale() {
    String next =
        RawHttp.json(http.get(LIST + "?$top=10&$filter=" + enc("operatingSystem eq 'Android'")))
            .get("@odata.nextLink")
            .asText();
    String path = URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
    assertThat(http.get(path).statusCode()).isEqualTo(200);

    String otherFilter =
        path.replace(enc("operatingSystem eq 'Android'"), enc("operatingSystem eq 'iOS'"));
    assertThat(otherFilter).isNotEqualTo(path);
    assertThat(http.get(otherFilter).statusCode()).isEqualTo(400);
    assertThat(new RawHttp(sim, "token-fabrikam").get(path).statusCode()).isEqualTo(400);
  }

  @Test
  void byDefaultAnUnsupportedFilterIsIgnoredAndTheWholeFleetListedAsGraphDoes() {
    assertThat(listAll(rc -> rc.queryParameters.filter = "userId eq 'nobody'")).hasSize(FLEET + 1);
    assertThat(listAll(rc -> rc.queryParameters.filter = "operatingSystem eq 'iOS'"))
        .hasSize(FLEET / 20 * 3);
  }

  @Test
  void ignoreAllFiltersReturnsTheWholeFleetEvenForASupportedFilter() {
    sim.behavior(
        SimulatorBehavior.builder()
            .filterDefect(SimulatorBehavior.FilterDefect.IGNORE_ALL)
            .build());

    assertThat(listAll(rc -> rc.queryParameters.filter = "operatingSystem eq 'iOS'"))
        .hasSize(FLEET + 1);
  }

  @Test
  void startsWithAsContainsMatchesInsideTheName() {
    sim.behavior(SimulatorBehavior.builder().startsWithAsContains(true).build());

    List<ManagedDevice> found =
        listAll(rc -> rc.queryParameters.filter = "startswith(deviceName,'0001')");

    // No name starts with 0001; SBX-00001 and SBX-00010..19 contain it.
    assertThat(found).hasSize(11).allMatch(d -> d.getDeviceName().contains("0001"));
  }

  @Test
  void aTenantListsOnlyItsOwnDevices() {
    GraphServiceClient fabrikam = SdkClients.client(sim, "token-fabrikam");

    List<String> ids = new ArrayList<>();
    fabrikam.deviceManagement().managedDevices().get().getValue().forEach(d -> ids.add(d.getId()));

    assertThat(ids).hasSize(30).allMatch(id -> id.startsWith("00000001-"));
    assertThat(listAll(rc -> {})).extracting(ManagedDevice::getId).doesNotContainAnyElementsOf(ids);
  }

  @Test
  void everyPageSpendsTheReadBudgetOfTheAppInTheTenant() {
    sim.behavior(SimulatorBehavior.builder().throttle(0, 3, Duration.ofSeconds(20)).build());

    assertThat(http.get(LIST + "?$top=1").statusCode()).isEqualTo(200);
    assertThat(http.get(LIST + "?$top=1").statusCode()).isEqualTo(200);
    assertThat(http.get(RawHttp.devicePath(STALE_ID)).statusCode()).isEqualTo(200);
    HttpResponse<String> throttled = http.get(LIST + "?$top=1");
    // Another tenant's budget is its own.
    HttpResponse<String> otherTenant = new RawHttp(sim, "token-fabrikam").get(LIST + "?$top=1");
    clock.advance(Duration.ofSeconds(20));
    HttpResponse<String> later = http.get(LIST + "?$top=1");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(otherTenant.statusCode()).isEqualTo(200);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(sim.calls())
        .filteredOn(c -> c.status() == 429)
        .singleElement()
        .satisfies(c -> assertThat(c.operation()).isEqualTo(RecordedCall.LIST_MANAGED_DEVICES));
  }

  @Test
  void postOnTheCollectionIs405() {
    HttpResponse<String> answer = http.post(LIST);

    assertThat(answer.statusCode()).isEqualTo(405);
    assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
  }

  /** Every page of the listing, through the SDK, following nextLink until it is absent. */
  private List<ManagedDevice> listAll(
      Consumer<
              com.microsoft.graph.beta.devicemanagement.manageddevices.ManagedDevicesRequestBuilder
                  .GetRequestConfiguration>
          config) {
    List<ManagedDevice> all = new ArrayList<>();
    ManagedDeviceCollectionResponse page = graph.deviceManagement().managedDevices().get(config);
    all.addAll(page.getValue());
    while (page.getOdataNextLink() != null) {
      page = graph.deviceManagement().managedDevices().withUrl(page.getOdataNextLink()).get();
      all.addAll(page.getValue());
    }
    return all;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
