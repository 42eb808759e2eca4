package dev.intunereset.worker.targeting;

import static dev.intunereset.worker.targeting.FilterOperator.CONTAINS;
import static dev.intunereset.worker.targeting.FilterOperator.EQ;
import static dev.intunereset.worker.targeting.FilterProperty.COMPLIANCE_STATE;
import static dev.intunereset.worker.targeting.FilterProperty.DEVICE_CATEGORY_DISPLAY_NAME;
import static dev.intunereset.worker.targeting.FilterProperty.DEVICE_NAME;
import static dev.intunereset.worker.targeting.FilterProperty.DEVICE_TYPE;
import static dev.intunereset.worker.targeting.FilterProperty.ENROLLED_DATE_TIME;
import static dev.intunereset.worker.targeting.FilterProperty.JAIL_BROKEN;
import static dev.intunereset.worker.targeting.FilterProperty.LAST_SYNC_DATE_TIME;
import static dev.intunereset.worker.targeting.FilterProperty.MANAGEMENT_AGENT;
import static dev.intunereset.worker.targeting.FilterProperty.MANAGEMENT_STATE;
import static dev.intunereset.worker.targeting.FilterProperty.OPERATING_SYSTEM;
import static dev.intunereset.worker.targeting.FilterProperty.OWNER_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.intunereset.worker.targeting.Clause.Compare;
import dev.intunereset.worker.targeting.Clause.Text;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every form the allowlist admits parses to its clause and is sent in one canonical spelling. */
class DeviceFilterParseTest {
  private static final Instant JAN_31 = Instant.parse("2024-01-31T00:00:00Z");

