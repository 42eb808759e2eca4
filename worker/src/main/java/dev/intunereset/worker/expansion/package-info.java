/**
 * Device target expansion (issue 13): turns a request's selectors (a user, a group, a device name,
 * a serial number, a filter) into Intune managed devices through Graph reads, failing closed. Plain
 * Java over {@code graph}'s listing reads and {@code targeting}'s filter: no Kafka. Not wired yet;
 * the expansion stage will drive it.
 *
 * <h2>How each selector reads Graph</h2>
 *
 * <ul>
 *   <li>{@code filter:…}: {@code GET /deviceManagement/managedDevices?$filter=} the filter's
 *       canonical text; {@code deviceName:…} is the filter {@code deviceName eq '…'}.
 *   <li>{@code user:…}: {@code GET /users/{id or UPN}/managedDevices}.
 *   <li>{@code serialNumber:…}: Graph does not document {@code serialNumber} as filterable, and an
 *       unsupported filter is silently ignored (the whole fleet comes back), so the worker lists
 *       the fleet unfiltered and keeps the devices whose serial number is exactly the one asked
 *       for.
 *   <li>{@code group:…}: the group's transitive device members, then its transitive user members
 *       ({@code ConsistencyLevel: eventual}, {@code $count=true}, 999 a page), and the managed
 *       devices whose {@code azureADDeviceId} is a device member's {@code deviceId} or whose {@code
 *       userId} is a user member's id. {@code azureADDeviceId} and {@code userId} are not
 *       filterable either, so a per-member {@code $filter=azureADDeviceId eq '…'} would come back
 *       as the whole fleet for every member (and batching members with {@code or} is refused by
 *       Graph's filter rules and by {@code targeting}'s grammar). The join is therefore done on the
 *       worker's side: member ids are gathered in chunks of at most {@code joinChunk} (20,000 by
 *       default), and the fleet is listed once per chunk. A 20,000-device group in a 20,000-device
 *       fleet costs 21 member pages and 20 fleet pages, where one read per member would cost
 *       20,000. User members go through the same join rather than one {@code
 *       /users/{id}/managedDevices} per user, for the same reason; a group of three users in a
 *       large fleet pays a full fleet scan instead.
 * </ul>
 *
 * <h2>Failing closed</h2>
 *
 * Every device of a filtered listing is checked on the worker's side before any of its page is
 * claimed: against the filter ({@code DeviceFilter.matches}, over every filterable property, all of
 * which are selected), the name (case-insensitive), or the user ({@code userId} or {@code
 * userPrincipalName}). One device that does not match ends the selector as {@code NOT_HONOURED},
 * naming the device and the selector, and stops the expansion: the caller rejects the whole
 * request, and nothing the sink received may be reset. An unknown user or group (404) is {@code
 * NOT_FOUND}, a selector that matches nothing {@code EMPTY}, a read Graph refuses for good (400,
 * 403) {@code FAILED}; the caller names them in its rejection or, with {@code
 * ignorePartialFailures}, reports them and goes on.
 *
 * <h2>Driven call by call, bounded, resumable</h2>
 *
 * <ul>
 *   <li>{@link dev.intunereset.worker.expansion.Expander#next} names the next GET and {@link
 *       dev.intunereset.worker.expansion.Expander#feed} takes its page, so the stage can spend the
 *       read budget on each GET and send it on a Graph thread. A 429, 5xx, missing answer or
 *       missing token is {@code Progress.Retry}: the same read is next, and the expander never
 *       waits.
 *   <li>Memory: one page (1,000 devices or 999 members), one group chunk of member ids, and the
 *       {@link dev.intunereset.worker.expansion.Claims} (device id to selector label, which also
 *       deduplicates the union: the first selector that matches a device claims it, and a later one
 *       counts it as an overlap). The claimed devices go to the {@link
 *       dev.intunereset.worker.expansion.ExpansionSink} page by page.
 *   <li>Resume: after each page, {@link dev.intunereset.worker.expansion.Expander#checkpoint} is
 *       where the expansion stands (the selector, the next link, a group's chunk start and its scan
 *       link). Written with that page's devices, it lets {@link
 *       dev.intunereset.worker.expansion.Expander#resume} go on after a crash with the claims
 *       restored from what was written: a device is claimed and handed to the sink once. A group
 *       resumed mid-chunk reads the chunk's member pages again. A stored next link that Graph no
 *       longer honours is a {@code FAILED} selector; the caller may restart that selector.
 * </ul>
 */
package dev.intunereset.worker.expansion;
