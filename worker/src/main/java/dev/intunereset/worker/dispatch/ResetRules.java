package dev.intunereset.worker.dispatch;

import dev.intunereset.contracts.Action;
import dev.intunereset.worker.action.DeviceAction;
import dev.intunereset.worker.action.DevicePolicy;
import dev.intunereset.worker.config.Platform;
import dev.intunereset.worker.config.WorkerConfig.GuardSettings;
import dev.intunereset.worker.config.WorkerConfig.PasscodeSettings;
import dev.intunereset.worker.delivery.PasscodeRecipients;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The reset-policy side of a job: which platforms may be reset, how far Graph's clock may be behind
 * when deciding whether a reset was this request's own, each action's cooldown between its runs on
 * a device (zero when off), how long a validated device may have gone without checking in (zero
 * when off), and how a new passcode is read back and to whom it may be sealed.
 */
record ResetRules(
    Set<Platform> platforms,
    Duration reconcileSkew,
    Map<DeviceAction, Duration> cooldowns,
    Duration staleDeviceAfter,
    PasscodeSettings passcode,
    PasscodeRecipients recipients) {

  ResetRules {
    Objects.requireNonNull(platforms, "platforms");
    Objects.requireNonNull(reconcileSkew, "reconcileSkew");
    cooldowns = Map.copyOf(cooldowns);
    Objects.requireNonNull(staleDeviceAfter, "staleDeviceAfter");
    Objects.requireNonNull(passcode, "passcode");
    Objects.requireNonNull(recipients, "recipients");
    platforms = Set.copyOf(platforms);
  }

  /** Rules with the same {@code cooldown} for every action. */
  ResetRules(
      Set<Platform> platforms,
      Duration reconcileSkew,
      Duration cooldown,
      Duration staleDeviceAfter,
      PasscodeSettings passcode,
      PasscodeRecipients recipients) {
    this(
        platforms,
        reconcileSkew,
        cooldowns(action -> cooldown),
        staleDeviceAfter,
        passcode,
        recipients);
  }

  /** Each action's cooldown, as the guards configure it. */
  static Map<DeviceAction, Duration> cooldowns(GuardSettings guards) {
    return cooldowns(action -> guards.limits(action).cooldown());
  }

  private static Map<DeviceAction, Duration> cooldowns(Function<Action, Duration> of) {
    Map<DeviceAction, Duration> cooldowns = new HashMap<>();
    for (Action action : Action.values()) {
      cooldowns.put(DeviceAction.of(action), of.apply(action));
    }
    return cooldowns;
  }

  /** How soon {@code action} may run again on a device where it ran; zero when off. */
  Duration cooldown(DeviceAction action) {
    return cooldowns.getOrDefault(action, Duration.ZERO);
  }

  /** The devices {@code action} may be sent to under PLATFORM_POLICY. */
  DevicePolicy policy(DeviceAction action) {
    return action.policy(platforms);
  }
}
