package dev.intunereset.worker.targeting;

import static dev.intunereset.worker.targeting.FilterProperty.COMPLIANCE_STATE;
import static dev.intunereset.worker.targeting.FilterProperty.DEVICE_NAME;
import static dev.intunereset.worker.targeting.FilterProperty.LAST_SYNC_DATE_TIME;
import static dev.intunereset.worker.targeting.FilterProperty.OPERATING_SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's own check of each device Graph returns, compared as Graph compares. */
class DeviceFilterMatchTest {
  private static final Instant JAN_31 = Instant.parse("2024-01-31T00:00:00Z");

  private static DeviceFilter filter(String text) {
    return DeviceFilter.parse(text).orElseThrow();
  }

  private static DeviceProperties device(FilterProperty property, Object value) {
    return DeviceProperties.NONE.with(property, value);
  }

  @Test
  void deviceNameEqIgnoresCase() {
    DeviceFilter f = filter("deviceName eq 'Kiosk-01'");

    assertThat(f.matches(device(DEVICE_NAME, "KIOSK-01"))).isTrue();
    assertThat(f.matches(device(DEVICE_NAME, "kiosk-01"))).isTrue();
    assertThat(f.matches(device(DEVICE_NAME, "Kiosk-011"))).isFalse();
    assertThat(f.matches(device(DEVICE_NAME, "Kiosk-0"))).isFalse();
  }

  @Test
  void containsIgnoresCaseAndMatchesAnywhereInTheName() {
    DeviceFilter f = filter("contains(deviceName,'kiosk')");

    assertThat(f.matches(device(DEVICE_NAME, "LOBBY-KIOSK-2"))).isTrue();
    assertThat(f.matches(device(DEVICE_NAME, "kiosk"))).isTrue();
    assertThat(f.matches(device(DEVICE_NAME, "KIOS-K"))).isFalse();
  }

  @Test
  void enumMembersCompareIgnoringCase() {
    DeviceFilter f = filter("complianceState eq 'NonCompliant'");

    assertThat(f.matches(device(COMPLIANCE_STATE, "noncompliant"))).isTrue();
    assertThat(f.matches(device(COMPLIANCE_STATE, "compliant"))).isFalse();
  }

  @Test
  void dateTimesCompareAsInstantsStrictly() {
    DeviceFilter before = filter("lastSyncDateTime lt 2024-01-31T01:00:00+01:00");
    DeviceFilter after = filter("lastSyncDateTime gt 2024-01-31T00:00:00Z");

    assertThat(before.matches(device(LAST_SYNC_DATE_TIME, JAN_31.minusNanos(100)))).isTrue();
    assertThat(before.matches(device(LAST_SYNC_DATE_TIME, JAN_31))).isFalse();
    assertThat(after.matches(device(LAST_SYNC_DATE_TIME, JAN_31.plusSeconds(1)))).isTrue();
    assertThat(after.matches(device(LAST_SYNC_DATE_TIME, JAN_31))).isFalse();
  }

  @Test
  void aPropertyGraphDidNotReturnMatchesNoClause() {
    assertThat(filter("deviceName eq 'a'").matches(DeviceProperties.NONE)).isFalse();
    assertThat(filter("contains(deviceName,'a')").matches(DeviceProperties.NONE)).isFalse();
    assertThat(filter("lastSyncDateTime lt 2024-01-31T00:00:00Z").matches(DeviceProperties.NONE))
        .isFalse();
  }

  @Test
  void everyClauseMustHoldAndTheFirstUnmetOneIsNamed() {
    DeviceFilter f =
        filter("operatingSystem eq 'Android' and lastSyncDateTime lt 2024-01-31T00:00:00Z");
    DeviceProperties recentAndroid =
        device(OPERATING_SYSTEM, "Android").with(LAST_SYNC_DATE_TIME, JAN_31.plusSeconds(60));

    assertThat(f.matches(recentAndroid)).isFalse();
    assertThat(f.firstUnmet(recentAndroid)).contains(f.clauses().get(1));
    assertThat(f.firstUnmet(recentAndroid.with(LAST_SYNC_DATE_TIME, JAN_31.minusSeconds(60))))
        .isEmpty();
  }

  @Test
  void aDeviceGraphReturnedThatDoesNotMatchIsCaughtWhenGraphIgnoredTheFilter() {
    // Graph ignored "operatingSystem eq 'Android'" and answered with the whole fleet.
    DeviceFilter f = filter("operatingSystem eq 'Android' and contains(deviceName,'kiosk')");
    List<DeviceProperties> wholeFleet =
        List.of(
            new DeviceProperties(Map.of(OPERATING_SYSTEM, "Android", DEVICE_NAME, "kiosk-1")),
            new DeviceProperties(Map.of(OPERATING_SYSTEM, "iOS", DEVICE_NAME, "kiosk-2")),
            new DeviceProperties(Map.of(OPERATING_SYSTEM, "Android", DEVICE_NAME, "ceo-phone")));

    assertThat(wholeFleet).filteredOn(d -> !f.matches(d)).hasSize(2);
    assertThat(f.firstUnmet(wholeFleet.get(1)).map(Clause::toOData))
        .contains("operatingSystem eq 'Android'");
    assertThat(f.firstUnmet(wholeFleet.get(2)).map(Clause::toOData))
        .contains("contains(deviceName,'kiosk')");
  }

  @Test
  void devicePropertiesHoldTextForTextAndInstantsForDateTimes() {
    assertThatThrownBy(() -> device(LAST_SYNC_DATE_TIME, "2024-01-31T00:00:00Z"))
        .hasMessageContaining("lastSyncDateTime must be a Instant");
    assertThatThrownBy(() -> device(DEVICE_NAME, JAN_31))
        .hasMessageContaining("deviceName must be a String");
    assertThat(device(DEVICE_NAME, "a").with(DEVICE_NAME, null)).isEqualTo(DeviceProperties.NONE);
  }
}
