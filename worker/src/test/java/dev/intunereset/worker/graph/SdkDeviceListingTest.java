package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listing reads through the real Graph beta SDK over HTTP: the paths, query options and headers
 * the SDK sends (the advanced-query header and {@code $count=true} on group members), the next link
 * followed as given, the page reduced to our own records, and failures mapped as every other
 * call's. (The sandbox's {@code DeviceListingIT} sends them to the Graph simulator.)
 */
class SdkDeviceListingTest {
  private static final String DEVICE =
      "{\"id\":\"d-1\",\"deviceName\":\"ALICE-PIXEL\",\"operatingSystem\":\"Android\","
          + "\"osVersion\":\"14\",\"userPrincipalName\":\"alice@contoso.com\",\"userId\":\"u-1\","
          + "\"serialNumber\":\"SN1\",\"azureADDeviceId\":\"a-1\","
          + "\"managementAgent\":\"googleCloudDevicePolicyController\",\"ownerType\":\"company\","
          + "\"managementState\":\"managed\",\"deviceType\":\"androidEnterprise\","
          + "\"complianceState\":\"compliant\",\"jailBroken\":\"False\","
          + "\"deviceCategoryDisplayName\":\"Phones\",\"enrolledDateTime\":\"2026-01-02T03:04:05Z\","
          + "\"lastSyncDateTime\":\"2026-11-10T08:00:00Z\"}";

  private final List<String> received = new CopyOnWriteArrayList<>();
  private LoopbackGraph graph;

  @BeforeEach
  void startAFakeGraph() {
    graph = LoopbackGraph.start(this::answer, "listing-test-token", Clock.systemUTC());
  }

  private DeviceListings listings() {
    return graph.gateway().listings();
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    received.add(
        path
            + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8))
            + " consistency="
            + exchange.getRequestHeaders().getFirst("ConsistencyLevel")
            + " crid="
            + exchange.getRequestHeaders().getFirst("client-request-id"));
    exchange.getRequestBody().readAllBytes();
    if (path.contains("/users/carol")) {
      LoopbackGraph.json(
          exchange,
          404,
          "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"gone\"}}");
    } else if (path.contains("throttled")) {
      exchange.getResponseHeaders().add("Retry-After", "7");
      LoopbackGraph.json(
          exchange, 429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow\"}}");
    } else if (path.endsWith("/graph.device")) {
      LoopbackGraph.json(
          exchange,
          200,
          "{\"@odata.count\":1,\"value\":[{\"@odata.type\":\"#microsoft.graph.device\","
              + "\"id\":\"o-1\",\"deviceId\":\"a-1\"}]}");
    } else if (path.endsWith("/graph.user")) {
      LoopbackGraph.json(
          exchange,
          200,
          "{\"@odata.count\":1,\"value\":[{\"@odata.type\":\"#microsoft.graph.user\","
              + "\"id\":\"u-1\",\"userPrincipalName\":\"alice@contoso.com\"}]}");
    } else if (query != null && query.contains("skiptoken")) {
      LoopbackGraph.json(exchange, 200, "{\"value\":[]}");
    } else {
      LoopbackGraph.json(
          exchange,
          200,
          "{\"@odata.nextLink\":\""
              + graph.baseUrl()
              + "/deviceManagement/managedDevices?$skiptoken=abc\",\"value\":["
              + DEVICE
              + "]}");
    }
  }

  @Test
  void aFilteredListingSelectsEveryCheckedPropertyAndReadsThemIntoOurRecord() {
    ListingPage<ListedDevice> page =
        listings().managedDevices("operatingSystem eq 'Android'", null, "c-1");

    assertThat(page.isSuccess()).isTrue();
    assertThat(page.call().graphRequestId()).isEqualTo("graph-200");
    assertThat(page.nextLink())
        .contains(graph.baseUrl() + "/deviceManagement/managedDevices?$skiptoken=abc");
    assertThat(page.items())
        .containsExactly(
            new ListedDevice(
                "d-1",
                "ALICE-PIXEL",
                "Android",
                "14",
                "alice@contoso.com",
                "u-1",
                "SN1",
                "a-1",
                "googleCloudDevicePolicyController",
                "company",
                "managed",
                "androidEnterprise",
                "compliant",
                "False",
                "Phones",
                Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-11-10T08:00:00Z")));
    assertThat(received)
        .containsExactly(
            "/beta/deviceManagement/managedDevices?$filter=operatingSystem eq 'Android'&$select="
                + String.join(",", SdkDeviceListing.DEVICE_SELECT)
                + " consistency=null crid=c-1");
  }

  @Test
  void aNextLinkIsFollowedAsGraphGaveIt() {
    ListingPage<ListedDevice> page =
        listings()
            .managedDevices(
                "ignored",
                graph.baseUrl() + "/deviceManagement/managedDevices?$skiptoken=abc",
                "c-2");

    assertThat(page.items()).isEmpty();
    assertThat(page.nextLink()).isEmpty();
    assertThat(received)
        .containsExactly(
            "/beta/deviceManagement/managedDevices?$skiptoken=abc consistency=null crid=c-2");
  }

  @Test
  void aUsersDevicesAreReadByUpnAndAnUnknownUserIsGraphs404() {
    assertThat(listings().userManagedDevices("alice@contoso.com", null, "c-3").items())
        .extracting(ListedDevice::id)
        .containsExactly("d-1");
    ListingPage<ListedDevice> carol =
        listings().userManagedDevices("carol@contoso.com", null, "c-4");

    assertThat(carol.isSuccess()).isFalse();
    assertThat(carol.call().httpStatus()).isEqualTo(404);
    assertThat(carol.call().graphErrorCode()).isEqualTo("Request_ResourceNotFound");
    assertThat(received.get(0))
        .startsWith("/beta/users/alice%40contoso.com/managedDevices?$select=id,");
  }

  @Test
  void groupMembersAreAnAdvancedQueryWithTheLargestPage() {
    assertThat(listings().groupTransitiveDevices("g-1", null, "c-5").items())
        .containsExactly(new GroupMember("o-1", "a-1", null));
    assertThat(listings().groupTransitiveUsers("g-1", null, "c-6").items())
        .containsExactly(new GroupMember("u-1", null, "alice@contoso.com"));
    listings()
        .groupTransitiveUsers(
            "g-1",
            graph.baseUrl() + "/groups/g-1/transitiveMembers/graph.user?$count=true&$skiptoken=x",
            "c-7");

    assertThat(received)
        .containsExactly(
            "/beta/groups/g-1/transitiveMembers/graph.device?$count=true&$select=id,deviceId&$top=999"
                + " consistency=eventual crid=c-5",
            "/beta/groups/g-1/transitiveMembers/graph.user?$count=true&$select=id,userPrincipalName&$top=999"
                + " consistency=eventual crid=c-6",
            "/beta/groups/g-1/transitiveMembers/graph.user?$count=true&$skiptoken=x"
                + " consistency=eventual crid=c-7");
  }

  @Test
  void aThrottledPageIsAFailureWithGraphsRetryAfter() {
    ListingPage<GroupMember> page = listings().groupTransitiveDevices("throttled", null, "c-8");

    assertThat(page.isSuccess()).isFalse();
    assertThat(page.items()).isEmpty();
    assertThat(page.call().httpStatus()).isEqualTo(429);
    assertThat(page.call().retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(page.call().clientRequestId()).isEqualTo("c-8");
  }
}
