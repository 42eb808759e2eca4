package dev.intunereset.worker.graph;

/**
 * The Graph listings device target expansion reads, one page per call: a listing's first page when
 * {@code nextLink} is null, else the page at Graph's {@code @odata.nextLink} (which repeats the
 * query). Like every gateway call, they block on HTTP and report failures in the page.
 */
public interface DeviceListings {

  /**
   * {@code GET /deviceManagement/managedDevices}, with every property of {@link ListedDevice}
   * selected and {@code $filter=filter} unless it is null. Graph may silently ignore the filter:
   * callers check every device themselves.
   */
  ListingPage<ListedDevice> managedDevices(String filter, String nextLink, String clientRequestId);

  /** {@code GET /users/{id or UPN}/managedDevices}; an unknown user is Graph's 404. */
  ListingPage<ListedDevice> userManagedDevices(
      String userIdOrUpn, String nextLink, String clientRequestId);

  /**
   * {@code GET /groups/{id}/transitiveMembers/microsoft.graph.device}, an advanced query ({@code
   * ConsistencyLevel: eventual}, {@code $count=true}): the group's Entra device members, nested
   * groups included. An unknown group is Graph's 404.
   */
  ListingPage<GroupMember> groupTransitiveDevices(
      String groupId, String nextLink, String clientRequestId);

  /** As {@link #groupTransitiveDevices}, for {@code .../microsoft.graph.user}. */
  ListingPage<GroupMember> groupTransitiveUsers(
      String groupId, String nextLink, String clientRequestId);
}
