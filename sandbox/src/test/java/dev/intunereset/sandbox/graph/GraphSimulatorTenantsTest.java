package dev.intunereset.sandbox.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.beta.models.ActionState;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many tenants: the token decides the tenant and the app, each tenant sees only its own devices,
 * and Graph's budgets hold per app per tenant and per tenant across apps, on a test clock.
 */
class GraphSimulatorTenantsTest {
  private static final String A = GraphSimulator.DEFAULT_TENANT_ID;
  private static final String B = "8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f";
  private static final String C = "2e7d9c1b-3a4f-4e5d-8c6b-7a8f9e0d1c2b";
  private static final String APP_1 = GraphSimulator.DEFAULT_APP_ID;
  private static final String APP_2 = "61a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";
  private static final String APP_3 = "72b3c4d5-e6f7-4081-9203-b4c5d6e7f809";

  private final MutableClock clock = MutableClock.at("2026-12-04T09:00:00Z");
  private GraphSimulator sim;
  private RawHttp tenantA;
  private RawHttp tenantB;
  private RawHttp tenantBApp2;
  private RawHttp tenantBApp3;
  private RawHttp tenantC;

  @BeforeEach
  void start() {
    sim =
        GraphSimulator.builder()
            .inventory(DeviceInventory.deterministic(40))
            .tenant(B, "Fabrikam", DeviceInventory.deterministic(40, 1))
            .tenant(C, "Northwind", DeviceInventory.deterministic(40, 2))
            .token("token-b", B, APP_1)
            .token("token-b-app-2", B, APP_2)
            .token("token-b-app-3", B, APP_3)
            .token("token-c", C, APP_1)
            .clock(clock)
            .passcodeReadyAfter(Duration.ZERO)
            .random(new Random(5))
            .start();
    tenantA = new RawHttp(sim);
    tenantB = new RawHttp(sim, "token-b");
    tenantBApp2 = new RawHttp(sim, "token-b-app-2");
    tenantBApp3 = new RawHttp(sim, "token-b-app-3");
    tenantC = new RawHttp(sim, "token-c");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static String deviceOf(int fleet, int index) {
    return DeviceInventory.deterministicId(index, fleet);
  }

  /** POSTs {@code count} resets as this caller and returns how many were accepted (204). */
  private static int resets(RawHttp caller, int fleet, int count) {
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      if (caller.post(RawHttp.resetPath(deviceOf(fleet, i % 40))).statusCode() == 204) {
        accepted++;
      }
    }
    return accepted;
  }

