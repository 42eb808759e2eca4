package dev.intunereset.worker.graph;

/**
 * The worker's only door to Microsoft Graph. Calls block on HTTP, so callers run them on a dispatch
 * thread, never on a Kafka poll loop. Implementations never throw for HTTP or transport failures:
 * they report them in the result so that every device ends in an explicit outcome.
 */
public interface GraphGateway extends AutoCloseable {

  /** {@code POST /deviceManagement/managedDevices/{id}/resetPasscode}. */
  GraphCallResult resetPasscode(String deviceId, String clientRequestId);

  /** {@code POST /deviceManagement/managedDevices/{id}/rotateBitLockerKeys} (beta only). */
  GraphCallResult rotateBitLockerKeys(String deviceId, String clientRequestId);

  /** {@code GET /deviceManagement/managedDevices/{id}?$select=...}. */
  DeviceLookup getDevice(String deviceId, String clientRequestId);

  /**
   * The listing reads of device target expansion (issue 13). A gateway that lists nothing (a test's
   * fake) fails loudly: a programming error.
   */
  default DeviceListings listings() {
    throw new UnsupportedOperationException(
        getClass().getName() + " lists no devices (device target expansion)");
  }

  @Override
  void close();
}
