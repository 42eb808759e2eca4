package dev.intunereset.worker.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each refusal names its culprit and position, so a requester can fix the filter without Graph. */
class DeviceFilterRefusalTest {
  private static final String TOO_LONG = "deviceName eq '" + "a".repeat(1_000) + "'";
  private static final String ELEVEN =
      String.join(" and ", Collections.nCopies(11, "deviceName eq 'a'"));

  static Stream<Arguments> refusals() {
    return Stream.of(
        // rule, filter, culprit, position, what the message also says
        row(
            "unknownProperty",
            "userPrincipalName eq 'a@b.c'",
            "userPrincipalName",
            1,
            "allowed: deviceName, operatingSystem"),
        row(
            "undocumentedProperty",
            "serialNumber eq 'X1'",
            "serialNumber",
            1,
            "Graph would ignore it"),
        row("propertyInTheWrongCase", "devicename eq 'x'", "devicename", 1, "write 'deviceName'"),
        row("ltOnText", "deviceName lt 'x'", "lt", 12, "deviceName allows eq, contains"),
        row("neOnEnum", "ownerType ne 'company'", "ne", 11, "ownerType allows eq"),
        row(
            "eqOnDate",
            "enrolledDateTime eq 2024-01-31T00:00:00Z",
            "eq",
            18,
            "enrolledDateTime allows lt, gt"),
        row(
            "geOnDate",
            "lastSyncDateTime ge 2024-01-31T00:00:00Z",
            "ge",
            18,
            "lastSyncDateTime allows lt, gt"),
        row("inOperator", "deviceName in ('a','b')", "in", 12, "operator not allowed"),
        row("operatorInUpperCase", "deviceName EQ 'x'", "EQ", 12, "write 'eq'"),
        row("containsAsInfix", "deviceName contains 'x'", "contains", 12, "is a function"),
        row("missingOperator", "deviceName", "the end of the filter", 11, "expected an operator"),
        row(
            "or",
            "operatingSystem eq 'Android' or operatingSystem eq 'iOS'",
            "or",
            30,
            "Graph does not support 'or' on managedDevices"),
        row(
            "orInUpperCase",
            "deviceName eq 'a' OR deviceName eq 'b'",
            "OR",
            19,
            "Graph does not support 'or'"),
        row("not", "not deviceName eq 'x'", "not", 1, "Graph does not support 'not'"),
        row(
            "andInUpperCase",
            "deviceName eq 'a' AND ownerType eq 'company'",
            "AND",
            19,
            "write 'and'"),
        row(
            "danglingAnd",
            "deviceName eq 'a' and",
            "the end of the filter",
            22,
            "expected a clause"),
        row(
            "twoClausesWithoutAnd",
            "deviceName eq 'a' deviceName eq 'b'",
            "deviceName",
            19,
            "expected 'and'"),
        row(
            "startswith",
            "startswith(deviceName,'KIOSK')",
            "startswith",
            1,
            "as if it were contains"),
        row("otherFunction", "tolower(deviceName) eq 'x'", "tolower", 1, "only one is contains"),
        row("containsInWrongCase", "Contains(deviceName,'x')", "Contains", 1, "write 'contains'"),
        row("containsOnEnum", "contains(ownerType,'comp')", "ownerType", 10, "deviceName only"),
        row(
            "containsUnclosed",
            "contains(deviceName,'x'",
            "the end of the filter",
            24,
            "expected ')'"),
        row("groupingParentheses", "(deviceName eq 'x')", "(", 1, "no grouping"),
        row("unterminatedString", "deviceName eq 'abc", "'abc", 15, "never closed"),
        row("unescapedQuote", "deviceName eq 'it's'", "s", 19, "expected 'and'"),
        row("missingOpeningQuote", "deviceName eq abc'", "abc", 15, "in single quotes"),
        row("doubleQuotes", "deviceName eq \"x\"", "\"", 15, "single quotes"),
        row("emptyString", "deviceName eq ''", "''", 15, "empty string"),
        row(
            "enumWithSpace",
            "ownerType eq 'com pany'",
            "'com pany'",
            14,
            "letters and digits only"),
        row("booleanLiteral", "jailBroken eq true", "true", 15, "in single quotes"),
        row("numberForText", "deviceName eq 5", "5", 15, "in single quotes"),
        row(
            "quotedDate",
            "lastSyncDateTime lt '2024-01-31T00:00:00Z'",
            "'2024-01-31T00:00:00Z'",
            21,
            "unquoted ISO-8601"),
        row(
            "dateWithoutTime",
            "lastSyncDateTime lt 2024-01-31",
            "2024-01-31",
            21,
            "with an offset"),
        row(
            "dateWithoutOffset",
            "lastSyncDateTime lt 2024-01-31T00:00:00",
            "2024-01-31T00:00:00",
            21,
            "with an offset"),
        row(
            "impossibleMonth",
            "lastSyncDateTime lt 2024-13-01T00:00:00Z",
            "2024-13-01T00:00:00Z",
            21,
            "ISO-8601"),
        row(
            "eightFractionalDigits",
            "lastSyncDateTime lt 2024-01-31T00:00:00.12345678Z",
            "2024-01-31T00:00:00.12345678Z",
            21,
            "at most 7 fractional digits"),
        row(
            "yearZero",
            "lastSyncDateTime lt 0000-06-01T00:00:00Z",
            "0000-06-01T00:00:00Z",
            21,
            "years 0001 to 9999"),
        row("strayCharacter", "deviceName eq 'x' $top=5", "$", 19, "not part of the filter"),
        row("propertyPath", "deviceName/length eq 'x'", "/", 11, "not part of the filter"),
        row("tooLong", TOO_LONG, "a filter of 1016 characters", 1_001, "the limit is 1000"),
        row("tooManyClauses", ELEVEN, "clause 11", 221, "at most 10 clauses"),
        row(
            "newline",
            "deviceName eq 'a\nb'",
            "the control or format character U+000A",
            17,
            "no place in a device selector"),
        row("tab", "deviceName\teq 'a'", "the control or format character U+0009", 11, "no place"),
        row(
            "bidiOverride",
            "deviceName eq 'a\u202eb'",
            "the control or format character U+202E",
            17,
            "no place"),
        row(
            "zeroWidthSpace",
            "deviceName eq 'a\u200bb'",
            "the control or format character U+200B",
            17,
            "no place"),
        row("empty", "", "an empty filter", 1, "at least one clause"),
        row("blank", "   ", "an empty filter", 1, "at least one clause"),
        row("null", null, "an empty filter", 1, "at least one clause"));
  }

