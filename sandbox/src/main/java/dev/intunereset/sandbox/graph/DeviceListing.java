package dev.intunereset.sandbox.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code GET /deviceManagement/managedDevices} and {@code GET /users/{id or UPN}/managedDevices}
 * over the caller's tenant's devices, in inventory order: {@code $filter} ({@link ListingFilter},
 * with the behavior's filter defects), {@code $select} as a device GET takes it, {@code $top} as
 * the page size (at most the simulator's page size) and {@code $skiptoken} paging.
 */
final class DeviceListing {
  /** Graph's page for managed devices, and its largest: {@code $top} above it is served so. */
  static final int MAX_PAGE = 1_000;

  private static final String METADATA = "https://graph.microsoft.com/beta/$metadata#";

  private final ManagedDeviceView view;
  private final GraphErrors errors;
  private final Pager pager;
  private final int pageSize;

  /**
   * @param pageSize devices per page without {@code $top}, and the most with it: 1 to {@value
   *     #MAX_PAGE}
   */
  DeviceListing(ManagedDeviceView view, GraphErrors errors, Pager pager, int pageSize) {
    this.view = view;
    this.errors = errors;
    this.pager = pager;
    this.pageSize = requirePageSize(pageSize);
  }

  /**
   * @throws IllegalArgumentException when {@code size} is no page size Graph could serve
   */
  static int requirePageSize(int size) {
    if (size < 1 || size > MAX_PAGE) {
      throw new IllegalArgumentException("pageSize must be in 1.." + MAX_PAGE + ": " + size);
    }
    return size;
  }

  Decision decide(GraphRequest rq, SimulatedTenant tenant, SimulatorBehavior b) {
    ODataOptions options = ODataOptions.parse(rq.query());
    DeviceInventory inventory = tenant.inventory();
    List<SimulatedDevice> candidates = inventory.devices();
    String path = "deviceManagement/managedDevices";
    if (rq.route().kind() == GraphRoute.Kind.USER_DEVICES) {
      Optional<SimulatedUser> user = inventory.directory().user(rq.route().detail());
      if (user.isEmpty()) {
        return Decision.of(DirectoryErrors.notFound(errors, rq, rq.route().detail()));
      }
      candidates = candidates.stream().filter(d -> Directory.belongsTo(d, user.get())).toList();
      path = "users('" + rq.route().detail() + "')/managedDevices";
    }
    ManagedDeviceView.Selection selection = view.selection(options.select(), inventory);
    if (selection.unknown() != null) {
      return view.unknownProperty(rq, selection.unknown());
    }
    ListingFilter.Clauses clauses = ListingFilter.Clauses.NONE;
    Optional<String> filter = options.get("filter");
    if (filter.isPresent()) {
      ListingFilter.Result result = ListingFilter.parse(filter.get(), b.startsWithAsContains());
      if (result instanceof ListingFilter.Invalid invalid) {
        return badRequest(rq, "Invalid filter clause: " + invalid.reason());
      }
      if (result instanceof ListingFilter.Unsupported unsupported
          && b.filterDefect() == SimulatorBehavior.FilterDefect.NONE) {
        return badRequest(rq, "Invalid filter clause: " + unsupported.reason());
      }
      if (result instanceof ListingFilter.Clauses honoured
          && b.filterDefect() != SimulatorBehavior.FilterDefect.IGNORE_ALL) {
        clauses = honoured;
      }
    }
    OptionalInt top = options.top();
    if (top.isPresent() && top.getAsInt() < 1) {
      return badRequest(rq, "Invalid $top value '" + options.get("top").orElse("") + "'.");
    }
    int size = Math.min(top.orElse(pageSize), pageSize);
    ListingFilter.Clauses honoured = clauses;
    List<SimulatedDevice> matched =
        candidates.stream()
            .filter(d -> honoured.matches(name -> view.value(d, name, rq.now())))
            .toList();
    String query =
        String.join(
            "\n",
            rq.caller().tenantId(),
            rq.route().operation(),
            String.valueOf(rq.route().detail()).toLowerCase(Locale.ROOT),
            filter.orElse(""),
            String.join(",", selection.names()),
            String.valueOf(size),
            String.valueOf(options.count()));
    Optional<Pager.Page> page = pager.page(rq, options, query, matched.size(), size);
    if (page.isEmpty()) {
      return badRequest(
          rq, "The $skiptoken is invalid or expired; list again from the first page.");
    }
    Set<String> names = selection.names();
    List<Map<String, Object>> items =
        matched.subList(page.get().from(), page.get().to()).stream()
            .map(d -> view.properties(d, names, rq.now()))
            .toList();
    Long count = options.count() ? (long) matched.size() : null;
    String context = METADATA + ManagedDeviceView.context(path, names);
    return Decision.of(pager.body(context, count, items, page.get()));
  }

  private Decision badRequest(GraphRequest rq, String message) {
    return Decision.of(errors.error(rq, 400, "BadRequest", message));
  }
}
