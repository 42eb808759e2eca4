package dev.intunereset.sandbox.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Microsoft Graph beta that serves what the worker calls: {@code GET
 * /beta/deviceManagement/managedDevices/{id}[?$select=...]}, {@code POST .../{id}/resetPasscode}
 * and {@code POST .../{id}/rotateBitLockerKeys} (→ 204; {@link BitLockerRotation}), and paged
 * listings ({@link DeviceListing}, {@link GroupMembers}).
 *
 * <p>Answers follow Graph and Intune as observed: bearer-token check (401 {@code
 * InvalidAuthenticationToken} with {@code WWW-Authenticate}), 400 for a non-GUID id, 404 {@code
 * ResourceNotFound} with Intune's JSON embedded in the message, {@code request-id} and {@code
 * client-request-id} on every answer. {@code $select} takes any managedDevice property Graph knows
 * (null where the device has no value) and answers Graph's OData 400 only for a name managedDevice
 * does not have. Faults come from the swappable {@link SimulatorBehavior}, which {@link
 * SimulatorAdmin} also changes over HTTP from loopback.
 *
 * <p>Action outcomes, read back through {@code deviceActionResults} ({@link ActionResults}): a
 * reset's entry is {@code pending} until {@code passcodeReadyAfter} has passed on the simulator
 * clock (the device checks in), then {@code done} (an 8-digit passcode on Android, a null one on
 * iOS/iPadOS) or, where Intune does not support it ({@link ResetCapability}), {@code notSupported}
 * with errorCode 0; a key rotation's likewise. An inventory entry's {@code "checkIn"} ({@link
 * CheckIn}) or, winning over it, {@link #resetOutcome(String, ResetOutcome)} makes a device's
 * actions end in any other documented {@code actionState}; its {@code lastSyncDateTime} moves to
 * the check-in that settled one.
 *
 * <p>Many tenants: the token decides tenant and app, as a real token's {@code tid} and {@code
 * appid} do; a tenant sees only its own devices (another's are 404) and has budgets of its own
 * ({@link TenantBudgets}). Else all is tenant {@value #DEFAULT_TENANT_ID}, app {@value
 * #DEFAULT_APP_ID}.
 *
 * <p>Thread-safe; {@link #close()} frees the port and is idempotent.
 */
public final class GraphSimulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GraphSimulator.class);

  public static final String DEFAULT_TOKEN = "sandbox-token";

  /** The tenant of {@link #inventory()} and of every token not mapped to another tenant. */
  public static final String DEFAULT_TENANT_ID = "5a4db0c5-7e4a-4000-8000-000000000001";

  /** The app holding the default tenant's tokens (see {@link Builder#token}). */
  public static final String DEFAULT_APP_ID = "5a4db0c5-a99a-4000-8000-000000000001";

  public static final Duration DEFAULT_PASSCODE_READY_AFTER = Duration.ofSeconds(2);
  public static final int DEFAULT_HANDLER_THREADS = 16;

  private final SimulatorServer server;
  private final BearerTokens tokens;
  private final GraphDecider decider;
  private final CallLog calls;
  private final ActionResults actions;
  private final AtomicReference<SimulatorBehavior> behavior;
  private final Tenants tenants;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GraphSimulator(Builder b) throws IOException {
    this.tenants = b.setup.tenants();
    this.clock = b.clock;
    this.behavior = new AtomicReference<>(b.behavior);
    this.calls = new CallLog();
    this.actions = new ActionResults(b.passcodeReadyAfter);
    this.tokens = new BearerTokens(b.setup.callers(), tenants::serves);
    this.decider =
        new GraphDecider(
            tenants, b.random, actions, new ObjectMapper(), clock.instant(), b.pageSize);
    this.server =
        new SimulatorServer(
            b.host,
            b.port,
            b.handlerThreads,
            clock,
            responder ->
                new GraphRequestHandler(
                    tokens, decider, clock, b.random, behavior, calls, responder));
    server.serve(SimulatorAdmin.PATH, new SimulatorAdmin(behavior, clock));
    log.info("Graph simulator listening on {} with {}", server.baseUrl(), tenants);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://host:port/beta}: what the Graph SDK's base URL should be set to. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** {@code http://host:port/_sim/behavior}: the fault controls, answered to loopback only. */
  public String adminUrl() {
    return server.rootUrl() + SimulatorAdmin.BEHAVIOR;
  }

  public int port() {
    return server.port();
  }

  /** A snapshot of every call so far, in arrival order. */
  public List<RecordedCall> calls() {
    return calls.snapshot();
  }

  /** resetPasscode POSTs that took effect on this device (id compared case-insensitively). */
  public int postCount(String deviceId) {
    return calls.applied(RecordedCall.RESET_PASSCODE, Objects.requireNonNull(deviceId, "deviceId"));
  }

  /** rotateBitLockerKeys POSTs that took effect on this device (id compared case-insensitively). */
  public int rotationCount(String deviceId) {
    return calls.applied(
        RecordedCall.ROTATE_BITLOCKER_KEYS, Objects.requireNonNull(deviceId, "deviceId"));
  }

  /** Clears the call log and the {@link #postCount} tallies; device action results stay. */
  public void resetCalls() {
    calls.clear();
  }

  /** The passcode of the device's latest reset, whatever its state; empty when none was set. */
  public Optional<String> passcodeOf(String deviceId) {
    return actions.passcodeOf(Objects.requireNonNull(deviceId, "deviceId"));
  }

  /** Changes how long an action (reset, rotation) stays pending from now on. */
  public void passcodeReadyAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("passcodeReadyAfter is negative");
    }
    actions.readyAfter(delay);
  }

  /** Every action (reset, key rotation) of the device, even one made, ends in {@code outcome}. */
  public void resetOutcome(String deviceId, ResetOutcome outcome) {
    actions.outcome(
        Objects.requireNonNull(deviceId, "deviceId"), Objects.requireNonNull(outcome, "outcome"));
  }

  /** Every device's actions end as its platform and its inventory {@code checkIn} say again. */
  public void clearResetOutcomes() {
    actions.clearOutcomes();
  }

  /** Forgets every reset and rotation, so devices show their inventory's; outcomes stay. */
  public void resetActionResults() {
    actions.clear();
  }

  /** The default tenant's devices. */
  public DeviceInventory inventory() {
    return tenants.defaultTenant().inventory();
  }

  /** Every tenant served, the default one first. */
  public List<SimulatedTenant> tenants() {
    return tenants.all();
  }

  /**
   * From now on another app of the tenant spends so many POSTs and GETs of every window (20 s with
   * Intune's) of the tenant-wide budgets, so the tenant's other apps meet them earlier; (0, 0)
   * ends.
   */
  public void noisyNeighbour(String tenantId, int postsPerWindow, int readsPerWindow) {
    decider.noisyNeighbour(tenantId, postsPerWindow, readsPerWindow);
  }

  public SimulatorBehavior behavior() {
    return behavior.get();
  }

  /** Swaps the behavior; requests arriving afterwards see it. */
  public void behavior(SimulatorBehavior newBehavior) {
    behavior.set(Objects.requireNonNull(newBehavior, "newBehavior"));
  }

  /** Adds an outage from now (by the simulator clock) lasting {@code duration}. */
  public void outageFor(Duration duration) {
    Instant now = clock.instant();
    behavior.updateAndGet(b -> b.toBuilder().outage(now, now.plus(duration)).build());
  }

  /** From now on accept exactly the tokens {@code check} accepts, e.g. a fake endpoint's. */
  public void acceptTokens(Predicate<String> check) {
    tokens.accept(Objects.requireNonNull(check, "check"), TenantSetup.DEFAULT_CALLER);
  }

  /**
   * From now on accept exactly the tokens this names a caller for (e.g. a fake token endpoint's, of
   * several tenants); a token of a tenant not served is refused as an invalid one (401).
   */
  public void acceptCallers(Function<String, Optional<GraphCaller>> resolver) {
    tokens.resolveWith(Objects.requireNonNull(resolver, "resolver"));
  }

  /** 429s answered so far. */
  public long throttledCount() {
    return decider.throttledCount();
  }

  /** Injected 5xx answers so far (outages not included). */
  public long injectedErrorCount() {
    return decider.injectedErrorCount();
  }

  /** Requests held by a hanging outage and not yet answered. */
  public int heldRequestCount() {
    return server.heldCount();
  }

  /** Stops listening; requests still delayed or held are dropped. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    log.info("Graph simulator on {} stopped", server.baseUrl());
  }

  /** Configures and starts a {@link GraphSimulator}; {@link #start()} validates. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private final TenantSetup setup = new TenantSetup();
    private Clock clock = Clock.systemUTC();
    private Duration passcodeReadyAfter = DEFAULT_PASSCODE_READY_AFTER;
    private Random random;
    private SimulatorBehavior behavior = SimulatorBehavior.perfect();
    private int handlerThreads = DEFAULT_HANDLER_THREADS;
    private int pageSize = DeviceListing.MAX_PAGE;

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The default tenant's devices; default {@code DeviceInventory.deterministic(25_000)}. */
    public Builder inventory(DeviceInventory inventory) {
      setup.defaultInventory(Objects.requireNonNull(inventory, "inventory"));
      return this;
    }

    /** The default tenant's bearer tokens; default {@value #DEFAULT_TOKEN}. */
    public Builder acceptedTokens(Set<String> tokens) {
      setup.defaultTokens(Set.copyOf(Objects.requireNonNull(tokens, "tokens")));
      return this;
    }

    /** Another tenant, whose devices only its tokens see; device ids are unique across tenants. */
    public Builder tenant(String id, String displayName, DeviceInventory inventory) {
      setup.tenant(new SimulatedTenant(id, displayName, inventory));
      return this;
    }

    /** A fixed bearer token of {@code tenantId}, held by app {@code appId}. */
    public Builder token(String token, String tenantId, String appId) {
      setup.token(Objects.requireNonNull(token, "token"), new GraphCaller(tenantId, appId));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an action stays pending, measured on the simulator clock at read time. */
    public Builder passcodeReadyAfter(Duration delay) {
      this.passcodeReadyAfter = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /** Source of passcodes and fault draws; seed it for repeatable runs. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The initial behavior; default {@link SimulatorBehavior#perfect()}. */
    public Builder behavior(SimulatorBehavior behavior) {
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      return this;
    }

    /** Devices per listing page and the most {@code $top} gets: 1 to 1,000 (default, as Graph). */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** Threads that decide and write answers; latency does not occupy them. */
    public Builder handlerThreads(int threads) {
      this.handlerThreads = threads;
      return this;
    }

    /**
     * Validates, binds and starts.
     *
     * @throws IllegalArgumentException on invalid settings
     * @throws UncheckedIOException when the address cannot be bound
     */
    public GraphSimulator start() {
      SimulatorServer.validate(host, port, handlerThreads);
      if (passcodeReadyAfter.isNegative()) {
        throw new IllegalArgumentException("passcodeReadyAfter is negative");
      }
      setup.validate();
      DeviceListing.requirePageSize(pageSize);
      if (random == null) {
        random = new Random();
      }
      try {
        return new GraphSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind Graph simulator to " + host + ":" + port, e);
      }
    }
  }
}
