package dev.intunereset.worker.expansion;

import dev.intunereset.worker.expansion.SelectorOutcome.Status;
import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import dev.intunereset.worker.targeting.DeviceFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Expands a request's selectors to managed devices one Graph read at a time, so that its caller
 * decides when each read is sent (under the read budget, behind the breaker) and can write each
 * page's devices with a {@link #checkpoint} to resume from after a crash. It never sleeps and never
 * calls Graph itself: {@link #next} names the read, {@link #feed} takes its page ({@link #step}
 * does both through a {@link PageSource}).
 *
 * <p>Selectors are expanded in order. Each device is claimed by the first selector that matches it
 * ({@link Claims}); the devices a page newly claims go to the {@link ExpansionSink}. A device Graph
 * listed that does not match its selector ends the selector as {@code NOT_HONOURED} and the whole
 * expansion at once. Not thread-safe: one caller drives it.
 */
public final class Expander {
  /** Member ids a group holds at most before it scans the fleet for them (a few megabytes). */
  public static final int DEFAULT_JOIN_CHUNK = 20_000;

  private final List<Selector> selectors;
  private final List<String> labels;
  private final Claims claims;
  private final ExpansionSink sink;
  private final int joinChunk;
  private final List<SelectorOutcome> finished;
  private Walk walk;
  private int overlaps;
  private int reads;
  private int peakHeld;

  private Expander(
      List<Selector> selectors, Checkpoint from, Claims claims, ExpansionSink sink, int joinChunk) {
    if (joinChunk < 1) {
      throw new IllegalArgumentException("joinChunk must be at least 1: " + joinChunk);
    }
    this.selectors = List.copyOf(selectors);
    this.labels = this.selectors.stream().map(Selector::describe).toList();
    this.claims = Objects.requireNonNull(claims, "claims");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.joinChunk = joinChunk;
    this.finished = new ArrayList<>(from.finished());
    this.overlaps = from.overlaps();
    this.reads = from.reads();
    if (from.selector() > this.selectors.size()) {
      throw new IllegalArgumentException(
          "the checkpoint is at selector " + from.selector() + " of " + this.selectors.size());
    }
    for (int i = 0; i < finished.size(); i++) {
      if (!finished.get(i).selector().equals(labels.get(i))) {
        throw new IllegalArgumentException(
            "the checkpoint is of other selectors: " + finished.get(i).selector());
      }
    }
    this.walk = walkAt(from.selector(), from.position());
  }

  /** An expansion of {@code selectors} from the start. */
  public static Expander start(
      List<Selector> selectors, Claims claims, ExpansionSink sink, int joinChunk) {
    return resume(
        selectors,
        new Checkpoint(0, Checkpoint.Position.START, 0, 0, List.of()),
        claims,
        sink,
        joinChunk);
  }

  /**
   * The expansion of {@code selectors} where {@code checkpoint} left it, with {@code claims}
   * holding exactly the devices claimed up to that checkpoint.
   */
  public static Expander resume(
      List<Selector> selectors,
      Checkpoint checkpoint,
      Claims claims,
      ExpansionSink sink,
      int joinChunk) {
    return new Expander(selectors, checkpoint, claims, sink, joinChunk);
  }

  /** The read to make now, or empty when every selector has ended. */
  public Optional<Read> next() {
    return walk == null ? Optional.empty() : Optional.of(walk.next());
  }

  /** Fetches {@link #next} from {@code source} and feeds its page. */
  public Progress step(PageSource source) {
    Read read = next().orElseThrow(() -> new IllegalStateException("the expansion is done"));
    return feed(source.fetch(read));
  }

  /** Takes the page of the read {@link #next} named. */
  public Progress feed(ListingPage<?> page) {
    if (walk == null) {
      throw new IllegalStateException("the expansion is done");
    }
    Read read = walk.next();
    reads++;
    if (!page.isSuccess()) {
      return failed(read, page.call());
    }
    Walk.Fed fed = walk.feed(page);
    peakHeld = Math.max(peakHeld, walk.held());
    if (fed instanceof Walk.Mismatch m) {
      String culprit = labels.get(finished.size());
      end(Status.NOT_HONOURED, notHonoured(m), Optional.empty());
      for (int i = finished.size(); i < selectors.size(); i++) {
        finished.add(
            new SelectorOutcome(
                labels.get(i),
                Status.SKIPPED,
                0,
                0,
                "not expanded: Graph did not honour " + culprit,
                Optional.empty()));
      }
      walk = null;
      return progress();
    }
    claim(((Walk.Matched) fed).devices());
    if (walk.finished()) {
      String label = labels.get(finished.size());
      int matched = claims.count(label) + overlaps;
      end(
          matched == 0 ? Status.EMPTY : Status.EXPANDED,
          matched == 0 ? "matched no device" : matched + " devices matched",
          Optional.empty());
    }
    return progress();
  }

