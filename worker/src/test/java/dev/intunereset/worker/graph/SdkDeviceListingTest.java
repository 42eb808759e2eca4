package dev.intunereset.worker.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.intunereset.worker.config.ConfigReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  private HttpServer server;
  private String base;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private GraphGateway gateway;

  @BeforeEach
  void startAFakeGraph() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/beta";
    gateway =
        GraphGateways.create(
            ConfigReader.read(
                    Map.of(
                        "GRAPH_AUTH_MODE", "static-token",
                        "GRAPH_STATIC_TOKEN", "listing-test-token",
                        "GRAPH_BASE_URL", base))
                .graph(),
            1,
            Clock.fixed(Instant.parse("2026-11-10T09:00:00Z"), java.time.ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    gateway.close();
    server.stop(0);
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
      send(
          exchange,
          404,
          "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"gone\"}}");
    } else if (path.contains("throttled")) {
      exchange.getResponseHeaders().add("Retry-After", "7");
      send(exchange, 429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow\"}}");
    } else if (path.endsWith("/graph.device")) {
      send(
          exchange,
          200,
          "{\"@odata.count\":1,\"value\":[{\"@odata.type\":\"#microsoft.graph.device\","
              + "\"id\":\"o-1\",\"deviceId\":\"a-1\"}]}");
    } else if (path.endsWith("/graph.user")) {
      send(
          exchange,
          200,
          "{\"@odata.count\":1,\"value\":[{\"@odata.type\":\"#microsoft.graph.user\","
              + "\"id\":\"u-1\",\"userPrincipalName\":\"alice@contoso.com\"}]}");
    } else if (query != null && query.contains("skiptoken")) {
      send(exchange, 200, "{\"value\":[]}");
    } else {
      send(
          exchange,
          200,
          "{\"@odata.nextLink\":\""
              + base
              + "/deviceManagement/managedDevices?$skiptoken=abc\",\"value\":["
              + DEVICE
              + "]}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("request-id", "graph-" + status);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void aFilteredListingSelectsEveryCheckedPropertyAndReadsThemIntoOurRecord() {
    ListingPage<ListedDevice> page =
        gateway.listManagedDevices("operatingSystem eq 'Android'", null, "c-1");

    assertThat(page.isSuccess()).isTrue();
    assertThat(page.call().graphRequestId()).isEqualTo("graph-200");
    assertThat(page.nextLink()).contains(base + "/deviceManagement/managedDevices?$skiptoken=abc");
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
        gateway.listManagedDevices(
            "ignored", base + "/deviceManagement/managedDevices?$skiptoken=abc", "c-2");

    assertThat(page.items()).isEmpty();
    assertThat(page.nextLink()).isEmpty();
    assertThat(received)
        .containsExactly(
            "/beta/deviceManagement/managedDevices?$skiptoken=abc consistency=null crid=c-2");
  }

  @Test
  void aUsersDevicesAreReadByUpnAndAnUnknownUserIsGraphs404() {
    assertThat(gateway.listUserManagedDevices("alice@contoso.com", null, "c-3").items())
        .extracting(ListedDevice::id)
        .containsExactly("d-1");
    ListingPage<ListedDevice> carol =
        gateway.listUserManagedDevices("carol@contoso.com", null, "c-4");

    assertThat(carol.isSuccess()).isFalse();
    assertThat(carol.call().httpStatus()).isEqualTo(404);
    assertThat(carol.call().graphErrorCode()).isEqualTo("Request_ResourceNotFound");
    assertThat(received.get(0))
        .startsWith("/beta/users/alice%40contoso.com/managedDevices?$select=id,");
  }

  @Test
  void groupMembersAreAnAdvancedQueryWithTheLargestPage() {
    assertThat(gateway.listGroupTransitiveDevices("g-1", null, "c-5").items())
        .containsExactly(new GroupMember("o-1", "a-1", null));
    assertThat(gateway.listGroupTransitiveUsers("g-1", null, "c-6").items())
        .containsExactly(new GroupMember("u-1", null, "alice@contoso.com"));
    gateway.listGroupTransitiveUsers(
        "g-1", base + "/groups/g-1/transitiveMembers/graph.user?$count=true&$skiptoken=x", "c-7");

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
    ListingPage<GroupMember> page = gateway.listGroupTransitiveDevices("throttled", null, "c-8");

    assertThat(page.isSuccess()).isFalse();
    assertThat(page.items()).isEmpty();
    assertThat(page.call().httpStatus()).isEqualTo(429);
    assertThat(page.call().retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(page.call().clientRequestId()).isEqualTo("c-8");
  }
}
