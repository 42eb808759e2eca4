package dev.intunereset.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The records of device targeting: their invariants, labels and the split of a listing. */
class TargetingRecordsTest {
  private static final String ALICE = Targets.userLabel("alice@contoso.com");

  @Test
  void absentSelectorListsAreEmptyAndLeftOutOfTheJson() {
    Targets t = new Targets(null, null, List.of("KIOSK-01"), null, null);

    assertThat(t.users()).isEmpty();
    assertThat(t.groups()).isEmpty();
    assertThat(t.selectorCount()).isEqualTo(1);
    assertThat(Fixtures.JSON.valueToTree(t).toString())
        .isEqualTo("{\"deviceNames\":[\"KIOSK-01\"]}");
  }

  @Test
  void labelsFollowTheFixedOrderOfSelectorKinds() {
    assertThat(Fixtures.fullTargets().labels())
        .containsExactly(
            "user:alice@contoso.com",
            "group:5d1f0e2c-8a4b-4c6d-9e7f-1a2b3c4d5e6f",
            "deviceName:KIOSK-LOBBY-01",
            "serialNumber:R58N12ABCDE",
            "filter:operatingSystem eq 'Android'");
    assertThat(Fixtures.fullTargets().selectorCount()).isEqualTo(5);
    assertThat(Targets.EXPLICIT).isEqualTo("deviceIds");
  }

  @Test
  void theLongestLabelIsThatOfTheLongestFilter() {
    assertThat(Targets.filterLabel("f".repeat(Targets.MAX_FILTER_LENGTH)))
        .hasSize(Targets.MAX_LABEL_LENGTH);
  }

  @Test
  void aRequestWithTargetsMayListNoDevice() {
    ResetRequest r = Fixtures.fullResetRequest();
    ResetRequest targeted =
        new ResetRequest(
            1,
            r.requestId(),
            null,
            r.requestedBy(),
            r.reason(),
            null,
            false,
            true,
            null,
            false,
            false,
            null,
            true,
            null,
            null,
            Fixtures.fullTargets(),
            null);

    assertThat(targeted.deviceIds()).isEmpty();
    assertThat(Fixtures.JSON.valueToTree(targeted).has("deviceIds")).isFalse();
  }

  @Test
  void theRecordsOlderConstructorsBuildRequestsAndAcceptancesWithoutTargets() {
    ResetRequest r = Fixtures.designBriefRequest();
    RequestAccepted a = Fixtures.fullRequestAccepted();

    assertThat(r.targets()).isNull();
    assertThat(r.expectedMaxDevices()).isNull();
    assertThat(a.withTargets(null, null).targets()).isNull();
    assertThat(a.targets()).isEqualTo(Fixtures.fullTargets());
    assertThat(a.withAction(Action.ROTATE_BITLOCKER_KEYS).expectedMaxDevices()).isEqualTo(25);
  }

