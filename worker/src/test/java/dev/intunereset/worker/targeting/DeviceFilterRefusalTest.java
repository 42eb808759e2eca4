package dev.intunereset.worker.targeting;

import static dev.intunereset.worker.targeting.FilterOperator.CONTAINS;
import static dev.intunereset.worker.targeting.FilterOperator.EQ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intunereset.worker.targeting.Clause.Text;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each refusal names its culprit and position, so a requester can fix the filter without Graph. */
class DeviceFilterRefusalTest {
  private static final String TOO_LONG = "deviceName eq '" + "a".repeat(1_000) + "'";
  private static final String ELEVEN =
      String.join(" and ", Collections.nCopies(11, "deviceName eq 'a'"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # rule                | filter ({U+XXXX}: that character)             | culprit             | position | the message also says
          unknownProperty       | userPrincipalName eq 'a@b.c'                  | userPrincipalName   | 1    | allowed: deviceName, operatingSystem
          undocumentedProperty  | serialNumber eq 'X1'                          | serialNumber        | 1    | Graph would ignore it
          propertyInTheWrongCase| devicename eq 'x'                             | devicename          | 1    | write 'deviceName'
          ltOnText              | deviceName lt 'x'                             | lt                  | 12   | deviceName allows eq, contains
          neOnEnum              | ownerType ne 'company'                        | ne                  | 11   | ownerType allows eq
          eqOnDate              | enrolledDateTime eq 2024-01-31T00:00:00Z      | eq                  | 18   | enrolledDateTime allows lt, gt
          geOnDate              | lastSyncDateTime ge 2024-01-31T00:00:00Z      | ge                  | 18   | lastSyncDateTime allows lt, gt
          inOperator            | deviceName in ('a','b')                       | in                  | 12   | operator not allowed
          operatorInUpperCase   | deviceName EQ 'x'                             | EQ                  | 12   | write 'eq'
          containsAsInfix       | deviceName contains 'x'                       | contains            | 12   | is a function
          missingOperator       | deviceName                                    | the end of the filter | 11 | expected an operator
          or                    | operatingSystem eq 'Android' or operatingSystem eq 'iOS' | or       | 30   | Graph does not support 'or' on managedDevices
          orInUpperCase         | deviceName eq 'a' OR deviceName eq 'b'        | OR                  | 19   | Graph does not support 'or'
          not                   | not deviceName eq 'x'                         | not                 | 1    | Graph does not support 'not'
          andInUpperCase        | deviceName eq 'a' AND ownerType eq 'company'  | AND                 | 19   | write 'and'
          danglingAnd           | deviceName eq 'a' and                         | the end of the filter | 22 | expected a clause
          twoClausesWithoutAnd  | deviceName eq 'a' deviceName eq 'b'           | deviceName          | 19   | expected 'and'
          startswith            | startswith(deviceName,'KIOSK')                | startswith          | 1    | as if it were contains
          otherFunction         | tolower(deviceName) eq 'x'                    | tolower             | 1    | only one is contains
          containsInWrongCase   | Contains(deviceName,'x')                      | Contains            | 1    | write 'contains'
          containsOnEnum        | contains(ownerType,'comp')                    | ownerType           | 10   | deviceName only
          containsUnclosed      | contains(deviceName,'x'                       | the end of the filter | 24 | expected ')'
          groupingParentheses   | (deviceName eq 'x')                           | (                   | 1    | no grouping
          unterminatedString    | deviceName eq 'abc                            | 'abc                | 15   | never closed
          unescapedQuote        | deviceName eq 'it's'                          | s                   | 19   | expected 'and'
          missingOpeningQuote   | deviceName eq abc'                            | abc                 | 15   | in single quotes
          doubleQuotes          | deviceName eq {U+0022}x{U+0022}               | {U+0022}            | 15   | single quotes
          emptyString           | deviceName eq ''                              | ''                  | 15   | empty string
          enumWithSpace         | ownerType eq 'com pany'                       | 'com pany'          | 14   | letters and digits only
          booleanLiteral        | jailBroken eq true                            | true                | 15   | in single quotes
          numberForText         | deviceName eq 5                               | 5                   | 15   | in single quotes
          quotedDate            | lastSyncDateTime lt '2024-01-31T00:00:00Z'    | '2024-01-31T00:00:00Z' | 21 | unquoted ISO-8601
          dateWithoutTime       | lastSyncDateTime lt 2024-01-31                | 2024-01-31          | 21   | with an offset
          dateWithoutOffset     | lastSyncDateTime lt 2024-01-31T00:00:00       | 2024-01-31T00:00:00 | 21   | with an offset
          impossibleMonth       | lastSyncDateTime lt 2024-13-01T00:00:00Z      | 2024-13-01T00:00:00Z | 21  | ISO-8601
          eightFractionalDigits | lastSyncDateTime lt 2024-01-31T00:00:00.12345678Z | 2024-01-31T00:00:00.12345678Z | 21 | at most 7 fractional digits
          yearZero              | lastSyncDateTime lt 0000-06-01T00:00:00Z      | 0000-06-01T00:00:00Z | 21  | years 0001 to 9999
          strayCharacter        | deviceName eq 'x' $top=5                      | $                   | 19   | not part of the filter
          propertyPath          | deviceName/length eq 'x'                      | /                   | 11   | not part of the filter
          tooLong               | {TOO_LONG}                                    | a filter of 1016 characters | 1001 | the limit is 1000
          tooManyClauses        | {ELEVEN}                                      | clause 11           | 221  | at most 10 clauses
          newline               | deviceName eq 'a{U+000A}b'                    | the control or format character U+000A | 17 | no place in a device selector
          tab                   | deviceName{U+0009}eq 'a'                      | the control or format character U+0009 | 11 | no place
          bidiOverride          | deviceName eq 'a{U+202E}b'                    | the control or format character U+202E | 17 | no place
          zeroWidthSpace        | deviceName eq 'a{U+200B}b'                    | the control or format character U+200B | 17 | no place
          empty                 | ""                                            | an empty filter     | 1    | at least one clause
          blank                 | "   "                                         | an empty filter     | 1    | at least one clause
          absent                |                                               | an empty filter     | 1    | at least one clause
          """)
  void refusesNamingTheCulpritAndItsPosition(
      String rule, String filter, String culprit, int position, String says) {
    FilterParse parse = DeviceFilter.parse(expand(filter));
    String named = expand(culprit);

    assertThat(parse).isInstanceOf(FilterParse.Refused.class);
    FilterParse.Refused refused = (FilterParse.Refused) parse;
    assertThat(refused.culprit()).isEqualTo(named);
    assertThat(refused.position()).isEqualTo(position);
    assertThat(refused.message())
        .contains(named)
        .contains("at position " + position + ":")
        .contains(says);
  }

  /** The table's placeholders: a code point, or a filter too long to write out. */
  private static String expand(String filter) {
    if (filter == null) {
      return null;
    }
    Matcher m = Pattern.compile("\\{U\\+([0-9A-F]{4})}").matcher(filter);
    String chars = m.replaceAll(r -> Character.toString(Integer.parseInt(r.group(1), 16)));
    return chars.replace("{TOO_LONG}", TOO_LONG).replace("{ELEVEN}", ELEVEN);
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
    assertThatThrownBy(() -> new Text(FilterProperty.OWNER_TYPE, CONTAINS, "x"))
        .hasMessageContaining("ownerType does not allow contains");
    assertThatThrownBy(() -> new Text(FilterProperty.LAST_SYNC_DATE_TIME, EQ, "x"))
        .hasMessageContaining("lastSyncDateTime is a date-time");
    assertThatThrownBy(
            () ->
                new Clause.Compare(
                    FilterProperty.DEVICE_NAME, FilterOperator.EQ, java.time.Instant.EPOCH))
        .hasMessageContaining("deviceName is not a date-time");
    assertThatThrownBy(() -> new Text(FilterProperty.DEVICE_NAME, EQ, ""))
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
    Clause a = new Text(FilterProperty.DEVICE_NAME, EQ, "a");
    assertThatThrownBy(() -> new DeviceFilter(java.util.List.of()))
        .hasMessageContaining("1 to 10 clauses");
    assertThatThrownBy(() -> new DeviceFilter(Collections.nCopies(11, a)))
        .hasMessageContaining("1 to 10 clauses");
  }
}
