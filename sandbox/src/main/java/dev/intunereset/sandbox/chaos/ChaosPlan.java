package dev.intunereset.sandbox.chaos;

import dev.intunereset.contracts.Action;
import dev.intunereset.sandbox.chaos.ChaosRequest.Dispatch;
import dev.intunereset.sandbox.client.RequestPublisher;
import dev.intunereset.sandbox.graph.DeviceInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The requests of a chaos run, so that every run mixes both device actions (issue 16): a quarter of
 * the devices are Windows devices whose BitLocker keys are rotated, the rest Android devices whose
 * passcode is reset. Each action goes through all three dispatch paths, and the rotation requests
 * are spread among the passcode ones so that the kills fall on both.
 */
final class ChaosPlan {
  static final int DEVICES_PER_REQUEST = 100;

  /** Windows is one slot in 20 of the deterministic inventory. */
  private static final int INVENTORY_PER_WINDOWS_DEVICE = 20;

  private final int devices;
  private final int rotations;
  private final List<ChaosRequest> requests;

  private ChaosPlan(int devices, int rotations, List<ChaosRequest> requests) {
    this.devices = devices;
    this.rotations = rotations;
    this.requests = List.copyOf(requests);
  }

  /**
   * {@code devices} in all; the same seed gives the same request ids. The passcode devices go in
   * requests of 100. The rotation devices, a quarter (none below 4 devices), go in at least three
   * requests of at most 100, one per dispatch path, so that a short run covers them all. They
   * include the inventory's Windows 10 1809 devices: the worker refuses those where it looks
   * devices up, and where it does not, the device reports the rotation {@code notSupported}.
   */
  static ChaosPlan of(long seed, int devices) {
    int rotations = devices / 4;
    List<List<String>> resets =
        chunks(DeviceInventory.firstResettableAndroidIds(devices - rotations), DEVICES_PER_REQUEST);
    List<List<String>> rotate =
        split(
            DeviceInventory.firstWindowsIds(rotations),
            Math.max(Math.min(3, rotations), ceilDiv(rotations, DEVICES_PER_REQUEST)));
    List<ChaosRequest> requests = new ArrayList<>();
    int p = 0;
    int r = 0;
    while (p < resets.size() || r < rotate.size()) {
      UUID id = new UUID(seed, requests.size());
      // The action whose share of its requests is behind goes next, so both spread over the run.
      if (r < rotate.size()
          && (p == resets.size() || (long) r * resets.size() < (long) p * rotate.size())) {
        requests.add(
            new ChaosRequest(id, Action.ROTATE_BITLOCKER_KEYS, dispatch(r), rotate.get(r++)));
      } else {
        requests.add(new ChaosRequest(id, Action.RESET_PASSCODE, dispatch(p), resets.get(p++)));
      }
    }
    return new ChaosPlan(devices, rotations, requests);
  }

  private static Dispatch dispatch(int index) {
    return Dispatch.values()[index % Dispatch.values().length];
  }

  private static List<List<String>> chunks(List<String> ids, int size) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return chunks;
  }

  /** {@code ids} in {@code n} parts whose sizes differ by one at most. */
  private static List<List<String>> split(List<String> ids, int n) {
    List<List<String>> parts = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      parts.add(ids.subList(k * ids.size() / n, (k + 1) * ids.size() / n));
    }
    return parts;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** In publishing order. */
  List<ChaosRequest> requests() {
    return requests;
  }

  int devices() {
    return devices;
  }

  /** Devices whose BitLocker keys the run rotates. */
  int rotations() {
    return rotations;
  }

  /** A deterministic inventory that holds every device of the plan, and at least the default. */
  int inventorySize() {
    return Math.max(
        DeviceInventory.DEFAULT_SIZE,
        Math.max(devices * 2, rotations * INVENTORY_PER_WINDOWS_DEVICE));
  }

  void publish(String bootstrapServers) {
    try (RequestPublisher publisher = new RequestPublisher(bootstrapServers)) {
      for (ChaosRequest request : requests) {
        publisher.send(request.id().toString(), request.json());
      }
    }
  }
}