  @Test
  void aSelectorCountsNoMoreDevicesThanItMatched() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SelectorCount(ALICE, 3, 2, SelectorStatus.MATCHED));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SelectorCount(ALICE, -1, 2, SelectorStatus.MATCHED));
  }

  @Test
  void aSelectorsStatusAgreesWithItsCounts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SelectorCount(ALICE, 0, 0, SelectorStatus.MATCHED));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SelectorCount(ALICE, 1, 1, SelectorStatus.EMPTY));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new SelectorCount(
                    Targets.deviceNameLabel("KIOSK-01"), 0, 0, SelectorStatus.NOT_FOUND));
    assertThat(new SelectorCount(ALICE, 0, 0, SelectorStatus.NOT_FOUND).status())
        .isEqualTo(SelectorStatus.NOT_FOUND);
  }

  @Test
  void anExpansionsTotalIsItsListedDevicesPlusEverySelectorsDevices() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> counts(List.of(new SelectorCount(ALICE, 2, 2, SelectorStatus.MATCHED)), 1, 2))
        .withMessageContaining("totalDevices 2");
    assertThat(counts(List.of(new SelectorCount(ALICE, 2, 3, SelectorStatus.MATCHED)), 1, 3))
        .isNotNull();
  }

  @Test
  void anExpansionCountsEachSelectorOnce() {
    SelectorCount alice = new SelectorCount(ALICE, 1, 1, SelectorStatus.MATCHED);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> counts(List.of(alice, alice), 0, 2))
        .withMessageContaining("counted twice");
  }

  @Test
  void devicesPartAndPartsComeTogether() {
    RequestExpanded c = Fixtures.fullRequestExpanded();
    assertThatIllegalArgumentException().isThrownBy(() -> listing(c, c.devices(), null, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> listing(c, null, 1, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> listing(c, c.devices(), 2, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> listing(c, c.devices(), 0, 1));
  }

  @Test
  void anExpansionNamesItsAction() {
    assertThatNullPointerException()
        .isThrownBy(() -> expanded(List.of(), 0, 0, null, null, null, null))
        .withMessage("action");
  }

  @Test
  void aDryRunsListingIsSplitIntoPartsOfAtMostTheLimitEachWithTheSameCounts() {
    int total = 2 * RequestExpanded.MAX_DEVICES_PER_EVENT + 1;
    RequestExpanded c =
        counts(List.of(new SelectorCount(ALICE, total, total, SelectorStatus.MATCHED)), 0, total);
    List<ExpandedDevice> devices =
        IntStream.range(0, total).mapToObj(i -> device(i, "Android")).toList();

    List<RequestExpanded> parts = RequestExpanded.split(c, devices);

    assertThat(parts).extracting(RequestExpanded::part).containsExactly(1, 2, 3);
    assertThat(parts).extracting(RequestExpanded::parts).containsOnly(3);
    assertThat(parts)
        .extracting(p -> p.devices().size())
        .containsExactly(
            RequestExpanded.MAX_DEVICES_PER_EVENT, RequestExpanded.MAX_DEVICES_PER_EVENT, 1);
    assertThat(parts).extracting(RequestExpanded::selectors).containsOnly(c.selectors());
    assertThat(parts.stream().flatMap(p -> p.devices().stream()).toList()).isEqualTo(devices);
  }

  @Test
  void longDeviceTextMakesSmallerParts() {
    String longName = "n".repeat(4000);
    int total = 200;
    RequestExpanded c =
        counts(List.of(new SelectorCount(ALICE, total, total, SelectorStatus.MATCHED)), 0, total);
    List<ExpandedDevice> devices =
        IntStream.range(0, total).mapToObj(i -> device(i, longName)).toList();

    List<RequestExpanded> parts = RequestExpanded.split(c, devices);

    assertThat(parts).hasSizeGreaterThan(1);
    for (RequestExpanded p : parts) {
      int chars = p.devices().stream().mapToInt(ExpandedDevice::weight).sum();
      assertThat(chars).isLessThanOrEqualTo(RequestExpanded.MAX_DEVICE_CHARS_PER_EVENT);
    }
  }

  @Test
  void aDryRunThatSelectsNothingStillWritesOnePart() {
    RequestExpanded c = counts(List.of(new SelectorCount(ALICE, 0, 0, SelectorStatus.EMPTY)), 0, 0);

    List<RequestExpanded> parts = RequestExpanded.split(c, List.of());

    assertThat(parts).singleElement().satisfies(p -> assertThat(p.devices()).isEmpty());
  }

  @Test
  void splittingNeedsEveryDeviceOfTheExpansion() {
    RequestExpanded c =
        counts(List.of(new SelectorCount(ALICE, 2, 2, SelectorStatus.MATCHED)), 0, 2);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> RequestExpanded.split(c, List.of(device(0, "Android"))));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RequestExpanded.split(Fixtures.fullRequestExpanded(), List.of()));
  }

  @Test
  void anOutcomeNamesItsSelectorLastAndKeepsItThroughItsWithers() {
    DeviceOutcome o = Fixtures.fullDeviceOutcome().withSelector(Targets.EXPLICIT);

    assertThat(o.withAttempts(3, o.completedAt()).withGraph(GraphCallFacts.NONE).selector())
        .isEqualTo(Targets.EXPLICIT);
    List<String> fields = new ArrayList<>();
    Fixtures.JSON.valueToTree(o).fieldNames().forEachRemaining(fields::add);
    assertThat(fields).last().isEqualTo("selector");
  }

  private static ExpandedDevice device(int i, String name) {
    return new ExpandedDevice(
        new UUID(0, i).toString(), name, "Android", "alice@contoso.com", ALICE);
  }

  private static RequestExpanded counts(List<SelectorCount> selectors, int explicit, int total) {
    return expanded(selectors, explicit, total, Action.RESET_PASSCODE, null, null, null);
  }

  private static RequestExpanded listing(
      RequestExpanded c, List<ExpandedDevice> devices, Integer part, Integer parts) {
    return expanded(
        c.selectors(), c.explicitDevices(), c.totalDevices(), c.action(), devices, part, parts);
  }

  /** The fixture's expansion with these counts and this listing. */
  private static RequestExpanded expanded(
      List<SelectorCount> selectors,
      int explicit,
      int total,
      Action action,
      List<ExpandedDevice> devices,
      Integer part,
      Integer parts) {
    RequestExpanded f = Fixtures.fullRequestExpanded();
    return new RequestExpanded(
        f.requestId(),
        selectors,
        explicit,
        total,
        4,
        f.expandedAt(),
        f.requestedBy(),
        f.reason(),
        f.source(),
        action,
        devices,
        part,
        parts);
  }
}
