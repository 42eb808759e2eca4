package dev.intunereset.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A request's ask to have the new passcode delivered: the worker reads it from Graph after the
 * reset and puts it, sealed as a JWE to the recipient's public key, into the device outcome.
 *
 * @param recipient name of a recipient configured on the worker (its key id)
 */
public record PasscodeDelivery(@JsonProperty("recipient") String recipient) {
  public PasscodeDelivery {
    Objects.requireNonNull(recipient, "recipient");
  }
}
