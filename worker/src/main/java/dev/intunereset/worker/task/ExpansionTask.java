package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.intunereset.contracts.Lane;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request with targets, to be expanded to devices before anything else is decided about it. One
 * record on a task topic (key: request id); the dispatcher reads Graph for it under the read budget
 * and answers with an {@link ExpansionDone} on the expansions topic, in one transaction with the
 * task's offset, so a crash redoes the reads and nothing else.
 *
 * @param requestId the request
 * @param request the request message as the intake validated it, which the intake validates again
 *     when the answer comes back, as it does for an approved held request
 * @param home the requests partition of the request id, where the answer goes
 * @param traceparent the trace the request arrived in, or null
 * @param deadline when the request's time is up: an expansion not done by then fails
 * @param lane the lane its reads take: interactive for a ticket that names a few users or devices
 * @param selectors the selectors' labels, in the request's order
 * @param deviceIds the devices the request lists itself; they are claimed before any selector
 * @param maxDevices the most devices the request may come to; the expansion stops above it
 * @param keepDetails whether to keep each device's name, platform and user (a dry run lists them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpansionTask(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("request") String request,
    @JsonProperty("home") int home,
    @JsonProperty("traceparent") String traceparent,
    @JsonProperty("deadline") Instant deadline,
    @JsonProperty("lane") Lane lane,
    @JsonProperty("selectors") List<String> selectors,
    @JsonProperty("deviceIds") List<String> deviceIds,
    @JsonProperty("maxDevices") int maxDevices,
    @JsonProperty("keepDetails") boolean keepDetails) {
  public static final String KIND = "expansion";

  public ExpansionTask {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(lane, "lane");
    selectors = List.copyOf(selectors);
    deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("an expansion has at least one selector");
    }
    if (maxDevices < 1) {
      throw new IllegalArgumentException("maxDevices must be at least 1: " + maxDevices);
    }
  }
}