  private static int reads(RawHttp caller, int fleet, int count) {
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      if (caller.get(RawHttp.devicePath(deviceOf(fleet, i % 40))).statusCode() == 200) {
        accepted++;
      }
    }
    return accepted;
  }

  @Test
  void aTenantSeesItsOwnDevicesAndAnotherTenantsDeviceIs404() {
    HttpResponse<String> own = tenantB.get(RawHttp.devicePath(deviceOf(1, 3)));
    HttpResponse<String> othersFromB = tenantB.get(RawHttp.devicePath(deviceOf(0, 3)));
    HttpResponse<String> othersFromA = tenantA.post(RawHttp.resetPath(deviceOf(1, 3)));

    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(RawHttp.json(own).get("id").asText()).isEqualTo(deviceOf(1, 3));
    for (HttpResponse<String> unknown : List.of(othersFromB, othersFromA)) {
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(RawHttp.json(unknown).at("/error/code").asText()).isEqualTo("ResourceNotFound");
    }
    assertThat(sim.postCount(deviceOf(1, 3))).as("A's token reset nothing in B").isZero();
    assertThat(sim.calls())
        .extracting(RecordedCall::tenantId, RecordedCall::appId)
        .containsExactly(Tuple.tuple(B, APP_1), Tuple.tuple(B, APP_1), Tuple.tuple(A, APP_1));
  }

  @Test
  void theSdkReadsAndResetsInTheTenantOfItsToken() {
    GraphServiceClient graphC = SdkClients.client(sim, "token-c");

    SdkClients.reset(graphC, deviceOf(2, 0));

    assertThat(SdkClients.resetEntry(graphC, deviceOf(2, 0)).getActionState())
        .isEqualTo(ActionState.Done);
    assertThat(sim.postCount(deviceOf(2, 0))).isEqualTo(1);
    assertThatThrownBy(() -> SdkClients.read(graphC, deviceOf(1, 0), "id"))
        .isInstanceOfSatisfying(
            ODataError.class,
            e -> {
              assertThat(e.getResponseStatusCode()).isEqualTo(404);
              assertThat(e.getError().getCode()).isEqualTo("ResourceNotFound");
            });
    assertThat(sim.calls()).allMatch(call -> call.inTenant(C));
  }

  @Test
  void aTokenOfATenantNotServedIsAnInvalidToken() {
    String other = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    sim.acceptCallers(
        token ->
            token.equals("token-of-other")
                ? Optional.of(new GraphCaller(other, APP_1))
                : Optional.empty());

    HttpResponse<String> refused =
        new RawHttp(sim, "token-of-other").get(RawHttp.devicePath(deviceOf(0, 0)));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(RawHttp.json(refused).at("/error/code").asText())
        .isEqualTo("InvalidAuthenticationToken");
    assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(sim.calls().get(0).authenticated()).isFalse();
    assertThat(sim.calls().get(0).tenantId()).isNull();
  }

  @Test
  void twoAppsOfATenantEachGet200PostsAndTogether400() {
    sim.behavior(SimulatorBehavior.builder().intuneThrottling().build());

    assertThat(resets(tenantB, 1, 250)).as("app 1, its own 200").isEqualTo(200);
    assertThat(resets(tenantBApp2, 1, 250)).as("app 2, its own 200").isEqualTo(200);
    HttpResponse<String> third = tenantBApp3.post(RawHttp.resetPath(deviceOf(1, 0)));

    assertThat(third.statusCode()).as("app 3: the tenant's 400 are spent").isEqualTo(429);
    assertThat(RawHttp.json(third).at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(third.headers().firstValue("Retry-After")).hasValue("20");
    assertThat(resets(tenantA, 0, 200)).as("another tenant's budget is whole").isEqualTo(200);
    List<RecordedCall> admittedInB =
        sim.calls().stream().filter(c -> c.inTenant(B) && c.status() == 204).toList();
    assertThat(admittedInB).hasSize(400);
    assertThat(admittedInB.stream().filter(c -> c.appId().equals(APP_2))).hasSize(200);

    clock.advance(SimulatorBehavior.INTUNE_WINDOW);
    assertThat(tenantBApp3.post(RawHttp.resetPath(deviceOf(1, 0))).statusCode()).isEqualTo(204);
  }

  @Test
  void readsAreLimitedPerAppAndPerTenantAcrossApps() {
    sim.behavior(
        SimulatorBehavior.builder()
            .throttle(0, 3, Duration.ofSeconds(20))
            .tenantLimits(0, 5)
            .build());

    assertThat(reads(tenantB, 1, 4)).as("per app").isEqualTo(3);
    assertThat(reads(tenantBApp2, 1, 4)).as("what the tenant has left").isEqualTo(2);
    assertThat(resets(tenantBApp3, 1, 1)).as("a POST is a request too").isZero();
    assertThat(reads(tenantC, 2, 4)).isEqualTo(3);
  }

  @Test
  void oneTenantsStormOf429sDoesNotThrottleAnother() {
    sim.behavior(SimulatorBehavior.builder().intuneThrottling().build());

    assertThat(resets(tenantB, 1, 600)).isEqualTo(200);
    assertThat(resets(tenantBApp2, 1, 600)).isEqualTo(200);

    assertThat(resets(tenantC, 2, 200)).isEqualTo(200);
    assertThat(reads(tenantC, 2, 100)).isEqualTo(100);
    assertThat(sim.calls().stream().filter(c -> c.inTenant(C))).allMatch(c -> c.status() != 429);
    assertThat(sim.throttledCount()).isEqualTo(800);
  }

  @Test
  void aNoisyNeighbourSpendsPartOfTheTenantsBudget() {
    sim.behavior(SimulatorBehavior.builder().intuneThrottling().build());
    sim.noisyNeighbour(B, 300, 0);

    assertThat(resets(tenantB, 1, 200)).as("400 - 300 left in B").isEqualTo(100);
    assertThat(resets(tenantC, 2, 200)).as("C has no neighbour").isEqualTo(200);

    sim.noisyNeighbour(B, 400, 0);
    HttpResponse<String> none = tenantBApp2.post(RawHttp.resetPath(deviceOf(1, 1)));
    assertThat(none.statusCode()).isEqualTo(429);
    assertThat(none.headers().firstValue("Retry-After")).hasValue("20");

    sim.noisyNeighbour(B, 0, 3_850);
    assertThat(reads(tenantBApp2, 1, 100))
        .as("4000 - 3850 - the 100 POSTs already in the window")
        .isEqualTo(50);

    sim.noisyNeighbour(B, 0, 0);
    assertThat(resets(tenantBApp2, 1, 1)).as("the neighbour gone").isEqualTo(1);
    assertThatThrownBy(() -> sim.noisyNeighbour("9a9a9a9a-0000-4000-8000-000000000000", 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no tenant");
  }

  @Test
  void withNothingSaidEveryTokenIsTheDefaultTenantsDefaultApp() {
    try (GraphSimulator plain =
        GraphSimulator.builder().inventory(DeviceInventory.deterministic(5)).start()) {
      new RawHttp(plain).get(RawHttp.devicePath(deviceOf(0, 0)));
      plain.acceptTokens("issued-elsewhere"::equals);
      new RawHttp(plain, "issued-elsewhere").post(RawHttp.resetPath(deviceOf(0, 1)));

      assertThat(plain.tenants())
          .singleElement()
          .satisfies(t -> assertThat(t.id()).isEqualTo("5a4db0c5-7e4a-4000-8000-000000000001"));
      assertThat(plain.calls())
          .allSatisfy(
              c -> {
                assertThat(c.tenantId()).isEqualTo(GraphSimulator.DEFAULT_TENANT_ID);
                assertThat(c.appId()).isEqualTo(GraphSimulator.DEFAULT_APP_ID);
              });
      assertThat(plain.calls()).extracting(RecordedCall::status).containsExactly(200, 204);
    }
  }

  @Test
  void aDeviceIdInTwoTenantsIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                GraphSimulator.builder()
                    .inventory(DeviceInventory.deterministic(3))
                    .tenant(B, "Fabrikam", DeviceInventory.deterministic(3))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is in tenants " + A + " and " + B);
  }

  @Test
  void aTokenOfATenantNotServedIsRefusedAtStart() {
    assertThatThrownBy(() -> GraphSimulator.builder().token("t", B, APP_1).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not served");
  }

  @Test
  void aTenantIdMustBeAGuid() {
    assertThatThrownBy(
            () ->
                GraphSimulator.builder()
                    .tenant("contoso", "Contoso", DeviceInventory.deterministic(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a GUID");
  }
}