  private static Arguments row(
      String rule, String filter, String culprit, int position, String says) {
    return arguments(rule, filter, culprit, position, says);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesNamingTheCulpritAndItsPosition(
      String rule, String filter, String culprit, int position, String says) {
    FilterParse parse = DeviceFilter.parse(filter);

    assertThat(parse).isInstanceOf(FilterParse.Refused.class);
    FilterParse.Refused refused = (FilterParse.Refused) parse;
    assertThat(refused.culprit()).isEqualTo(culprit);
    assertThat(refused.position()).isEqualTo(position);
    assertThat(refused.message())
        .contains(culprit)
        .contains("at position " + position + ":")
        .contains(says);
  }

  @Test
  void shortensALongCulpritInTheMessage() {
    FilterParse.Refused refused =
        (FilterParse.Refused) DeviceFilter.parse("deviceName eq '" + "x".repeat(200));

    assertThat(refused.culprit()).hasSize(41).endsWith("…");
    assertThat(refused.message()).hasSizeLessThan(200);
  }

  @Test
  void orElseThrowCarriesTheRefusal() {
    assertThatThrownBy(() -> DeviceFilter.parse("deviceName ne 'x'").orElseThrow())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ne' at position 12");
  }

  @Test
  void aClauseBuiltInCodeAdmitsOnlyWhatTheAllowlistAdmits() {
    assertThatThrownBy(() -> new Clause.Contains(FilterProperty.OWNER_TYPE, "x"))
        .hasMessageContaining("ownerType does not allow contains");
    assertThatThrownBy(() -> new Clause.Eq(FilterProperty.LAST_SYNC_DATE_TIME, "x"))
        .hasMessageContaining("lastSyncDateTime does not allow eq");
    assertThatThrownBy(
            () ->
                new Clause.Compare(
                    FilterProperty.DEVICE_NAME, FilterOperator.EQ, java.time.Instant.EPOCH))
        .hasMessageContaining("deviceName is not a date-time");
    assertThatThrownBy(() -> new Clause.Eq(FilterProperty.DEVICE_NAME, ""))
        .hasMessageContaining("empty string");
    assertThatThrownBy(
            () ->
                new Clause.Compare(
                    FilterProperty.ENROLLED_DATE_TIME,
                    FilterOperator.GT,
                    java.time.Instant.EPOCH.plusNanos(1)))
        .hasMessageContaining("at most 7 fractional digits");
  }

  @Test
  void aFilterBuiltInCodeHasOneToTenClauses() {
    Clause a = new Clause.Eq(FilterProperty.DEVICE_NAME, "a");
    assertThatThrownBy(() -> new DeviceFilter(java.util.List.of()))
        .hasMessageContaining("1 to 10 clauses");
    assertThatThrownBy(() -> new DeviceFilter(Collections.nCopies(11, a)))
        .hasMessageContaining("1 to 10 clauses");
  }
}
