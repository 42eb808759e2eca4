package dev.intunereset.worker.expansion;

import java.util.regex.Pattern;

/** What a selector's free text may not hold. */
final class SelectorText {
  /**
   * Whitespace, controls, line separators and bidi marks: no UPN, object id or serial number has
   * them, and a label with them would mislead whoever reads a rejection.
   */
  static final Pattern UNSAFE =
      Pattern.compile("[\\p{Cntrl}\\s\\p{Zl}\\p{Zp}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}]");

  private SelectorText() {}
}
