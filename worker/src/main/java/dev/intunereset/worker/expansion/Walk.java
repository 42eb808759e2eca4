package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import java.util.List;

/** One selector's reads, page by page: which read is next, and what each page matched. */
interface Walk {

  /** The read to make now; only while not {@link #finished}. */
  Read next();

  /** Takes the successful page of {@link #next}. */
  Fed feed(ListingPage<?> page);

  boolean finished();

  /** Where the reads stand, to resume from. */
  Checkpoint.Position position();

  /** Group member ids held now. */
  default int held() {
    return 0;
  }

  /** What one page did. */
  sealed interface Fed {}

  /** The page's devices that belong to the selector (none on a member page). */
  record Matched(List<ListedDevice> devices) implements Fed {}

  /** Graph listed {@code device} for the selector, and it does not match: {@code why}. */
  record Mismatch(ListedDevice device, String why) implements Fed {}
}
