package dev.intunereset.worker.targeting;

import static dev.intunereset.worker.targeting.FilterOperator.CONTAINS;
import static dev.intunereset.worker.targeting.FilterOperator.EQ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.targeting.Clause.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The parser answers every string with a filter or a refusal and never throws; what is sent is
 * exactly what was validated; a device built to satisfy a filter matches it, and one that misses a
 * clause does not.
 */
class DeviceFilterPropertiesTest {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  // Pieces of filters, right and wrong, split at '|'.
  private static final List<String> FRAGMENTS =
      List.of(
          ("deviceName eq 'x'|contains(deviceName,'a''b')"
                  + "|lastSyncDateTime gt 2024-01-31T00:00+02:00|ownerType eq 'company'"
                  + "|deviceName|devicename|operatingSystem|ownerType"
                  + "|lastSyncDateTime|enrolledDateTime|userPrincipalName|serialNumber"
                  + "| eq | lt | gt | ne | and | or |not |contains(|startswith(|(|)|,|'|''|'x'"
                  + "|'Android'|2024-01-31T00:00:00Z|2024-01-31|true| |\n|\u202e|é")
              .split("\\|"));

  @Property(tries = 3000)
  void randomStringsAlwaysGetAVerdict(@ForAll String text) {
    assertWellFormed(text, DeviceFilter.parse(text));
  }

  @Property(tries = 3000)
  void tokenSoupGetsAVerdictAndWhatParsesIsCanonicalOnceRendered(@ForAll("tokenSoup") String text) {
    FilterParse parse = DeviceFilter.parse(text);
    assertWellFormed(text, parse);
    Statistics.label("verdict").collect(parse.getClass().getSimpleName());
    Statistics.label("verdict")
        .coverage(c -> c.check("Parsed").percentage(p -> p > 1)); // not vacuous
    if (parse instanceof FilterParse.Parsed p) {
      String sent = p.filter().toODataQuery();
      assertThat(DeviceFilter.parse(sent)).isEqualTo(parse);
      assertThat(DeviceFilter.parse(sent).orElseThrow().toODataQuery()).isEqualTo(sent);
    }
  }

  @Property(tries = 1000)
  void whatIsSentParsesBackToWhatWasValidated(@ForAll("filters") DeviceFilter filter) {
    assertThat(DeviceFilter.parse(filter.toODataQuery())).isEqualTo(new FilterParse.Parsed(filter));
  }

  @Property(tries = 1000)
  void aDeviceBuiltToSatisfyAFilterMatchesIt(@ForAll("satisfied") Satisfied s) {
    assertThat(s.filter().firstUnmet(s.device())).isEmpty();
  }

  @Property(tries = 1000)
  void aDeviceThatMissesOneClauseDoesNotMatch(
      @ForAll("satisfied") Satisfied s, @ForAll("index") int pick) {
    Clause missed = s.filter().clauses().get(pick % s.filter().clauses().size());
    DeviceProperties device = s.device().with(missed.property(), missing(missed));

    assertThat(s.filter().matches(device)).isFalse();
    assertThat(s.filter().firstUnmet(device)).contains(missed);
  }

  @Property(tries = 500)
  void aClauseOnAPropertyOutsideTheAllowlistIsRefusedByName(
      @ForAll("shortFilters") DeviceFilter filter, @ForAll("outsiders") String property) {
    String text = filter.toODataQuery() + " and " + property + " eq 'x'";
    FilterParse parse = DeviceFilter.parse(text);

    assertThat(parse).isInstanceOf(FilterParse.Refused.class);
    assertThat(((FilterParse.Refused) parse).culprit()).isEqualTo(property);
    assertThat(((FilterParse.Refused) parse).position())
        .isEqualTo(filter.toODataQuery().length() + 6);
  }

  @Property(tries = 500)
  void anOrBetweenAllowedClausesIsRefused(
      @ForAll("shortFilters") DeviceFilter a, @ForAll("shortFilters") DeviceFilter b) {
    FilterParse parse = DeviceFilter.parse(a.toODataQuery() + " or " + b.toODataQuery());

    assertThat(parse).isInstanceOf(FilterParse.Refused.class);
    assertThat(((FilterParse.Refused) parse).culprit()).isEqualTo("or");
    assertThat(((FilterParse.Refused) parse).position()).isEqualTo(a.toODataQuery().length() + 2);
  }

  private static void assertWellFormed(String text, FilterParse parse) {
    assertThat(parse).isNotNull();
    if (parse instanceof FilterParse.Refused r) {
      int end = text == null ? 1 : Math.min(text.length(), DeviceFilter.MAX_LENGTH) + 1;
      assertThat(r.position()).isBetween(1, end);
      assertThat(r.message()).contains("at position " + r.position());
      assertThat(r.message()).doesNotContainPattern("[\\p{Cntrl}\\p{Cf}\\u2028\\u2029]");
    }
  }

