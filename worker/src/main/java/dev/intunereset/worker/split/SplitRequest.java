package dev.intunereset.worker.split;

import dev.intunereset.contracts.Action;
import dev.intunereset.contracts.Lane;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** An accepted request as the split needs it: its devices (unique, in order) and its options. */
public interface SplitRequest {
  UUID requestId();

  List<String> deviceIds();

  int duplicatesFolded();

  Lane lane();

  Duration timeout();

  String requestedBy();

  String reason();

  String source();

  boolean ignorePartialFailures();

  boolean validateDeviceExists();

  boolean dryRun();

  boolean force();

  /** Who the new passcode is sealed to, or null when it is not delivered. */
  String passcodeRecipient();

  /** Whether the request wants its accepted resets followed to their final state. */
  boolean trackSettlement();

  /** How long the request wants each device followed, or null to leave it to the worker. */
  Duration settleTimeout();

  /** The device action the request asks for. */
  default Action action() {
    return Action.DEFAULT;
  }
}