  /** Where the expansion stands; valid between two reads. */
  public Checkpoint checkpoint() {
    return new Checkpoint(
        finished.size(),
        walk == null ? Checkpoint.Position.START : walk.position(),
        overlaps,
        reads,
        finished);
  }

  public boolean isDone() {
    return walk == null;
  }

  /** The outcome; only once {@link #isDone}. */
  public ExpansionResult result() {
    if (walk != null) {
      throw new IllegalStateException("the expansion is not done");
    }
    return new ExpansionResult(finished, claims.size(), reads, peakHeld);
  }

  private void claim(List<ListedDevice> devices) {
    String label = labels.get(finished.size());
    List<ListedDevice> fresh = new ArrayList<>();
    for (ListedDevice d : devices) {
      Optional<String> before = claims.claim(d.id(), label);
      if (before.isEmpty()) {
        fresh.add(d);
      } else if (!before.get().equals(label)) {
        overlaps++;
      }
    }
    if (!fresh.isEmpty()) {
      sink.claimed(selectors.get(finished.size()), fresh);
    }
  }

  private Progress failed(Read read, GraphCallResult call) {
    if (retryable(call)) {
      return new Progress.Retry(read, call);
    }
    boolean directory = !(read instanceof Read.ManagedDevices);
    if (directory && call.httpStatus() == 404) {
      String what = read instanceof Read.UserDevices ? "user" : "group";
      end(Status.NOT_FOUND, "Graph knows no such " + what, Optional.of(call));
    } else {
      end(
          Status.FAILED,
          "Graph refused a read: HTTP "
              + call.httpStatus()
              + (call.graphErrorCode() == null ? "" : " " + call.graphErrorCode())
              + ": "
              + call.message(),
          Optional.of(call));
    }
    return progress();
  }

  /**
   * As dispatch classes failures: transient (408, 429, 5xx gateway errors, no answer) or systemic.
   */
  static boolean retryable(GraphCallResult call) {
    return switch (call.kind()) {
      case SUCCESS -> throw new IllegalArgumentException("not a failure");
      case TRANSPORT_ERROR, AUTH_ERROR -> true;
      case HTTP_ERROR ->
          switch (call.httpStatus()) {
            case 401, 408, 429, 500, 502, 503, 504 -> true;
            default -> false;
          };
    };
  }

  private String notHonoured(Walk.Mismatch m) {
    ListedDevice d = m.device();
    return "Graph listed device "
        + d.id()
        + (d.deviceName() == null ? "" : " (" + d.deviceName() + ")")
        + " for "
        + labels.get(finished.size())
        + ", and it "
        + m.why()
        + ": Graph did not honour the selector";
  }

  private void end(Status status, String detail, Optional<GraphCallResult> call) {
    String label = labels.get(finished.size());
    finished.add(new SelectorOutcome(label, status, claims.count(label), overlaps, detail, call));
    overlaps = 0;
    walk = walkAt(finished.size(), Checkpoint.Position.START);
  }

  private Progress progress() {
    return walk == null ? new Progress.Done(result()) : new Progress.More();
  }

  private Walk walkAt(int index, Checkpoint.Position at) {
    if (index >= selectors.size()) {
      return null;
    }
    Selector s = selectors.get(index);
    if (s instanceof Selector.User u) {
      return DeviceWalk.checked(
          l -> new Read.UserDevices(u.upnOrId(), l),
          d -> DeviceChecks.notOf(u.upnOrId(), d),
          at.link());
    }
    if (s instanceof Selector.Group g) {
      return new GroupWalk(g.id(), joinChunk, at);
    }
    if (s instanceof Selector.DeviceName n) {
      return filtered(n.filter(), at);
    }
    if (s instanceof Selector.SerialNumber n) {
      return DeviceWalk.scan(d -> n.serial().equals(d.serialNumber()), at.link());
    }
    return filtered(((Selector.Filter) s).filter(), at);
  }

  private static Walk filtered(DeviceFilter filter, Checkpoint.Position at) {
    String query = filter.toODataQuery();
    return DeviceWalk.checked(
        l -> new Read.ManagedDevices(query, l), d -> DeviceChecks.unmet(filter, d), at.link());
  }
}
