package dev.intunereset.worker.action;

import dev.intunereset.worker.graph.ManagedDeviceInfo;
import java.util.Optional;

/** Which devices an action may be sent to, decided from the device's Graph properties. */
@FunctionalInterface
public interface DevicePolicy {
  /**
   * Refuses nothing: for lookups made only for the cooldown, where the request opted out of
   * validation ({@code validateDeviceExists=false}) and so out of the platform check.
   */
  DevicePolicy ANY = device -> Optional.empty();

  /** Empty when the action may be sent to the device; otherwise why not, in a sentence. */
  Optional<String> refusal(ManagedDeviceInfo device);
}
