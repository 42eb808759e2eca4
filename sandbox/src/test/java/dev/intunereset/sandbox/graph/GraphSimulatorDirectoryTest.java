package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.beta.models.Device;
import com.microsoft.graph.beta.models.DeviceCollectionResponse;
import com.microsoft.graph.beta.models.ManagedDevice;
import com.microsoft.graph.beta.models.User;
import com.microsoft.graph.beta.models.UserCollectionResponse;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's managed devices and a group's transitive members over real HTTP, through the Graph beta
 * SDK: UPN and id, nested groups, the advanced-query parameters, Graph's 404s and tenants.
 */
class GraphSimulatorDirectoryTest {
  private static final String FINANCE = "6a0b7c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d";
  private static final String FINANCE_EMEA = "7b1c8d2e-3f4a-4b5c-9d7e-8f9a0b1c2d3e";
  private static final String EMPTY_GROUP = "8c2d9e3f-4a5b-4c6d-8e8f-9a0b1c2d3e4f";
  private static final String UNENROLLED = "9d3e0f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a";
  private static final String NO_DEVICES_USER = "0e4f1a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b";

  private GraphSimulator sim;
  private GraphServiceClient graph;
  private RawHttp http;

  @BeforeEach
  void start() {
    // Finance: devices 0 and 1, an Entra device not enrolled, user 2, and Finance EMEA, which
    // holds device 3, device 0 again, user 6 and (a cycle) Finance.
    DeviceInventory inventory =
        DeviceInventory.deterministic(40)
            .withUsers(List.of(new SimulatedUser(NO_DEVICES_USER, "nodevices@sandbox.example")))
            .withGroups(
                List.of(
                    new SimulatedGroup(
                        FINANCE,
                        "Finance",
                        List.of(aad(0), aad(1), UNENROLLED),
                        List.of(userId(2)),
                        List.of(FINANCE_EMEA)),
                    new SimulatedGroup(
                        FINANCE_EMEA,
                        "Finance EMEA",
                        List.of(aad(3), aad(0)),
                        List.of(userId(6)),
                        List.of(FINANCE)),
                    new SimulatedGroup(EMPTY_GROUP, "Empty", List.of(), List.of(), List.of())));
    sim = TestInventories.withFabrikam(inventory, 40, MutableClock.at("2026-12-04T09:00:00Z"));
    graph = SdkClients.client(sim, GraphSimulator.DEFAULT_TOKEN);
    http = new RawHttp(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void deterministicDevicesNameTheirUserAndEntraDevice() {
    SimulatedDevice device = DeviceInventory.deterministic(20).devices().get(0);
    SimulatedDevice dedicated = DeviceInventory.deterministic(20).devices().get(4);

    assertThat(device.stringProperty("userId")).hasValue("00000000-0002-4000-8000-000000000001");
    assertThat(device.stringProperty("azureADDeviceId"))
        .hasValue("00000000-0001-4000-8000-000000000001");
    assertThat(device.stringProperty("userPrincipalName")).hasValue("user00000@sandbox.example");
    assertThat(dedicated.stringProperty("userId")).hasValue("");
    assertThat(DeviceInventory.deterministic(20).users()).hasSize(18);
  }

  @Test
  void aUsersManagedDevicesByUpnAndByIdCaseInsensitively() {
    List<ManagedDevice> byUpn =
        graph.users().byUserId("User00002@Sandbox.Example").managedDevices().get().getValue();
    List<ManagedDevice> byId =
        graph
            .users()
            .byUserId(userId(2).toUpperCase(Locale.ROOT))
            .managedDevices()
            .get()
            .getValue();

    assertThat(byUpn).extracting(ManagedDevice::getDeviceName).containsExactly("SBX-00002");
    assertThat(byId)
        .extracting(ManagedDevice::getId)
        .containsExactly(DeviceInventory.deterministicId(2));
    assertThat(sim.calls())
        .extracting(RecordedCall::operation)
        .containsOnly(RecordedCall.LIST_USER_MANAGED_DEVICES);
  }

  @Test
  void aUserWithoutDevicesHasAnEmptyList() {
    JsonNode body = RawHttp.json(http.get("/beta/users/nodevices@sandbox.example/managedDevices"));

    assertThat(body.get("value")).isEmpty();
    assertThat(body.get("@odata.context").asText())
        .isEqualTo(
            "https://graph.microsoft.com/beta/$metadata#users('nodevices@sandbox.example')/managedDevices");
  }

  @Test
  void anUnknownUserIsGraphs404RequestResourceNotFound() {
    HttpResponse<String> answer = http.get("/beta/users/nobody@sandbox.example/managedDevices");

    assertThat(answer.statusCode()).isEqualTo(404);
    JsonNode error = RawHttp.json(answer).get("error");
    assertThat(error.get("code").asText()).isEqualTo("Request_ResourceNotFound");
    assertThat(error.get("message").asText())
        .isEqualTo(
            "Resource 'nobody@sandbox.example' does not exist or one of its queried"
                + " reference-property objects are not present.");
    assertThat(error.at("/innerError/client-request-id").asText()).isNotBlank();
  }

  @Test
  void aGroupsTransitiveDevicesIncludeNestedGroupsOnceEach() {
    DeviceCollectionResponse page = financeDevices(null);

    assertThat(page.getOdataCount()).isEqualTo(4L);
    assertThat(page.getOdataNextLink()).isNull();
    assertThat(page.getValue())
        .extracting(Device::getDeviceId)
        .containsExactly(aad(0), aad(1), UNENROLLED, aad(3));
    assertThat(page.getValue())
        .extracting(Device::getDisplayName)
        .containsExactly("SBX-00000", "SBX-00001", null, "SBX-00003");
    assertThat(page.getValue()).extracting(Device::getId).doesNotContain(aad(0), aad(1));
    assertThat(sim.calls())
        .singleElement()
        .satisfies(c -> assertThat(c.operation()).isEqualTo(RecordedCall.LIST_GROUP_DEVICES));
  }

  @Test
  void aGroupsTransitiveUsersIncludeNestedGroups() {
    UserCollectionResponse page =
        graph
            .groups()
            .byGroupId(FINANCE)
            .transitiveMembers()
            .graphUser()
            .get(
                rc -> {
                  rc.headers.add("ConsistencyLevel", "eventual");
                  rc.queryParameters.count = true;
                });

    assertThat(page.getOdataCount()).isEqualTo(2L);
    assertThat(page.getValue()).extracting(User::getId).containsExactly(userId(2), userId(6));
    assertThat(page.getValue())
        .extracting(User::getUserPrincipalName)
        .containsExactly("user00002@sandbox.example", "user00006@sandbox.example");
  }

  @Test
  void groupMembersArePagedByTopAndNextLink() {
    List<String> deviceIds = new ArrayList<>();
    DeviceCollectionResponse page = financeDevices(3);
    int pages = 1;
    page.getValue().forEach(d -> deviceIds.add(d.getDeviceId()));
    while (page.getOdataNextLink() != null) {
      page =
          graph
              .groups()
              .byGroupId(FINANCE)
              .transitiveMembers()
              .graphDevice()
              .withUrl(page.getOdataNextLink())
              .get(rc -> rc.headers.add("ConsistencyLevel", "eventual"));
      page.getValue().forEach(d -> deviceIds.add(d.getDeviceId()));
      pages++;
    }

    assertThat(pages).isEqualTo(2);
    assertThat(deviceIds).containsExactly(aad(0), aad(1), UNENROLLED, aad(3));
  }

  @Test
  void withoutConsistencyLevelOrCountTheCastIsGraphs400UnsupportedQuery() {
    String path = "/beta/groups/" + FINANCE + "/transitiveMembers/microsoft.graph.device";

    HttpResponse<String> noHeader = http.get(path + "?$count=true");
    HttpResponse<String> noCount =
        http.send(http.authorized(path).header("ConsistencyLevel", "eventual").GET());

    for (HttpResponse<String> answer : List.of(noHeader, noCount)) {
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(RawHttp.json(answer).at("/error/code").asText())
          .isEqualTo("Request_UnsupportedQuery");
    }
  }

  @Test
  void anUnknownGroupIs404AndAMalformedIdIs400() {
    HttpResponse<String> unknown =
        advanced("/beta/groups/" + UNENROLLED + "/transitiveMembers/microsoft.graph.user", "");
    HttpResponse<String> malformed =
        advanced("/beta/groups/finance/transitiveMembers/microsoft.graph.user", "");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RawHttp.json(unknown).at("/error/code").asText())
        .isEqualTo("Request_ResourceNotFound");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(malformed).at("/error/code").asText()).isEqualTo("Request_BadRequest");
  }

