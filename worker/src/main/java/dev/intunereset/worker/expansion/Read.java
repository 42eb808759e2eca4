package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphGateway;
import dev.intunereset.worker.graph.ListingPage;
import java.util.UUID;

/**
 * One GET the expansion needs next, one page of a listing: what the caller spends read budget on.
 * Each read is the first page of its listing when {@code link} is null, else the page at Graph's
 * {@code @odata.nextLink}.
 */
public sealed interface Read {

  /** Graph's next link, or null for the first page. */
  String link();

  /** Sends the read through {@code gateway}; blocks on HTTP, never throws for HTTP failures. */
  ListingPage<?> sendTo(GraphGateway gateway, String clientRequestId);

  /** {@code GET /deviceManagement/managedDevices}, filtered when {@code filter} is not null. */
  record ManagedDevices(String filter, String link) implements Read {
    @Override
    public ListingPage<?> sendTo(GraphGateway gateway, String clientRequestId) {
      return gateway.listings().managedDevices(filter, link, clientRequestId);
    }
  }

  /** {@code GET /users/{user}/managedDevices}. */
  record UserDevices(String user, String link) implements Read {
    @Override
    public ListingPage<?> sendTo(GraphGateway gateway, String clientRequestId) {
      return gateway.listings().userManagedDevices(user, link, clientRequestId);
    }
  }

  /** {@code GET /groups/{group}/transitiveMembers/microsoft.graph.device}. */
  record GroupDevices(UUID group, String link) implements Read {
    @Override
    public ListingPage<?> sendTo(GraphGateway gateway, String clientRequestId) {
      return gateway.listings().groupTransitiveDevices(group.toString(), link, clientRequestId);
    }
  }

  /** {@code GET /groups/{group}/transitiveMembers/microsoft.graph.user}. */
  record GroupUsers(UUID group, String link) implements Read {
    @Override
    public ListingPage<?> sendTo(GraphGateway gateway, String clientRequestId) {
      return gateway.listings().groupTransitiveUsers(group.toString(), link, clientRequestId);
    }
  }
}
