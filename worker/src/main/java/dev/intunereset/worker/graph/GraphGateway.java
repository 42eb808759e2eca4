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
   * One page of {@code GET /deviceManagement/managedDevices}, with every property of {@link
   * ListedDevice} selected: the first with {@code $filter=filter} (none when null), or the page at
   * {@code nextLink} when it is not null (it repeats the query). Graph may silently ignore the
   * filter: callers check every device themselves.
   */
  default ListingPage<ListedDevice> listManagedDevices(
      String filter, String nextLink, String clientRequestId) {
    throw unsupported("listManagedDevices");
  }

  /**
   * One page of {@code GET /users/{id or UPN}/managedDevices}: the first, or the page at {@code
   * nextLink} when it is not null. An unknown user is Graph's 404.
   */
  default ListingPage<ListedDevice> listUserManagedDevices(
      String userIdOrUpn, String nextLink, String clientRequestId) {
    throw unsupported("listUserManagedDevices");
  }

  /**
   * One page of {@code GET /groups/{id}/transitiveMembers/microsoft.graph.device} ({@code
   * ConsistencyLevel: eventual}, {@code $count=true}: an advanced query): the group's Entra device
   * members, nested groups included. An unknown group is Graph's 404.
   */
  default ListingPage<GroupMember> listGroupTransitiveDevices(
      String groupId, String nextLink, String clientRequestId) {
    throw unsupported("listGroupTransitiveDevices");
  }

  /** As {@link #listGroupTransitiveDevices}, for {@code .../microsoft.graph.user}. */
  default ListingPage<GroupMember> listGroupTransitiveUsers(
      String groupId, String nextLink, String clientRequestId) {
    throw unsupported("listGroupTransitiveUsers");
  }

  /** What a gateway that lists nothing (a test's fake) answers: a programming error, loudly. */
  private UnsupportedOperationException unsupported(String call) {
    return new UnsupportedOperationException(
        getClass().getName() + " does not implement " + call + " (device target expansion)");
  }

  @Override
  void close();
}
