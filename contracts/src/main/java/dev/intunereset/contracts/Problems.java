package dev.intunereset.contracts;

import dev.intunereset.contracts.RequestRejected.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one request, in the order found: listed one by one up to {@link
 * RequestParser#MAX_REPORTED_PROBLEMS}, then only counted, so that a hostile request cannot make
 * its rejection unbounded.
 */
final class Problems {
  private final List<Problem> listed = new ArrayList<>();
  private int unlisted;

  /** Records that {@code field} has {@code text} wrong; the text is clipped and made safe. */
  void add(String field, String text) {
    if (listed.size() >= RequestParser.MAX_REPORTED_PROBLEMS) {
      unlisted++;
      return;
    }
    listed.add(new Problem(field, RequestText.clip(text, 300)));
  }

  /** How many problems were found so far, listed or not. */
  int count() {
    return listed.size() + unlisted;
  }

  List<Problem> listed() {
    return listed;
  }

  int unlisted() {
    return unlisted;
  }
}
