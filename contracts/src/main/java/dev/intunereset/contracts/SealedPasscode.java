package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The plaintext inside a delivered JWE, for the recipient that decrypts it. It names the request
 * and device so that a JWE copied onto another outcome or replayed later is recognisable.
 *
 * @param requestId request the reset belongs to
 * @param deviceId device whose passcode this is
 * @param passcode the new passcode
 * @param resetStartedAt when Graph started the resetPasscode action that produced it
 * @param sealedAt when the worker sealed it
 */
public record SealedPasscode(
    @JsonProperty("requestId") UUID requestId,
    @JsonProperty("deviceId") String deviceId,
    @JsonProperty("passcode") String passcode,
    @JsonProperty("resetStartedAt") Instant resetStartedAt,
    @JsonProperty("sealedAt") Instant sealedAt) {

  public SealedPasscode {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(passcode, "passcode");
    Objects.requireNonNull(sealedAt, "sealedAt");
  }

  /** Never the passcode: records print their fields, and this one may end up in a log line. */
  @Override
  public String toString() {
    return "SealedPasscode[requestId=" + requestId + ", deviceId=" + deviceId + ", passcode=****]";
  }
}
