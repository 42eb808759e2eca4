package dev.intunereset.worker.targeting;

/** Unwinds the parser at the first refusal; {@link FilterParser#parse} turns it into a value. */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_CULPRIT = 40;

  private final transient FilterParse.Refused refused;

  private Refusal(FilterParse.Refused refused) {
    super(refused.message(), null, false, false);
    this.refused = refused;
  }

  /** Refuses {@code culprit} at {@code index} (0-based): "'culprit' at position n: why". */
  static Refusal at(int index, String culprit, String why) {
    String shown = shorten(culprit);
    return new Refusal(
        new FilterParse.Refused(
            "'" + shown + "' at position " + (index + 1) + ": " + why, index + 1, shown));
  }

  /** A refusal whose culprit is not a piece of text (the end, a length): "what at position n". */
  static Refusal described(int index, String culprit, String why) {
    return new Refusal(
        new FilterParse.Refused(
            culprit + " at position " + (index + 1) + ": " + why, index + 1, culprit));
  }

  FilterParse.Refused refused() {
    return refused;
  }

  private static String shorten(String culprit) {
    return culprit.length() <= MAX_CULPRIT ? culprit : culprit.substring(0, MAX_CULPRIT) + "…";
  }
}
