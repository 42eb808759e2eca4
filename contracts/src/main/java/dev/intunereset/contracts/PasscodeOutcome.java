package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Where the new passcode of a reset device can be had. The passcode itself never appears in plain
 * text: either it is sealed in {@code jwe} for the named recipient, or {@code message} says where
 * an administrator can read it.
 *
 * @param status what became of the passcode
 * @param recipient the recipient it was sealed to, or {@code null} without delivery
 * @param jwe compact JWE (RSA-OAEP-256, A256GCM) whose payload is {@link SealedPasscode}, present
 *     only when {@code status} is {@link PasscodeStatus#SEALED}
 * @param message for humans: where to read the passcode, or why it was not delivered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PasscodeOutcome(
    @JsonProperty("status") PasscodeStatus status,
    @JsonProperty("recipient") String recipient,
    @JsonProperty("jwe") String jwe,
    @JsonProperty("message") String message) {

  /** Where Intune shows a temporary passcode, and for how long. */
  public static final String ADMIN_CENTER_HINT =
      "the new passcode is shown in the Microsoft Intune admin center (Devices > the device >"
          + " Overview > Passcode) for 7 days";

  public PasscodeOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    if ((status == PasscodeStatus.SEALED) != (jwe != null)) {
      throw new IllegalArgumentException("a JWE is present exactly when the status is SEALED");
    }
  }
}
