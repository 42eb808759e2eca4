package dev.intunereset.worker.dispatch;

import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.action.DevicePolicy;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The reset-policy side of a job: which platforms may be reset, how far Graph's clock may be behind
 * when deciding whether a reset was this request's own, the cooldown between resets of a device
 * (zero when off), how long a validated device may have gone without checking in (zero when off),
 * and how a new passcode is read back and to whom it may be sealed.
 */
record ResetRules(
    Set<Platform> platforms,
    Duration reconcileSkew,
    Duration cooldown,
    Duration staleDeviceAfter,
    PasscodeSettings passcode,
    PasscodeRecipients recipients) {

  ResetRules {
    Objects.requireNonNull(platforms, "platforms");
    Objects.requireNonNull(reconcileSkew, "reconcileSkew");
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(staleDeviceAfter, "staleDeviceAfter");
    Objects.requireNonNull(passcode, "passcode");
    Objects.requireNonNull(recipients, "recipients");
    platforms = Set.copyOf(platforms);
  }

  /** The devices {@code action} may be sent to under PLATFORM_POLICY. */
  DevicePolicy policy(DeviceAction action) {
    return action.policy(platforms);
  }
}