  /** A filter and a device that satisfies it. */
  record Satisfied(DeviceFilter filter, DeviceProperties device) {}

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(14).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Integer> index() {
    return Arbitraries.integers().between(0, 100);
  }

  @Provide
  Arbitrary<String> outsiders() {
    Arbitrary<String> real =
        Arbitraries.of(
            "userPrincipalName",
            "userId",
            "serialNumber",
            "azureADDeviceId",
            "osVersion",
            "deviceEnrollmentType",
            "skuFamily",
            "model",
            "imei",
            "emailAddress");
    Arbitrary<String> invented =
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> FilterProperty.byGraphNameIgnoringCase(s).isEmpty())
            .filter(s -> !Set.of("not", "contains", "startswith").contains(s.toLowerCase()));
    return Arbitraries.oneOf(real, invented);
  }

  @Provide
  Arbitrary<DeviceFilter> filters() {
    return clause().list().ofMinSize(1).ofMaxSize(DeviceFilter.MAX_CLAUSES).map(DeviceFilter::new);
  }

  /** Filters short enough that two of them, or one and a clause more, stay within the limits. */
  @Provide
  Arbitrary<DeviceFilter> shortFilters() {
    return clause().list().ofMinSize(1).ofMaxSize(4).map(DeviceFilter::new);
  }

  @Provide
  Arbitrary<Satisfied> satisfied() {
    // One clause per property, so the clauses can hold together.
    return Arbitraries.subsetOf(EnumSet.allOf(FilterProperty.class))
        .ofMinSize(1)
        .ofMaxSize(DeviceFilter.MAX_CLAUSES)
        .flatMap(
            properties ->
                Combinators.combine(
                        new ArrayList<>(properties).stream().map(this::clauseOn).toList())
                    .as(clauses -> clauses))
        .flatMap(
            clauses ->
                Combinators.combine(
                        clauses.stream().map(DeviceFilterPropertiesTest::satisfying).toList())
                    .as(
                        values -> {
                          DeviceProperties device = DeviceProperties.NONE;
                          for (int i = 0; i < clauses.size(); i++) {
                            device = device.with(clauses.get(i).property(), values.get(i));
                          }
                          return new Satisfied(new DeviceFilter(clauses), device);
                        }));
  }

  private Arbitrary<Clause> clause() {
    return Arbitraries.of(FilterProperty.class).flatMap(this::clauseOn);
  }

  private Arbitrary<Clause> clauseOn(FilterProperty property) {
    return switch (property.kind()) {
      case TEXT ->
          property.allows(FilterOperator.CONTAINS)
              ? Combinators.combine(text(), Arbitraries.of(true, false))
                  .as(
                      (v, contains) ->
                          contains ? new Text(property, CONTAINS, v) : new Text(property, EQ, v))
              : text().map(v -> new Text(property, EQ, v));
      case ENUM -> enumMember().map(v -> new Text(property, EQ, v));
      case DATE_TIME ->
          Combinators.combine(Arbitraries.of(FilterOperator.LT, FilterOperator.GT), instant())
              .as((op, t) -> new Clause.Compare(property, op, t));
    };
  }

  /** A value of the clause's property that satisfies it, in another case where case is ignored. */
  private static Arbitrary<Object> satisfying(Clause clause) {
    if (clause instanceof Text t && t.operator() == EQ) {
      return Arbitraries.of(true, false).map(up -> asciiCase(t.value(), up));
    }
    if (clause instanceof Text t) {
      return Combinators.combine(text(), text(), Arbitraries.of(true, false))
          .as((before, after, up) -> before + asciiCase(t.value(), up) + after);
    }
    Clause.Compare c = (Clause.Compare) clause;
    return Arbitraries.longs()
        .between(1, 10_000_000_000L)
        .map(
            d ->
                c.operator() == FilterOperator.LT
                    ? c.value().minus(Duration.ofNanos(d))
                    : c.value().plus(Duration.ofNanos(d)));
  }

  /** A value of the clause's property that fails it. */
  private static Object missing(Clause clause) {
    if (clause instanceof Text t) {
      // eq: a longer value; contains: no literal is empty, so "" contains none
      return t.operator() == EQ ? t.value() + "-other" : "";
    }
    return ((Clause.Compare) clause).value(); // the comparisons are strict
  }

  private static String asciiCase(String s, boolean up) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      boolean ascii = c < 128;
      b.append(ascii ? (up ? Character.toUpperCase(c) : Character.toLowerCase(c)) : c);
    }
    return b.toString();
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('é', 'ß', 'Ω', '中', '\'')
        .ofMinLength(1)
        .ofMaxLength(25);
  }

  private static Arbitrary<String> enumMember() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofLength(1),
            Arbitraries.strings().alpha().numeric().ofMaxLength(20))
        .as(String::concat);
  }

  private static Arbitrary<Instant> instant() {
    return Combinators.combine(
            Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond()),
            Arbitraries.integers().between(0, 9_999_999))
        .as((s, ticks) -> Instant.ofEpochSecond(s, ticks * 100L));
  }
}
