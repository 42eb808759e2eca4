package dev.intunereset.sandbox.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * {@code GET /groups/{id}/transitiveMembers/microsoft.graph.device} and {@code
 * .../microsoft.graph.user} over the caller's tenant's groups. The OData cast makes them advanced
 * queries, so both {@code ConsistencyLevel: eventual} and {@code $count=true} are required, and
 * {@code @odata.count} is always served. Pages hold 100 members by default, {@code $top} 1 to 999,
 * as the directory's do.
 */
final class GroupMembers {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 999;

  private static final String METADATA = "https://graph.microsoft.com/beta/$metadata#";

  private final GraphErrors errors;
  private final Pager pager;

  GroupMembers(GraphErrors errors, Pager pager) {
    this.errors = errors;
    this.pager = pager;
  }

  Decision decide(GraphRequest rq, SimulatedTenant tenant) {
    ODataOptions options = ODataOptions.parse(rq.query());
    if (!"eventual".equalsIgnoreCase(rq.consistencyLevel()) || !options.count()) {
      return Decision.of(DirectoryErrors.advancedQueryRequired(errors, rq));
    }
    String id = rq.route().detail();
    if (!Guids.isGuid(id)) {
      return Decision.of(DirectoryErrors.invalidId(errors, rq, id));
    }
    Directory directory = tenant.inventory().directory();
    Optional<SimulatedGroup> group = directory.group(id);
    if (group.isEmpty()) {
      return Decision.of(DirectoryErrors.notFound(errors, rq, id));
    }
    if (options.get("filter").isPresent() || options.get("search").isPresent()) {
      return Decision.of(
          errors.error(
              rq,
              501,
              "NotImplemented",
              "The Graph simulator does not implement $filter or $search on group members."));
    }
    OptionalInt top = options.top();
    if (top.isPresent() && (top.getAsInt() < 1 || top.getAsInt() > MAX_PAGE)) {
      String sent = options.get("top").orElse("");
      return Decision.of(DirectoryErrors.invalidPageSize(errors, rq, sent, MAX_PAGE));
    }
    int size = top.orElse(DEFAULT_PAGE);
    boolean devices = rq.route().kind() == GraphRoute.Kind.GROUP_DEVICES;
    List<Map<String, Object>> members =
        devices
            ? directory.transitiveDeviceIds(group.get()).stream()
                .map(deviceId -> device(directory, deviceId))
                .toList()
            : directory.transitiveUsers(group.get()).stream().map(GroupMembers::user).toList();
    String query =
        String.join(
            "\n",
            rq.caller().tenantId(),
            rq.route().operation(),
            group.get().id(),
            String.join(",", options.select()),
            String.valueOf(size));
    Optional<Pager.Page> page = pager.page(rq, options, query, members.size(), size);
    if (page.isEmpty()) {
      return Decision.of(DirectoryErrors.expiredPageToken(errors, rq));
    }
    List<Map<String, Object>> items =
        members.subList(page.get().from(), page.get().to()).stream()
            .map(m -> selected(m, options.select()))
            .toList();
    String context = METADATA + (devices ? "devices" : "users");
    return Decision.of(pager.body(context, (long) members.size(), items, page.get()));
  }

  /**
   * An Entra device object. Its object id is derived from its deviceId (Entra's object id and
   * deviceId differ); name and platform come from the managed device when it is enrolled.
   */
  private static Map<String, Object> device(Directory directory, String deviceId) {
    Optional<SimulatedDevice> managed = directory.managedDevice(deviceId);
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("@odata.type", "#microsoft.graph.device");
    device.put(
        "id",
        UUID.nameUUIDFromBytes(("device " + deviceId).getBytes(StandardCharsets.UTF_8)).toString());
    device.put("deviceId", deviceId);
    device.put("displayName", managed.flatMap(SimulatedDevice::deviceName).orElse(null));
    device.put("operatingSystem", managed.map(SimulatedDevice::operatingSystem).orElse(null));
    device.put("accountEnabled", true);
    return device;
  }

  private static Map<String, Object> user(SimulatedUser user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("@odata.type", "#microsoft.graph.user");
    out.put("id", user.id());
    out.put("userPrincipalName", user.userPrincipalName());
    return out;
  }

  /** The member with only {@code id}, its type and the selected properties it has. */
  private static Map<String, Object> selected(Map<String, Object> member, List<String> select) {
    if (select.isEmpty()) {
      return member;
    }
    List<String> keep = new ArrayList<>(List.of("@odata.type", "id"));
    select.forEach(s -> keep.add(s.toLowerCase(Locale.ROOT)));
    Map<String, Object> out = new LinkedHashMap<>();
    member.forEach(
        (k, v) -> {
          if (keep.contains(k) || keep.contains(k.toLowerCase(Locale.ROOT))) {
            out.put(k, v);
          }
        });
    return out;
  }
}