  @Test
  void aPageSizeOutsideOneTo999AndAForgedSkiptokenAreTheDirectorys400s() {
    String path = "/beta/groups/" + FINANCE + "/transitiveMembers/microsoft.graph.user";

    JsonNode tooBig = RawHttp.json(advanced(path, "&$top=1000")).get("error");
    JsonNode forged = RawHttp.json(advanced(path, "&$skiptoken=forged")).get("error");

    assertThat(tooBig.get("code").asText()).isEqualTo("Request_BadRequest");
    assertThat(tooBig.get("message").asText())
        .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    assertThat(forged.get("code").asText()).isEqualTo("Directory_ExpiredPageToken");
    assertThat(advanced(path, "&$skiptoken=forged").statusCode()).isEqualTo(400);
  }

  @Test
  void anotherTenantSeesNeitherTheGroupNorTheUsersDevices() {
    RawHttp fabrikam = new RawHttp(sim, "token-fabrikam");
    String path =
        "/beta/groups/" + FINANCE + "/transitiveMembers/microsoft.graph.device?$count=true";

    HttpResponse<String> group =
        fabrikam.send(fabrikam.authorized(path).header("ConsistencyLevel", "eventual").GET());
    HttpResponse<String> userById = fabrikam.get("/beta/users/" + userId(2) + "/managedDevices");
    // The same UPN exists in Fabrikam (its generated fleet reuses the names): its own device only.
    JsonNode byUpn =
        RawHttp.json(fabrikam.get("/beta/users/user00002@sandbox.example/managedDevices"));

    assertThat(group.statusCode()).isEqualTo(404);
    assertThat(userById.statusCode()).isEqualTo(404);
    assertThat(byUpn.get("value"))
        .singleElement()
        .satisfies(
            d -> assertThat(d.get("id").asText()).isEqualTo(DeviceInventory.deterministicId(2, 1)));
  }

