package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Graph's answer to a request, in the order Graph's layers give it: outage, authentication, route,
 * throttling (the caller's app and tenant budgets, listing pages included), injected faults, then
 * the device operation or listing itself, on the caller's tenant's devices, users and groups only.
 * Kept free of HTTP so the whole contract (status codes, error JSON, Retry-After, reset side
 * effects) is decided in one place.
 */
final class GraphDecider {
  /** What Graph sends with a 401, so clients that parse it see the familiar challenge. */
  private static final String WWW_AUTHENTICATE =
      "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/"
          + "authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

  private final Tenants tenants;
  private final Random random;
  private final TenantBudgets budgets;
  private final ActionResults actions;
  private final ManagedDeviceView deviceView;
  private final DeviceListing deviceListing;
  private final GroupMembers groupMembers;
  private final ObjectMapper json;
  private final GraphErrors errors;
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong injectedErrors = new AtomicLong();

  GraphDecider(
      Tenants tenants,
      Random random,
      ActionResults actions,
      ObjectMapper json,
      Instant startedAt,
      int pageSize) {
    this.tenants = tenants;
    this.budgets = new TenantBudgets();
    this.random = random;
    this.actions = actions;
    this.json = json;
    this.errors = new GraphErrors(json);
    this.deviceView = new ManagedDeviceView(actions, json, errors, startedAt);
    Pager pager = new Pager(json);
    this.deviceListing = new DeviceListing(deviceView, errors, pager, pageSize);
    this.groupMembers = new GroupMembers(errors, pager);
  }

  /** See {@link GraphSimulator#noisyNeighbour}. */
  void noisyNeighbour(String tenantId, int postsPerWindow, int readsPerWindow) {
    SimulatedTenant tenant =
        tenants
            .get(tenantId)
            .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId));
    budgets.noisyNeighbour(tenant.id(), postsPerWindow, readsPerWindow);
  }

  long throttledCount() {
    return throttled.get();
  }

  long injectedErrorCount() {
    return injectedErrors.get();
  }

  Decision decide(GraphRequest rq, SimulatorBehavior b) {
    Optional<SimulatorBehavior.Outage> outage = b.outageAt(rq.now());
    if (outage.isPresent()) {
      if (b.outageMode() == SimulatorBehavior.OutageMode.HANG) {
        SimResponse late = errors.error(rq, 504, "UnknownError", "Gateway Timeout");
        return new Decision(late, false, outage.get().to());
      }
      return Decision.of(
          errors.error(rq, 503, "ServiceUnavailable", "The service is temporarily unavailable."));
    }
    if (!rq.authenticated()) {
      String message =
          rq.authorizationPresent()
              ? "Access token validation failure. Invalid audience."
              : "Access token is empty.";
      return Decision.of(
          errors
              .error(rq, 401, "InvalidAuthenticationToken", message)
              .withHeader("WWW-Authenticate", WWW_AUTHENTICATE));
    }
    GraphRoute route = rq.route();
    switch (route.kind()) {
      case UNKNOWN_VERSION:
        return Decision.of(
            errors.error(rq, 404, "UnknownError", "Invalid version: " + route.detail()));
      case UNKNOWN_SEGMENT:
        return Decision.of(
            errors.error(
                rq,
                400,
                "BadRequest",
                "Resource not found for the segment '" + route.detail() + "'."));
      case NOT_IMPLEMENTED:
        return Decision.of(
            errors.error(
                rq, 501, "NotImplemented", "The Graph simulator does not implement this request."));
      case METHOD_NOT_ALLOWED:
        return Decision.of(
            errors
                .error(
                    rq,
                    405,
                    "BadRequest",
                    "The HTTP method '" + rq.method() + "' is not allowed on this resource.")
                .withHeader("Allow", route.detail()));
      case MALFORMED_ID:
        return Decision.of(errors.error(rq, 400, "BadRequest", errors.intuneMessage(rq)));
      default:
        return decideDeviceOperation(rq, b);
    }
  }

  private Decision decideDeviceOperation(GraphRequest rq, SimulatorBehavior b) {
    GraphRoute route = rq.route();
    // The token decides the tenant: another tenant's device is as unknown as a made-up id.
    SimulatedTenant tenant = tenants.get(rq.caller().tenantId()).orElseThrow();
    DeviceInventory inventory = tenant.inventory();
    Optional<SimulatedDevice> device = inventory.get(route.deviceId());
    Optional<Duration> wait = budgets.tryAdmit(rq.now(), rq.caller(), route.isWrite(), b);
    if (wait.isPresent()) {
      throttled.incrementAndGet();
      boolean applied = false;
      if (route.isWrite()
          && device.isPresent()
          && acceptsAction(route, device.get())
          && chance(b.throttledButAppliedRatio())
          && validResetBody(rq.body())) {
        // Reported Intune quirk: the action ran although the caller was told 429.
        recordAction(route, device.get(), rq.now());
        applied = true;
      }
      SimResponse tooMany = errors.error(rq, 429, "TooManyRequests", errors.intuneMessage(rq));
      if (!chance(b.retryAfterOmittedRatio())) {
        tooMany =
            tooMany.withHeader(
                "Retry-After", Long.toString(ThrottleGate.retryAfterSeconds(wait.get())));
      }
      return new Decision(tooMany, applied, null);
    }
    if (chance(b.errorRate())) {
      injectedErrors.incrementAndGet();
      List<Integer> statuses = new ArrayList<>(b.errorStatuses());
      int status = statuses.get(random.nextInt(statuses.size()));
      return Decision.of(
          errors.error(rq, status, injectedErrorCode(status), errors.intuneMessage(rq)));
    }
    if (route.isListing()) {
      boolean groups =
          route.kind() == GraphRoute.Kind.GROUP_DEVICES
              || route.kind() == GraphRoute.Kind.GROUP_USERS;
      return groups ? groupMembers.decide(rq, tenant) : deviceListing.decide(rq, tenant, b);
    }
    if (device.isEmpty()) {
      return Decision.of(errors.error(rq, 404, "ResourceNotFound", errors.intuneMessage(rq)));
    }
    if (route.isWrite()) {
      if (!validResetBody(rq.body())) {
        return Decision.of(
            errors.error(
                rq, 400, "BadRequest", "The request body must be empty or a JSON object."));
      }
      if (!acceptsAction(route, device.get())) {
        // As Graph answers an unsupported device and action pair: opaque, no hint of why.
        return Decision.of(errors.error(rq, 400, "BadRequest", errors.intuneMessage(rq)));
      }
      recordAction(route, device.get(), rq.now());
      return new Decision(SimResponse.noContent(), true, null);
    }
    return deviceView.get(rq, device.get(), inventory);
  }

  /** Every device takes a reset (it may end notSupported); only Windows takes a key rotation. */
  private static boolean acceptsAction(GraphRoute route, SimulatedDevice device) {
    return route.kind() != GraphRoute.Kind.ROTATE_BITLOCKER_KEYS
        || BitLockerRotation.of(device) != BitLockerRotation.Support.NOT_WINDOWS;
  }

  private void recordAction(GraphRoute route, SimulatedDevice device, Instant now) {
    if (route.kind() == GraphRoute.Kind.ROTATE_BITLOCKER_KEYS) {
      actions.recordRotation(device, now);
    } else {
      actions.recordReset(device, now, random);
    }
  }

  /** The docs say no body; the SDK's $batch workaround sends {@code {}}. Accept both. */
  private boolean validResetBody(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return true;
    }
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String injectedErrorCode(int status) {
    switch (status) {
      case 500:
        return "InternalError";
      case 503:
        return "ServiceUnavailable";
      default:
        return "UnknownError";
    }
  }

  private boolean chance(double ratio) {
    // Ratios of 0 and 1 draw nothing, so perfect behavior leaves the seeded sequence to passcodes.
    if (ratio <= 0.0) {
      return false;
    }
    if (ratio >= 1.0) {
      return true;
    }
    return random.nextDouble() < ratio;
  }
}