  static Stream<Arguments> allowedForms() {
    return Stream.of(
        arguments("deviceName eq 'KIOSK-01'", new Text(DEVICE_NAME, EQ, "KIOSK-01"), null),
        arguments("contains(deviceName,'kiosk')", new Text(DEVICE_NAME, CONTAINS, "kiosk"), null),
        arguments(
            "contains( deviceName , 'kiosk' )",
            new Text(DEVICE_NAME, CONTAINS, "kiosk"),
            "contains(deviceName,'kiosk')"),
        arguments("operatingSystem eq 'Android'", new Text(OPERATING_SYSTEM, EQ, "Android"), null),
        arguments("ownerType eq 'company'", new Text(OWNER_TYPE, EQ, "company"), null),
        arguments("managementState eq 'managed'", new Text(MANAGEMENT_STATE, EQ, "managed"), null),
        arguments(
            "deviceType eq 'androidEnterprise'",
            new Text(DEVICE_TYPE, EQ, "androidEnterprise"),
            null),
        arguments(
            "complianceState eq 'noncompliant'",
            new Text(COMPLIANCE_STATE, EQ, "noncompliant"),
            null),
        arguments("jailBroken eq 'True'", new Text(JAIL_BROKEN, EQ, "True"), null),
        arguments("managementAgent eq 'mdm'", new Text(MANAGEMENT_AGENT, EQ, "mdm"), null),
        arguments(
            "deviceCategoryDisplayName eq 'Front desk'",
            new Text(DEVICE_CATEGORY_DISPLAY_NAME, EQ, "Front desk"),
            null),
        arguments(
            "enrolledDateTime gt 2024-01-31T00:00:00Z",
            new Compare(ENROLLED_DATE_TIME, FilterOperator.GT, JAN_31),
            null),
        arguments(
            "enrolledDateTime lt 2024-01-31T00:00:00Z",
            new Compare(ENROLLED_DATE_TIME, FilterOperator.LT, JAN_31),
            null),
        arguments(
            "lastSyncDateTime lt 2024-01-31T01:00:00+01:00",
            new Compare(LAST_SYNC_DATE_TIME, FilterOperator.LT, JAN_31),
            "lastSyncDateTime lt 2024-01-31T00:00:00Z"),
        arguments(
            "lastSyncDateTime gt 2024-01-31T00:00Z",
            new Compare(LAST_SYNC_DATE_TIME, FilterOperator.GT, JAN_31),
            "lastSyncDateTime gt 2024-01-31T00:00:00Z"),
        arguments(
            "lastSyncDateTime gt 2024-01-31T00:00:00.5000Z",
            new Compare(LAST_SYNC_DATE_TIME, FilterOperator.GT, JAN_31.plusMillis(500)),
            "lastSyncDateTime gt 2024-01-31T00:00:00.5Z"),
        arguments(
            "lastSyncDateTime gt 2024-01-31T00:00:00.1234567Z",
            new Compare(LAST_SYNC_DATE_TIME, FilterOperator.GT, JAN_31.plusNanos(123_456_700)),
            null),
        arguments(
            "deviceName eq 'O''Brien''s phone'",
            new Text(DEVICE_NAME, EQ, "O'Brien's phone"),
            null),
        arguments("deviceName eq ''''", new Text(DEVICE_NAME, EQ, "'"), null),
        arguments("deviceName eq 'Zoë 中 (2)'", new Text(DEVICE_NAME, EQ, "Zoë 中 (2)"), null),
        arguments("deviceName eq 'a and b or c'", new Text(DEVICE_NAME, EQ, "a and b or c"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowedForms")
  void parsesEachAllowedFormToItsClauseAndCanonicalText(
      String text, Clause expected, String canonical) {
    DeviceFilter filter = DeviceFilter.parse(text).orElseThrow();

    assertThat(filter.clauses()).containsExactly(expected);
    assertThat(filter.toODataQuery()).isEqualTo(canonical == null ? text : canonical);
  }

  @Test
  void joinsClausesWithAndIgnoringExtraSpaces() {
    FilterParse parse =
        DeviceFilter.parse("  operatingSystem eq 'Android'   and   contains(deviceName,'kiosk')  ");

    assertThat(parse.orElseThrow().clauses())
        .containsExactly(
            new Text(OPERATING_SYSTEM, EQ, "Android"), new Text(DEVICE_NAME, CONTAINS, "kiosk"));
    assertThat(parse.orElseThrow().toODataQuery())
        .isEqualTo("operatingSystem eq 'Android' and contains(deviceName,'kiosk')");
  }

  @Test
  void acceptsTenClauses() {
    String text = String.join(" and ", Collections.nCopies(10, "deviceName eq 'a'"));

    assertThat(DeviceFilter.parse(text).orElseThrow().clauses()).hasSize(10);
  }

  @Test
  void acceptsAFilterOfExactlyTheMaximumLength() {
    String prefix = "deviceName eq '";
    String text = prefix + "a".repeat(DeviceFilter.MAX_LENGTH - prefix.length() - 1) + "'";

    assertThat(text).hasSize(DeviceFilter.MAX_LENGTH);
    assertThat(DeviceFilter.parse(text)).isInstanceOf(FilterParse.Parsed.class);
  }

  @Test
  void selectsEachPropertyTheFilterReadsOnceInOrder() {
    DeviceFilter filter =
        DeviceFilter.parse(
                "deviceName eq 'a' and lastSyncDateTime gt 2024-01-31T00:00:00Z"
                    + " and contains(deviceName,'b')")
            .orElseThrow();

    assertThat(filter.selectProperties()).containsExactly("deviceName", "lastSyncDateTime");
  }

  @Test
  void aFilterBuiltInCodeRendersAsParsedOnes() {
    DeviceFilter built =
        new DeviceFilter(
            List.of(new Text(OWNER_TYPE, EQ, "company"), new Text(DEVICE_NAME, CONTAINS, "it's")));

    assertThat(built.toODataQuery())
        .isEqualTo("ownerType eq 'company' and contains(deviceName,'it''s')");
    assertThat(DeviceFilter.parse(built.toODataQuery()).orElseThrow()).isEqualTo(built);
  }
}
