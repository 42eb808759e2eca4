package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.GraphCallResult;
import dev.intunereset.worker.graph.GroupMember;
import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import dev.intunereset.worker.targeting.DeviceFilter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Graph's listings as a script over an in-memory fleet, users and groups, paged with links of its
 * own: it honours a filter (or ignores it, as Graph may), answers 404 for an unknown user or group,
 * fails reads on request, and records every read.
 */
final class FakeDirectory implements PageSource {
  final List<ListedDevice> fleet = new ArrayList<>();
  final Map<UUID, List<String>> groupDevices = new HashMap<>();
  final Map<UUID, List<String>> groupUsers = new HashMap<>();
  final Set<String> users = new HashSet<>();
  final List<Read> reads = new ArrayList<>();
  final Deque<GraphCallResult> failures = new ArrayDeque<>();
  int devicePage = 1_000;
  int memberPage = 999;
  boolean ignoreFilters;

  static ListedDevice device(int n, String name, String os, String upn, String userId) {
    return new ListedDevice(
        id(n),
        name,
        os,
        "1.0",
        upn,
        userId,
        "SN" + n,
        aad(n),
        "mdm",
        "company",
        "managed",
        "android",
        "compliant",
        "False",
        null,
        null,
        null);
  }

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  static String aad(int n) {
    return String.format("aad00000-0000-4000-8000-%012d", n);
  }

  static GraphCallResult http(int status, String code) {
    return new GraphCallResult(
        GraphCallResult.Kind.HTTP_ERROR, status, code, "no", "g", "c", Optional.empty());
  }

  static GraphCallResult throttled() {
    return new GraphCallResult(
        GraphCallResult.Kind.HTTP_ERROR,
        429,
        "TooManyRequests",
        "slow down",
        "g",
        "c",
        Optional.of(Duration.ofSeconds(3)));
  }

  @Override
  public ListingPage<?> fetch(Read read) {
    reads.add(read);
    if (!failures.isEmpty()) {
      return ListingPage.failed(failures.poll());
    }
    int from = read.link() == null ? 0 : Integer.parseInt(read.link().split("@")[1]);
    if (read instanceof Read.ManagedDevices m) {
      List<ListedDevice> all =
          m.filter() == null || ignoreFilters
              ? fleet
              : fleet.stream()
                  .filter(
                      d ->
                          DeviceFilter.parse(m.filter())
                              .orElseThrow()
                              .matches(DeviceChecks.properties(d)))
                  .toList();
      return page(all, from, devicePage, "devices");
    }
    if (read instanceof Read.UserDevices u) {
      List<ListedDevice> mine =
          fleet.stream()
              .filter(
                  d ->
                      u.user().equalsIgnoreCase(d.userId())
                          || u.user().equalsIgnoreCase(d.userPrincipalName()))
              .toList();
      boolean known = !mine.isEmpty() || users.contains(u.user());
      return known ? page(mine, from, devicePage, "user") : ListingPage.failed(notFound());
    }
    UUID group = read instanceof Read.GroupDevices g ? g.group() : ((Read.GroupUsers) read).group();
    if (!groupDevices.containsKey(group)) {
      return ListingPage.failed(notFound());
    }
    List<GroupMember> members =
        read instanceof Read.GroupDevices
            ? groupDevices.get(group).stream()
                .map(a -> new GroupMember("obj-" + a, a, null))
                .toList()
            : groupUsers.get(group).stream()
                .map(u -> new GroupMember(u, null, u + "@upn"))
                .toList();
    return page(members, from, memberPage, "members");
  }

  private static GraphCallResult notFound() {
    return http(404, "Request_ResourceNotFound");
  }

  private static <T> ListingPage<T> page(List<T> all, int from, int size, String kind) {
    int to = Math.min(all.size(), from + size);
    Optional<String> next = to < all.size() ? Optional.of(kind + "@" + to) : Optional.empty();
    return new ListingPage<>(
        new GraphCallResult(
            GraphCallResult.Kind.SUCCESS, 200, null, "ok", "g", "c", Optional.empty()),
        all.subList(from, to),
        next);
  }
}
