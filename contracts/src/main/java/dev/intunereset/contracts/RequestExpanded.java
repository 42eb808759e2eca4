package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Emitted once the worker has expanded a request's {@link Targets} into managed devices, after its
 * {@link RequestAccepted} and before anything else of it, so that whoever asked sees how many
 * devices each selector stands for before any is touched. A dry run also lists the devices, in
 * parts of at most {@link #MAX_DEVICES_PER_EVENT}: every part carries the same counts, and only
 * {@code devices} and {@code part} differ ({@link #split}).
 *
 * @param requestId the expanded request
 * @param selectors one count per selector, in the order of {@link Targets#labels()}
 * @param explicitDevices the distinct devices the request lists in {@code deviceIds}
 * @param totalDevices the distinct devices of the whole request: {@code explicitDevices} plus every
 *     selector's {@code devices}
 * @param graphReads the Graph GETs the expansion spent, from the read budget
 * @param expandedAt when the expansion ended
 * @param requestedBy copied from the request
 * @param reason copied from the request
 * @param source copied from the request, or {@code null}
 * @param action the device action of the request
 * @param devices in a dry run, this part's devices; {@code null} otherwise
 * @param part in a dry run, which part this is, from 1; {@code null} otherwise
 * @param parts in a dry run, how many parts list the devices; {@code null} otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestExpanded(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("selectors") List<SelectorCount> selectors,
    @JsonProperty("explicitDevices") int explicitDevices,
    @JsonProperty("totalDevices") int totalDevices,
    @JsonProperty("graphReads") int graphReads,
    @JsonProperty("expandedAt") Instant expandedAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("action") Action action,
    @JsonProperty("devices") List<ExpandedDevice> devices,
    @JsonProperty("part") Integer part,
    @JsonProperty("parts") Integer parts)
    implements ResultEvent {

  /** Most devices one event lists; a longer dry-run listing is split across several events. */
  public static final int MAX_DEVICES_PER_EVENT = 1000;

  /**
   * Most characters of device text one event lists (ids, names, platforms, users and labels, each
   * device counted with 100 more for its JSON), so that a part stays far below the results topic's
   * message size even when names or a filter's labels are long.
   */
  public static final int MAX_DEVICE_CHARS_PER_EVENT = 256 * 1024;

  public RequestExpanded {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(expandedAt, "expandedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(action, "action");
    selectors = List.copyOf(Objects.requireNonNull(selectors, "selectors"));
    if (explicitDevices < 0 || graphReads < 0) {
      throw new IllegalArgumentException(
          "explicitDevices and graphReads must be >= 0, were "
              + explicitDevices
              + ", "
              + graphReads);
    }
    Set<String> labels = new HashSet<>();
    int sum = explicitDevices;
    for (SelectorCount s : selectors) {
      if (!labels.add(s.selector())) {
        throw new IllegalArgumentException("selector " + s.selector() + " is counted twice");
      }
      sum += s.devices();
    }
    // Every device is counted once, under what selected it first: a mismatch lost or doubled one.
    if (sum != totalDevices) {
      throw new IllegalArgumentException(
          "totalDevices " + totalDevices + " is not explicitDevices plus the selectors' " + sum);
    }
    devices = devices == null ? null : List.copyOf(devices);
    checkPart(devices, part, parts);
  }

  private static void checkPart(List<ExpandedDevice> devices, Integer part, Integer parts) {
    if ((devices == null) != (part == null) || (part == null) != (parts == null)) {
      throw new IllegalArgumentException("devices, part and parts come together, in dry runs only");
    }
    if (devices == null) {
      return;
    }
    if (part < 1 || part > parts) {
      throw new IllegalArgumentException("part must be in 1.." + parts + ", was " + part);
    }
    if (devices.size() > MAX_DEVICES_PER_EVENT) {
      throw new IllegalArgumentException(
          devices.size() + " devices in one event; the most is " + MAX_DEVICES_PER_EVENT);
    }
  }

  /** The counts of an expansion, listing no device: what a real (not dry) run writes. */
  public RequestExpanded(
      UUID requestId,
      List<SelectorCount> selectors,
      int explicitDevices,
      int totalDevices,
      int graphReads,
      Instant expandedAt,
      String requestedBy,
      String reason,
      String source,
      Action action) {
    this(
        requestId,
        selectors,
        explicitDevices,
        totalDevices,
        graphReads,
        expandedAt,
        requestedBy,
        reason,
        source,
        action,
        null,
        null,
        null);
  }

  /**
   * The events of a dry run's expansion: {@code counts} (which lists no device) once per part, each
   * part listing the next of {@code devices} in their order, at most {@link #MAX_DEVICES_PER_EVENT}
   * and {@link #MAX_DEVICE_CHARS_PER_EVENT} of them; one part, listing none, when there are none.
   *
   * @throws IllegalArgumentException when {@code counts} lists devices already, or {@code devices}
   *     are not exactly its {@code totalDevices}
   */
  public static List<RequestExpanded> split(RequestExpanded counts, List<ExpandedDevice> devices) {
    if (counts.devices() != null) {
      throw new IllegalArgumentException("counts must list no device; it is part " + counts.part());
    }
    if (devices.size() != counts.totalDevices()) {
      throw new IllegalArgumentException(
          devices.size() + " devices listed for an expansion of " + counts.totalDevices());
    }
    List<List<ExpandedDevice>> chunks = new ArrayList<>();
    List<ExpandedDevice> chunk = new ArrayList<>();
    int chars = 0;
    for (ExpandedDevice d : devices) {
      boolean full =
          chunk.size() == MAX_DEVICES_PER_EVENT || chars + d.weight() > MAX_DEVICE_CHARS_PER_EVENT;
      if (full && !chunk.isEmpty()) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        chars = 0;
      }
      chunk.add(d);
      chars += d.weight();
    }
    chunks.add(chunk);
    List<RequestExpanded> parts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      parts.add(new RequestExpanded(counts, chunks.get(i), i + 1, chunks.size()));
    }
    return List.copyOf(parts);
  }

  /**
   * Part {@code part} of {@code parts} of the listing of {@code counts}, holding {@code devices}.
   */
  private RequestExpanded(
      RequestExpanded counts, List<ExpandedDevice> devices, int part, int parts) {
    this(
        counts.requestId,
        counts.selectors,
        counts.explicitDevices,
        counts.totalDevices,
        counts.graphReads,
        counts.expandedAt,
        counts.requestedBy,
        counts.reason,
        counts.source,
        counts.action,
        devices,
        part,
        parts);
  }

  @Override
  @JsonIgnore
  public String cloudEventType() {
    return EventTypes.REQUEST_EXPANDED;
  }
}
