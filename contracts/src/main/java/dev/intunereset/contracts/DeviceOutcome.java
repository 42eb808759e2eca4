package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The final outcome for one device of a request; exactly one is emitted per unique device.
 *
 * <p>Its JSON is flat and its field order is part of the contract, while the request's audit fields
 * and the Graph facts interleave with the rest; so the record reads and writes through {@link
 * Wire}, the flat shape, rather than through {@code @JsonUnwrapped}, which would regroup them.
 *
 * @param request the request the device belongs to, with its audit trail
 * @param deviceId Intune managed device id
 * @param status final status
 * @param reasonCode why the device ended in {@code status}
 * @param message human-readable explanation
 * @param graph what the last Graph call left behind; {@link GraphCallFacts#NONE} if none
 * @param attempts Graph reset calls made; 0 when the device was never attempted
 * @param operatingSystem device operating system as reported by Graph, or {@code null} if unknown
 * @param startedAt when work on this device started, or {@code null} if it never started
 * @param completedAt when the outcome was decided
 * @param passcode where the new passcode can be had, for a device whose reset was issued; {@code
 *     null} otherwise
 * @param selector the label of what put the device in the request ({@link Targets#EXPLICIT} for a
 *     listed device, else the first selector that matched it), or {@code null} in outcomes written
 *     before requests had targets
 */
public record DeviceOutcome(
    RequestRef request,
    String deviceId,
    OutcomeStatus status,
    ReasonCode reasonCode,
    String message,
    GraphCallFacts graph,
    int attempts,
    String operatingSystem,
    Instant startedAt,
    Instant completedAt,
    PasscodeOutcome passcode,
    String selector)
    implements ResultEvent {

  public DeviceOutcome {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(completedAt, "completedAt");
    graph = graph == null ? GraphCallFacts.NONE : graph;
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
  }

  /**
   * An outcome decided without a Graph call, attempt, known platform, start or passcode; the
   * withers add what there is.
   */
  public static DeviceOutcome of(
      RequestRef request,
      String deviceId,
      OutcomeStatus status,
      ReasonCode reasonCode,
      String message,
      Instant completedAt) {
    return new DeviceOutcome(
        request,
        deviceId,
        status,
        reasonCode,
        message,
        GraphCallFacts.NONE,
        0,
        null,
        null,
        completedAt,
        null,
        null);
  }

  /** The same outcome with what the last Graph call left behind. */
  public DeviceOutcome withGraph(GraphCallFacts g) {
    return new DeviceOutcome(this, g, attempts, operatingSystem, startedAt, passcode, selector);
  }

  /** The same outcome after {@code n} reset calls, the first of them at {@code started}. */
  public DeviceOutcome withAttempts(int n, Instant started) {
    return new DeviceOutcome(this, graph, n, operatingSystem, started, passcode, selector);
  }

  /** The same outcome with the device's platform as Graph reported it. */
  public DeviceOutcome withOperatingSystem(String os) {
    return new DeviceOutcome(this, graph, attempts, os, startedAt, passcode, selector);
  }

  /** The same outcome with what became of the passcode. */
  public DeviceOutcome withPasscode(PasscodeOutcome p) {
    return new DeviceOutcome(this, graph, attempts, operatingSystem, startedAt, p, selector);
  }

  /** The same outcome, naming the label of what put its device in the request. */
  public DeviceOutcome withSelector(String label) {
    return new DeviceOutcome(this, graph, attempts, operatingSystem, startedAt, passcode, label);
  }

  /** {@code o} with what the withers set replaced; what decided the outcome stays. */
  private DeviceOutcome(
      DeviceOutcome o,
      GraphCallFacts g,
      int n,
      String os,
      Instant started,
      PasscodeOutcome p,
      String label) {
    this(
        o.request,
        o.deviceId,
        o.status,
        o.reasonCode,
        o.message,
        g,
        n,
        os,
        started,
        o.completedAt,
        p,
        label);
  }

  @Override
  @JsonIgnore
  public UUID requestId() {
    return request.id();
  }

  /** The device action the outcome is about. */
  public Action action() {
    return request.action();
  }

  /** The request's source, or {@code null}: what logs of an outcome are filtered on. */
  public String source() {
    return request.source();
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.DEVICE_OUTCOME;
  }

  @JsonValue
  Wire wire() {
    return new Wire(
        request.id(),
        deviceId,
        status,
        reasonCode,
        message,
        graph.httpStatus(),
        graph.graphErrorCode(),
        graph.graphRequestId(),
        graph.clientRequestId(),
        attempts,
        operatingSystem,
        request.acceptedAt(),
        startedAt,
        completedAt,
        request.requestedBy(),
        request.reason(),
        request.source(),
        passcode,
        request.action(),
        selector);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DeviceOutcome fromWire(Wire w) {
    return new DeviceOutcome(
        // An outcome written before actions existed has none: it was a passcode reset.
        new RequestRef(w.requestId(), w.requestedBy(), w.reason(), w.source(), w.acceptedAt())
            .withAction(w.action()),
        w.deviceId(),
        w.status(),
        w.reasonCode(),
        w.message(),
        new GraphCallFacts(
            w.httpStatus(), w.graphErrorCode(), w.graphRequestId(), w.clientRequestId()),
        w.attempts(),
        w.operatingSystem(),
        w.startedAt(),
        w.completedAt(),
        w.passcode(),
        w.selector());
  }

  /**
   * The outcome as the results topic carries it: flat, in this order, nulls left out; {@code
   * action}, then {@code selector}, came last, so older consumers' view of the order is unchanged.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Wire(
      @JsonProperty("requestId") UUID requestId,
      @JsonProperty("deviceId") String deviceId,
      @JsonProperty("status") OutcomeStatus status,
      @JsonProperty("reasonCode") ReasonCode reasonCode,
      @JsonProperty("message") String message,
      @JsonProperty("httpStatus") Integer httpStatus,
      @JsonProperty("graphErrorCode") String graphErrorCode,
      @JsonProperty("graphRequestId") String graphRequestId,
      @JsonProperty("clientRequestId") String clientRequestId,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("operatingSystem") String operatingSystem,
      @JsonProperty("acceptedAt") Instant acceptedAt,
      @JsonProperty("startedAt") Instant startedAt,
      @JsonProperty("completedAt") Instant completedAt,
      @JsonProperty("requestedBy") String requestedBy,
      @JsonProperty("reason") String reason,
      @JsonProperty("source") String source,
      @JsonProperty("passcode") PasscodeOutcome passcode,
      @JsonProperty("action") Action action,
      @JsonProperty("selector") String selector) {}
}
