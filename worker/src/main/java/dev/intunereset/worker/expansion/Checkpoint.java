package dev.intunereset.worker.expansion;

import java.util.List;
import java.util.Objects;

/**
 * Where an expansion stands between two pages, small enough to write with each page's devices, so
 * that a crashed expansion resumes there ({@link Expander#resume}) instead of from the start.
 *
 * @param selector the index of the selector being expanded; the selectors' count when done
 * @param position where that selector's reads stand
 * @param overlaps that selector's overlaps so far (its own claims are counted by the claims)
 * @param reads the GETs spent so far
 * @param finished the outcomes of the selectors before it
 */
public record Checkpoint(
    int selector, Position position, int overlaps, int reads, List<SelectorOutcome> finished) {
  public Checkpoint {
    Objects.requireNonNull(position, "position");
    finished = List.copyOf(finished);
    if (selector < 0 || finished.size() != selector || overlaps < 0 || reads < 0) {
      throw new IllegalArgumentException(
          "inconsistent checkpoint: selector "
              + selector
              + ", "
              + finished.size()
              + " finished, overlaps "
              + overlaps
              + ", reads "
              + reads);
    }
  }

  /**
   * Where one selector's reads stand.
   *
   * @param link a device listing's next page (null: its first); for a group, the first member page
   *     of the current chunk of members
   * @param members a group's member listing that {@code link} belongs to; null for other selectors
   * @param chunkPages a group's member pages in its current chunk once they are all read and the
   *     fleet is being scanned for them; 0 while they are being read
   * @param scanLink a group's next fleet page while scanning (null: its first)
   */
  public record Position(String link, Members members, int chunkPages, String scanLink) {
    /** The start of a selector. */
    public static final Position START = new Position(null, null, 0, null);

    public Position {
      if (chunkPages < 0 || (members == null && (chunkPages != 0 || scanLink != null))) {
        throw new IllegalArgumentException("only a group's position has a chunk");
      }
    }
  }

  /** A group's two member listings, read in this order. */
  public enum Members {
    DEVICES,
    USERS
  }
}