  @Test
  void theInventoryFileDeclaresUsersAndNestedGroups(@TempDir Path dir) throws IOException {
    String json =
        """
        {"devices": [{"id": "0f3c2a71-5d4e-4b8a-9c16-2e7d8a4b1c01", "operatingSystem": "Android",
                      "userId": "3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                      "userPrincipalName": "alice@contoso.com",
                      "azureADDeviceId": "5c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"}],
         "users": [{"id": "4b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "userPrincipalName": "bob@contoso.com"}],
         "groups": [{"id": "%s", "displayName": "Finance",
                     "members": {"users": ["4b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"], "groups": ["%s"]}},
                    {"id": "%s", "displayName": "Finance EMEA",
                     "members": {"devices": ["5c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"],
                                 "users": ["3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"]}}]}
        """
            .formatted(FINANCE, FINANCE_EMEA, FINANCE_EMEA);
    DeviceInventory inventory =
        DeviceInventory.fromJson(Files.writeString(dir.resolve("inv.json"), json));

    assertThat(inventory.users())
        .extracting(SimulatedUser::userPrincipalName)
        .containsExactly("bob@contoso.com", "alice@contoso.com");
    Directory directory = inventory.directory();
    SimulatedGroup finance = directory.group(FINANCE).orElseThrow();
    assertThat(directory.transitiveDeviceIds(finance))
        .containsExactly("5c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    assertThat(directory.transitiveUsers(finance))
        .extracting(SimulatedUser::userPrincipalName)
        .containsExactly("bob@contoso.com", "alice@contoso.com");
  }

  @Test
  void aGroupMemberThatIsNoUserOrGroupFailsTheLoadNamingIt(@TempDir Path dir) throws IOException {
    String json =
        """
        {"devices": [], "groups": [{"id": "%s", "displayName": "Finance",
                                    "members": {"users": ["%s"]}}]}
        """
            .formatted(FINANCE, NO_DEVICES_USER);
    Path file = Files.writeString(dir.resolve("inv.json"), json);

    assertThatThrownBy(() -> DeviceInventory.fromJson(file))
        .hasMessageContaining("inv.json")
        .hasMessageContaining("group " + FINANCE)
        .hasMessageContaining(NO_DEVICES_USER);
    assertThatThrownBy(
            () ->
                DeviceInventory.of(List.of())
                    .withGroups(
                        List.of(
                            new SimulatedGroup(
                                FINANCE, "Finance", List.of(), List.of(), List.of(EMPTY_GROUP)))))
        .hasMessageContaining("nested group " + EMPTY_GROUP);
  }

  /**
   * Finance's transitive devices through the SDK, as an advanced query; {@code top} may be null.
   */
  private DeviceCollectionResponse financeDevices(Integer top) {
    return graph
        .groups()
        .byGroupId(FINANCE)
        .transitiveMembers()
        .graphDevice()
        .get(
            rc -> {
              rc.headers.add("ConsistencyLevel", "eventual");
              rc.queryParameters.count = true;
              rc.queryParameters.top = top;
            });
  }

  /** An advanced query: {@code $count=true} (then {@code more}) and ConsistencyLevel eventual. */
  private HttpResponse<String> advanced(String path, String more) {
    String url = path + "?$count=true" + more;
    return http.send(http.authorized(url).header("ConsistencyLevel", "eventual").GET());
  }

  private static String aad(int index) {
    return DeterministicFleet.azureAdDeviceId(index, 0);
  }

  private static String userId(int index) {
    return DeterministicFleet.userId(index, 0);
  }
}
