package dev.intunereset.worker.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What expanding a request's targets found, written by the dispatcher to the internal expansions
 * topic (key: request id, partition: the request's home) for the intake, which decides from it as
 * it decides on any request. It states facts only; whether they reject the request is the intake's
 * call.
 *
 * @param requestId the request
 * @param request the request message, as in its {@link ExpansionTask}
 * @param traceparent the trace the request arrived in, or null
 * @param end how the expansion ended
 * @param message for people, when it did not end {@link End#EXPANDED}
 * @param selectors how each selector ended, in the request's order
 * @param devices every device found, in the order found, with the selector that claimed it first
 *     ({@code deviceIds} for those the request lists itself)
 * @param reads the GETs spent
 * @param expandedAt when the expansion ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpansionDone(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("request") String request,
    @JsonProperty("traceparent") String traceparent,
    @JsonProperty("end") End end,
    @JsonProperty("message") String message,
    @JsonProperty("selectors") List<Selector> selectors,
    @JsonProperty("devices") List<Device> devices,
    @JsonProperty("reads") int reads,
    @JsonProperty("expandedAt") Instant expandedAt) {

  /** How an expansion ended. */
  public enum End {
    /** Every selector ended (each one's status says how). */
    EXPANDED,
    /** More devices than the request may come to: expansion stopped. */
    TOO_MANY_DEVICES,
    /** The request's deadline passed first. */
    DEADLINE_EXCEEDED,
    /** The request was canceled first. */
    CANCELED
  }

  /**
   * How one selector ended.
   *
   * @param selector its label
   * @param status {@code EXPANDED}, {@code EMPTY}, {@code NOT_FOUND}, {@code NOT_HONOURED}, {@code
   *     FAILED} or {@code SKIPPED}
   * @param devices the devices it claimed first
   * @param matched the devices Graph listed for it, claimed before by another selector or not
   * @param detail for people
   */
  public record Selector(
      @JsonProperty("selector") String selector,
      @JsonProperty("status") String status,
      @JsonProperty("devices") int devices,
      @JsonProperty("matched") int matched,
      @JsonProperty("detail") String detail) {
    public Selector {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * One device found.
   *
   * @param id its managed device id, lower case
   * @param selector the label of the selector that claimed it first
   * @param name its device name, kept for dry runs only (else null)
   * @param operatingSystem its platform, kept for dry runs only
   * @param userPrincipalName its primary user, kept for dry runs only
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Device(
      @JsonProperty("id") String id,
      @JsonProperty("selector") String selector,
      @JsonProperty("name") String name,
      @JsonProperty("operatingSystem") String operatingSystem,
      @JsonProperty("userPrincipalName") String userPrincipalName) {
    public Device {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(selector, "selector");
    }
  }

  public ExpansionDone {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(expandedAt, "expandedAt");
    selectors = List.copyOf(selectors);
    devices = List.copyOf(devices);
  }
}
