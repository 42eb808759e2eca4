package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordsTest {

  private static final UUID ID = Fixtures.REQUEST_ID;
  private static final String DEVICE = Fixtures.DEVICE_ID;

  @Test
  void resetRequestRejectsMissingRequiredFields() {
    assertThatNullPointerException()
        .isThrownBy(() -> request(null, List.of(DEVICE), "agent", "reason"))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(() -> request(ID, null, "agent", "reason"))
        .withMessage("deviceIds");
    assertThatNullPointerException()
        .isThrownBy(() -> request(ID, List.of(DEVICE), null, "reason"))
        .withMessage("requestedBy");
    assertThatNullPointerException()
        .isThrownBy(() -> request(ID, List.of(DEVICE), "agent", null))
        .withMessage("reason");
  }

  @Test
  void resetRequestRejectsNullDeviceId() {
    assertThatNullPointerException()
        .isThrownBy(() -> request(ID, Arrays.asList(DEVICE, null), "agent", "reason"));
  }

  @Test
  void resetRequestKeepsItsOwnCopyOfDeviceIds() {
    List<String> deviceIds = new ArrayList<>(List.of(DEVICE));
    ResetRequest request = request(ID, deviceIds, "agent", "reason");

    deviceIds.add("ffffffff-ffff-ffff-ffff-ffffffffffff");

    assertThat(request.deviceIds()).containsExactly(DEVICE);
    assertThatThrownBy(() -> request.deviceIds().add(DEVICE))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void resetRequestAppliesDocumentedDefaultsWhenFlagsAreAbsent() throws Exception {
    ResetRequest request =
        Fixtures.JSON.treeToValue(
            Fixtures.readJsonResource(
                ContractResources.EXAMPLES_DIR + "reset-request.minimal.json"),
            ResetRequest.class);

    assertThat(request.ignorePartialFailures()).isFalse();
    assertThat(request.validateDeviceExists()).isTrue();
    assertThat(request.dryRun()).isFalse();
    assertThat(request.force()).isFalse();
    assertThat(request.source()).isNull();
    assertThat(request.timeout()).isNull();
    assertThat(request.trackSettlement()).isEqualTo(ResetRequest.DEFAULT_TRACK_SETTLEMENT).isTrue();
    assertThat(request.settleTimeout()).isNull();
  }

  @Test
  void resetRequestJsonWithoutSchemaVersionIsRejectedRatherThanReadAsZero() {
    ObjectNode json =
        Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "reset-request.minimal.json")
            .deepCopy();
    json.remove("schemaVersion");

    assertThatThrownBy(() -> Fixtures.JSON.treeToValue(json, ResetRequest.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasRootCauseInstanceOf(NullPointerException.class)
        .hasRootCauseMessage("schemaVersion");
  }

  @Test
  void uuidsAreWrittenInLowercase() throws Exception {
    ObjectNode json =
        Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "reset-request.minimal.json")
            .deepCopy();
    json.put("requestId", "E902893A-9D22-3C7E-A7B8-D6E313B71D9F");

    JsonNode written =
        Fixtures.JSON.valueToTree(Fixtures.JSON.treeToValue(json, ResetRequest.class));

    assertThat(written.get("requestId").asText()).isEqualTo("e902893a-9d22-3c7e-a7b8-d6e313b71d9f");
  }

  @Test
  void deviceOutcomeRejectsMissingRequiredFields() {
    DeviceOutcome o = Fixtures.fullDeviceOutcome();
    RequestRef r = o.request();
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                DeviceOutcome.of(
                    new RequestRef(null, r.requestedBy(), r.reason(), null, r.acceptedAt()),
                    o.deviceId(),
                    o.status(),
                    o.reasonCode(),
                    o.message(),
                    o.completedAt()))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(
            () -> DeviceOutcome.of(r, o.deviceId(), o.status(), null, o.message(), o.completedAt()))
        .withMessage("reasonCode");
    assertThatNullPointerException()
        .isThrownBy(
            () -> DeviceOutcome.of(r, o.deviceId(), o.status(), o.reasonCode(), o.message(), null))
        .withMessage("completedAt");
  }

  @Test
  void deviceOutcomeAllowsEveryNullableFieldToBeNull() {
    DeviceOutcome o = Fixtures.fullDeviceOutcome();

    DeviceOutcome minimal = minimalOutcome(o, 0);

    assertThat(minimal.graph().httpStatus()).isNull();
    assertThat(minimal.startedAt()).isNull();
  }

  @Test
  void deviceOutcomeRejectsNegativeAttempts() {
    DeviceOutcome o = Fixtures.fullDeviceOutcome();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> minimalOutcome(o, -1))
        .withMessageContaining("attempts");
  }

  @Test
  void deviceOutcomeRejectsImpossibleHttpStatus() {
    DeviceOutcome o = Fixtures.fullDeviceOutcome();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> minimalOutcome(o, 1).withGraph(new GraphCallFacts(42, null, null, null)))
        .withMessageContaining("httpStatus");
  }

  @Test
  void requestAcceptedRejectsZeroDevices() {
    RequestAccepted a = Fixtures.fullRequestAccepted();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> accepted(a, 0, 0))
        .withMessageContaining("deviceCount");
  }

  @Test
  void requestAcceptedRejectsNegativeDuplicatesFolded() {
    RequestAccepted a = Fixtures.fullRequestAccepted();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> accepted(a, 1, -1))
        .withMessageContaining("duplicatesFolded");
  }

  @Test
  void requestAcceptedRejectsMissingLane() {
    RequestAccepted a = Fixtures.fullRequestAccepted();

    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new RequestAccepted(
                    a.requestId(),
                    1,
                    0,
                    null,
                    false,
                    false,
                    a.acceptedAt(),
                    a.deadline(),
                    a.requestedBy(),
                    a.reason(),
                    null))
        .withMessage("lane");
  }

  @Test
  void requestRejectedRequiresAtLeastOneProblem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RequestRejected(ID, List.of(), Fixtures.COMPLETED_AT, null, null))
        .withMessageContaining("problems");
  }

  @Test
  void requestRejectedRejectsMissingRejectedAt() {
    List<RequestRejected.Problem> problems = List.of(new RequestRejected.Problem("$", "bad"));

    assertThatNullPointerException()
        .isThrownBy(() -> new RequestRejected(ID, problems, null, null, null))
        .withMessage("rejectedAt");
  }

  @Test
  void problemRejectsMissingFieldOrText() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RequestRejected.Problem(null, "bad"))
        .withMessage("field");
    assertThatNullPointerException()
        .isThrownBy(() -> new RequestRejected.Problem("$", null))
        .withMessage("problem");
  }

  @Test
  void countsRejectNegativeValues() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RequestCompleted.Counts(-1, 0, 0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new RequestCompleted.Counts(0, -1, 0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new RequestCompleted.Counts(0, 0, -1, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new RequestCompleted.Counts(0, 0, 0, -1));
  }

  @Test
  void countsTotalIsTheSumOfAllStatuses() {
    assertThat(new RequestCompleted.Counts(3, 1, 0, 1).total()).isEqualTo(5);
  }

  @Test
  void requestCompletedRejectsCountsThatDoNotAddUpToDeviceCount() {
    RequestCompleted c = Fixtures.fullRequestCompleted();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RequestCompleted(
                    c.requestId(),
                    c.status(),
                    5,
                    new RequestCompleted.Counts(1, 1, 1, 1),
                    c.acceptedAt(),
                    c.completedAt(),
                    c.requestedBy(),
                    c.reason(),
                    null))
        .withMessageContaining("deviceCount");
  }

  @Test
  void requestCompletedRejectsMissingCounts() {
    RequestCompleted c = Fixtures.fullRequestCompleted();

    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new RequestCompleted(
                    c.requestId(),
                    c.status(),
                    4,
                    null,
                    c.acceptedAt(),
                    c.completedAt(),
                    c.requestedBy(),
                    c.reason(),
                    null))
        .withMessage("counts");
  }

  @Test
  void eachEventNamesItsCloudEventType() {
    assertThat(Fixtures.fullDeviceOutcome().cloudEventType()).isEqualTo(EventTypes.DEVICE_OUTCOME);
    assertThat(Fixtures.fullRequestAccepted().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_ACCEPTED);
    assertThat(Fixtures.fullRequestRejected().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_REJECTED);
    assertThat(Fixtures.fullRequestCompleted().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_COMPLETED);
    assertThat(Fixtures.fullRequestHeld().cloudEventType()).isEqualTo(EventTypes.REQUEST_HELD);
    assertThat(Fixtures.fullRequestApproved().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_APPROVED);
    assertThat(Fixtures.fullRequestDenied().cloudEventType()).isEqualTo(EventTypes.REQUEST_DENIED);
    assertThat(Fixtures.fullRequestExpired().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_EXPIRED);
    assertThat(Fixtures.fullBrakeEngaged().cloudEventType()).isEqualTo(EventTypes.BRAKE_ENGAGED);
    assertThat(Fixtures.fullBrakeReleased().cloudEventType()).isEqualTo(EventTypes.BRAKE_RELEASED);
    assertThat(Fixtures.fullCancelReceived().cloudEventType())
        .isEqualTo(EventTypes.CANCEL_RECEIVED);
    assertThat(Fixtures.fullCancelApplied().cloudEventType()).isEqualTo(EventTypes.CANCEL_APPLIED);
    assertThat(Fixtures.fullCancelRefused().cloudEventType()).isEqualTo(EventTypes.CANCEL_REFUSED);
    assertThat(Fixtures.fullRequestCanceled().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_CANCELED);
    assertThat(Fixtures.fullDeviceSettled().cloudEventType()).isEqualTo(EventTypes.DEVICE_SETTLED);
    assertThat(Fixtures.fullRequestSettled().cloudEventType())
        .isEqualTo(EventTypes.REQUEST_SETTLED);
  }

  @Test
  void anAcceptanceWrittenBeforeSettlementExistedIsNotTracked() throws Exception {
    RequestAccepted old =
        (RequestAccepted)
            Fixtures.JSON.treeToValue(
                Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "request-accepted.json"),
                ResultEvent.class);

    assertThat(old.trackSettlement()).isNull();
    assertThat(old.settleTimeout()).isNull();
    assertThat(old.tracksSettlement()).isFalse();
  }

  @Test
  void anAcceptanceWithSettlementWritesItsTimeoutInGoStyle() {
    RequestAccepted tracked =
        Fixtures.fullRequestAccepted().withSettlement(true, Duration.ofMinutes(90));

    assertThat(tracked.tracksSettlement()).isTrue();
    assertThat(tracked.settleTimeout()).isEqualTo("1h30m");
  }

  @Test
  void anUntrackedAcceptanceWritesNoSettleTimeout() {
    RequestAccepted untracked =
        Fixtures.fullRequestAccepted().withSettlement(false, Duration.ofHours(24));
    JsonNode written = Fixtures.JSON.valueToTree(untracked);

    assertThat(untracked.tracksSettlement()).isFalse();
    assertThat(written.get("trackSettlement").booleanValue()).isFalse();
    assertThat(written.has("settleTimeout")).isFalse();
  }

  @Test
  void aTrackedAcceptanceNeedsATimeout() {
    assertThatNullPointerException()
        .isThrownBy(() -> Fixtures.fullRequestAccepted().withSettlement(true, null))
        .withMessage("timeout");
  }

  @Test
  void requestSettledCountsMustAddUpToDevices() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> requestSettled(true, 4))
        .withMessageContaining("does not equal devices 4");
  }

  @Test
  void anUntrackedRequestSettlesNoDevice() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> requestSettled(false, 5))
        .withMessage("an untracked request settles no device");
  }

  /** The full RequestSettled (counts adding up to 5) with {@code tracked} and {@code devices}. */
  private static RequestSettled requestSettled(boolean tracked, int devices) {
    RequestSettled r = Fixtures.fullRequestSettled();
    return new RequestSettled(
        r.requestId(),
        tracked,
        devices,
        r.counts(),
        r.acceptedAt(),
        r.settledAt(),
        r.requestedBy(),
        r.reason(),
        r.source());
  }

  @Test
  void settleCountsAddOneDevicePerState() {
    RequestSettled.Counts counts = RequestSettled.Counts.NONE;
    for (SettleState state : SettleState.values()) {
      counts = counts.plus(state);
    }

    assertThat(counts).isEqualTo(new RequestSettled.Counts(1, 1, 1, 1, 1));
    assertThat(counts.total()).isEqualTo(SettleState.values().length);
  }

  @Test
  void graphsFinalActionStatesMapToSettleStatesAndOthersToNone() {
    assertThat(SettleState.ofActionState("done")).isEqualTo(SettleState.DONE);
    assertThat(SettleState.ofActionState("failed")).isEqualTo(SettleState.FAILED);
    assertThat(SettleState.ofActionState("notSupported")).isEqualTo(SettleState.NOT_SUPPORTED);
    assertThat(SettleState.ofActionState("canceled")).isEqualTo(SettleState.CANCELED);
    assertThat(SettleState.ofActionState("pending")).isNull();
    assertThat(SettleState.ofActionState("active")).isNull();
    assertThat(SettleState.ofActionState(null)).isNull();
  }

  @Test
  void deviceSettledRejectsNegativeChecksAndDuration() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> settled(-1, 841L))
        .withMessageContaining("checks");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> settled(5, -1L))
        .withMessageContaining("tookSeconds");
  }

  private static DeviceSettled settled(int checks, Long tookSeconds) {
    DeviceSettled d = Fixtures.fullDeviceSettled();
    return new DeviceSettled(
        d.requestId(),
        d.deviceId(),
        d.state(),
        d.actionState(),
        d.errorCode(),
        d.startDateTime(),
        d.lastUpdatedDateTime(),
        tookSeconds,
        d.issuedAt(),
        d.settledAt(),
        checks,
        d.message());
  }

  @Test
  void eventsWrittenAsTheirConcreteTypeStillCarryTheTypeDiscriminator() {
    JsonNode written = Fixtures.JSON.valueToTree(Fixtures.fullRequestAccepted());

    assertThat(written.get("type").asText()).isEqualTo("RequestAccepted");
  }

  @Test
  void requestHeldRequiresMoreDevicesThanTheThreshold() {
    RequestHeld h = Fixtures.fullRequestHeld();

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RequestHeld(
                    h.requestId(),
                    100,
                    100,
                    h.heldAt(),
                    h.expiresAt(),
                    h.requestedBy(),
                    h.reason(),
                    null))
        .withMessageContaining("threshold");
  }

  @Test
  void brakeEngagedRequiresMoreResetsThanTheLimit() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new BrakeEngaged(Fixtures.BRAKE_ID, 1000, 1000, 600, Fixtures.COMPLETED_AT, null))
        .withMessageContaining("maxResets");
  }

  @Test
  void brakeEventsAreKeyedByTheirBrakeAndWriteNoRequestId() {
    JsonNode engaged = Fixtures.JSON.valueToTree(Fixtures.fullBrakeEngaged());
    JsonNode released = Fixtures.JSON.valueToTree(Fixtures.fullBrakeReleased());

    assertThat(Fixtures.fullBrakeEngaged().requestId()).isEqualTo(Fixtures.BRAKE_ID);
    assertThat(Fixtures.fullBrakeReleased().requestId()).isEqualTo(Fixtures.BRAKE_ID);
    assertThat(engaged.has("requestId")).isFalse();
    assertThat(released.has("requestId")).isFalse();
  }

  @Test
  void controlMessagesNameTheKeyThatRoutesThem() throws Exception {
    ControlMessage approval =
        Fixtures.JSON.readValue(
            Fixtures.JSON.writeValueAsString(Fixtures.fullApproval()), ControlMessage.class);

    assertThat(approval.kafkaKey()).isEqualTo(Fixtures.REQUEST_ID.toString());
    assertThat(Fixtures.fullBrakeRelease().kafkaKey()).isEqualTo(BrakeRelease.KAFKA_KEY);
  }

  @Test
  void cancelIsKeyedByTheRequestItCancels() throws Exception {
    ControlMessage cancel =
        Fixtures.JSON.readValue(
            Fixtures.JSON.writeValueAsString(Fixtures.fullCancel()), ControlMessage.class);

    assertThat(cancel).isInstanceOf(Cancel.class);
    assertThat(cancel.kafkaKey()).isEqualTo(Fixtures.REQUEST_ID.toString());
  }

  @Test
  void cancelRejectsMissingRequiredFields() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Cancel(1, null, "lead", "why"))
        .withMessage("requestId");
    assertThatNullPointerException()
        .isThrownBy(() -> new Cancel(1, ID, null, "why"))
        .withMessage("canceledBy");
    assertThatNullPointerException()
        .isThrownBy(() -> new Cancel(1, ID, "lead", null))
        .withMessage("reason");
  }

  @Test
  void cancelEventsRejectMissingAuditFields() {
    assertThatNullPointerException()
        .isThrownBy(() -> new CancelReceived(ID, null, "why", Fixtures.COMPLETED_AT))
        .withMessage("canceledBy");
    assertThatNullPointerException()
        .isThrownBy(() -> new CancelReceived(ID, "lead", "why", null))
        .withMessage("receivedAt");
    assertThatNullPointerException()
        .isThrownBy(() -> new CancelRefused(ID, "lead", null, "no", Fixtures.COMPLETED_AT))
        .withMessage("refusal");
    assertThatNullPointerException()
        .isThrownBy(() -> new RequestCanceled(ID, "lead", null, false, Fixtures.COMPLETED_AT))
        .withMessage("reason");
    assertThatNullPointerException()
        .isThrownBy(() -> new RequestCanceled(ID, "lead", "why", true, null))
        .withMessage("canceledAt");
  }

  @Test
  void cancelAppliedNamesAtLeastOneTaskPartition() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CancelApplied(ID, List.of(), Fixtures.COMPLETED_AT))
        .withMessageContaining("taskPartitions");
  }

  @Test
  void cancelAppliedKeepsItsOwnCopyOfTaskPartitions() {
    List<CancelApplied.TaskPartition> partitions =
        new ArrayList<>(List.of(new CancelApplied.TaskPartition(Topics.DEVICE_TASKS, 0)));
    CancelApplied applied = new CancelApplied(ID, partitions, Fixtures.COMPLETED_AT);

    partitions.add(new CancelApplied.TaskPartition(Topics.DEVICE_TASKS, 1));

    assertThat(applied.taskPartitions()).hasSize(1);
  }

  @Test
  void taskPartitionRejectsNegativePartitionAndMissingTopic() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CancelApplied.TaskPartition(Topics.DEVICE_TASKS, -1))
        .withMessageContaining("partition");
    assertThatNullPointerException()
        .isThrownBy(() -> new CancelApplied.TaskPartition(null, 0))
        .withMessage("topic");
  }

  @Test
  void actionsAreWrittenAndReadByTheirGraphNamesCaseSensitively() throws Exception {
    assertThat(Fixtures.JSON.writeValueAsString(Action.ROTATE_BITLOCKER_KEYS))
        .isEqualTo("\"rotateBitLockerKeys\"");
    assertThat(Fixtures.JSON.readValue("\"resetPasscode\"", Action.class))
        .isEqualTo(Action.RESET_PASSCODE);
    assertThat(Action.parse("rotateBitLockerKeys")).contains(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(Action.parse("RotateBitLockerKeys")).isEmpty();
    assertThat(Action.parse("ROTATE_BITLOCKER_KEYS")).isEmpty();
    assertThat(Action.parse(null)).isEmpty();
    assertThat(Action.DEFAULT).isEqualTo(Action.RESET_PASSCODE);
    assertThat(Action.allowed()).isEqualTo("resetPasscode, rotateBitLockerKeys");
  }

  @Test
  void anEventNamingAnUnknownActionIsNotRead() {
    ObjectNode outcome =
        Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + "device-outcome.succeeded.json")
            .deepCopy();
    outcome.put("action", "wipe");

    assertThatThrownBy(() -> Fixtures.JSON.treeToValue(outcome, ResultEvent.class))
        .hasMessageContaining("unknown action wipe; allowed: resetPasscode, rotateBitLockerKeys");
  }

  @Test
  void aRequestWithoutActionResetsThePasscode() throws Exception {
    ResetRequest read = exampleRequest("reset-request.minimal.json");

    assertThat(read.action()).isEqualTo(Action.RESET_PASSCODE);
    assertThat(request(ID, List.of(DEVICE), "a", "r").action()).isEqualTo(Action.RESET_PASSCODE);
    assertThat(Fixtures.JSON.valueToTree(read).get("action").textValue())
        .isEqualTo("resetPasscode");
  }

  @Test
  void aRequestReadsAndWritesItsAction() throws Exception {
    ResetRequest rotation = exampleRequest("reset-request.rotate-bitlocker-keys.json");

    assertThat(rotation.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
    assertThat(Fixtures.JSON.valueToTree(rotation).path("action").asText())
        .isEqualTo("rotateBitLockerKeys");
  }

  private static ResetRequest exampleRequest(String name) throws Exception {
    return Fixtures.JSON.treeToValue(
        Fixtures.readJsonResource(ContractResources.EXAMPLES_DIR + name), ResetRequest.class);
  }

  @Test
  void aRequestRefWithoutActionIsAPasscodeReset() {
    RequestRef five = new RequestRef(ID, "a", "r", null, Fixtures.ACCEPTED_AT);
    RequestRef nulled = new RequestRef(ID, "a", "r", null, Fixtures.ACCEPTED_AT, "tp", null);

    assertThat(five.action()).isEqualTo(Action.RESET_PASSCODE);
    assertThat(nulled.action()).isEqualTo(Action.RESET_PASSCODE);
    assertThat(five.withAction(Action.ROTATE_BITLOCKER_KEYS))
        .isEqualTo(
            new RequestRef(
                ID, "a", "r", null, Fixtures.ACCEPTED_AT, null, Action.ROTATE_BITLOCKER_KEYS));
  }

  @Test
  void everyPerRequestEventWritesTheActionItWasGiven() {
    List<ResultEvent> events =
        List.of(
            Fixtures.fullRequestAccepted().withAction(Action.ROTATE_BITLOCKER_KEYS),
            Fixtures.fullRequestHeld(),
            Fixtures.fullDeviceSettled(),
            Fixtures.fullRequestSettled());

    for (ResultEvent e : events) {
      assertThat(Fixtures.JSON.valueToTree(e).get("action").textValue())
          .as(e.cloudEventType())
          .isEqualTo("rotateBitLockerKeys");
    }
    assertThat(Fixtures.JSON.valueToTree(Fixtures.fullRequestCompleted()).get("action").asText())
        .isEqualTo("resetPasscode");
  }

  @Test
  void perRequestEventsWrittenBeforeActionsReadAsPasscodeResets() throws Exception {
    for (ResultEvent current :
        List.of(
            Fixtures.fullRequestAccepted(),
            Fixtures.fullRequestHeld(),
            Fixtures.fullRequestCompleted(),
            Fixtures.fullDeviceSettled(),
            Fixtures.fullRequestSettled())) {
      ObjectNode old = Fixtures.JSON.valueToTree(current);
      old.remove("action");
      ResultEvent read = Fixtures.JSON.treeToValue(old, ResultEvent.class);
      String type = current.cloudEventType();

      assertThat(Fixtures.JSON.valueToTree(read).has("action")).as(type).isFalse();
      // Each record keeps the absence (null) and answers the default.
      assertThat(storedAndDefault(read)).as(type).containsExactly(null, Action.RESET_PASSCODE);
    }
  }

  @Test
  void theOldConstructorsOfPerRequestEventsNameNoAction() {
    // SchemaDriftTest's minimal events, built with the other old constructors, write no action.
    assertThat(accepted(Fixtures.fullRequestAccepted(), 1, 0).action()).isNull();
    assertThat(Action.orDefault(null)).isEqualTo(Action.RESET_PASSCODE);
    assertThat(Action.orDefault(Action.ROTATE_BITLOCKER_KEYS))
        .isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
  }

  @Test
  void settlingAnAcceptanceKeepsItsAction() {
    RequestAccepted rotation =
        accepted(Fixtures.fullRequestAccepted(), 1, 0)
            .withAction(Action.ROTATE_BITLOCKER_KEYS)
            .withSettlement(true, Duration.ofHours(24));

    assertThat(rotation.action()).isEqualTo(Action.ROTATE_BITLOCKER_KEYS);
  }

  private static List<Action> storedAndDefault(ResultEvent e) {
    Action stored;
    if (e instanceof RequestAccepted a) {
      stored = a.action();
    } else if (e instanceof RequestHeld h) {
      stored = h.action();
    } else if (e instanceof RequestCompleted c) {
      stored = c.action();
    } else if (e instanceof DeviceSettled d) {
      stored = d.action();
    } else if (e instanceof RequestSettled r) {
      stored = r.action();
    } else {
      throw new AssertionError(e);
    }
    return Arrays.asList(stored, Action.orDefault(stored));
  }

  private static ResetRequest request(
      UUID requestId, List<String> deviceIds, String requestedBy, String reason) {
    return new ResetRequest(
        1, requestId, deviceIds, requestedBy, reason, null, false, true, null, false, false, null);
  }

  private static DeviceOutcome minimalOutcome(DeviceOutcome o, int attempts) {
    return DeviceOutcome.of(
            o.request(), o.deviceId(), o.status(), o.reasonCode(), o.message(), o.completedAt())
        .withAttempts(attempts, null);
  }

  private static RequestAccepted accepted(RequestAccepted a, int deviceCount, int duplicates) {
    return new RequestAccepted(
        a.requestId(),
        deviceCount,
        duplicates,
        a.lane(),
        a.dryRun(),
        a.ignorePartialFailures(),
        a.acceptedAt(),
        a.deadline(),
        a.requestedBy(),
        a.reason(),
        a.source());
  }
}
