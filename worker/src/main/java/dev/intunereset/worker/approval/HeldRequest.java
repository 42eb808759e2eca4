package dev.intunereset.worker.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request waiting for approval, as kept on the accepted-requests topic under its id: everything
 * needed to accept it later (its original JSON) or to end it (its audit fields).
 *
 * @param requestJson the request exactly as it was read, validated again on approval
 * @param traceparent the W3C trace context the request arrived with, or null
 */
public record HeldRequest(
    @JsonProperty("state") String state,
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceCount") int deviceCount,
    @JsonProperty("heldAt") Instant heldAt,
    @JsonProperty("expiresAt") Instant expiresAt,
    @JsonProperty("requestedBy") String requestedBy,
    @JsonProperty("reason") String reason,
    @JsonProperty("source") String source,
    @JsonProperty("requestJson") String requestJson,
    @JsonProperty("traceparent") @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

  public static final String HELD = "HELD";

  public HeldRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(heldAt, "heldAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(requestJson, "requestJson");
  }

  /** A request to hold from {@code heldAt} until {@code expiresAt}, with its original bytes. */
  public static HeldRequest of(
      UUID requestId,
      int deviceCount,
      String requestedBy,
      String reason,
      String source,
      byte[] json,
      Instant heldAt,
      Instant expiresAt,
      String traceparent) {
    return new HeldRequest(
        HELD,
        requestId,
        deviceCount,
        heldAt,
        expiresAt,
        requestedBy,
        reason,
        source,
        new String(json, StandardCharsets.UTF_8),
        traceparent);
  }

  public byte[] requestBytes() {
    return requestJson.getBytes(StandardCharsets.UTF_8);
  }
}
