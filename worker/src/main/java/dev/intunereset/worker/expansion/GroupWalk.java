package dev.intunereset.worker.expansion;

import dev.intunereset.worker.expansion.Checkpoint.Members;
import dev.intunereset.worker.graph.GroupMember;
import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A group's devices, in chunks: read member pages (the device members, then the user members) until
 * the chunk holds {@code joinChunk} ids or the members end, then scan the fleet once for the
 * managed devices whose {@code azureADDeviceId} is a device member's {@code deviceId} or whose
 * {@code userId} is a user member's id; then the next chunk. Neither property is filterable, so
 * Graph is never asked to filter, and memory stays at one chunk and one page however large the
 * group.
 *
 * <p>A resume re-reads the chunk's member pages from its first, then goes on with the scan where it
 * stood.
 */
final class GroupWalk implements Walk {
  private final UUID group;
  private final int joinChunk;
  private final Set<String> deviceIds = new HashSet<>();
  private final Set<String> userIds = new HashSet<>();

  /** Where the current chunk's member pages begin. */
  private Members chunkMembers;

  private String chunkLink;
  private int chunkPages;

  /** The member page to read next; {@code members} is null once both listings have ended. */
  private Members members;

  private String link;

  /** After a resume: the chunk's page count, and where its scan stood. */
  private int replayPages;

  private String replayScanLink;
  private boolean scanning;
  private String scanLink;
  private boolean finished;

  GroupWalk(UUID group, int joinChunk, Checkpoint.Position from) {
    this.group = group;
    this.joinChunk = joinChunk;
    this.chunkMembers = from.members() == null ? Members.DEVICES : from.members();
    this.chunkLink = from.link();
    this.members = chunkMembers;
    this.link = chunkLink;
    this.replayPages = from.chunkPages();
    this.replayScanLink = from.scanLink();
  }

  @Override
  public Read next() {
    if (scanning) {
      return new Read.ManagedDevices(null, scanLink);
    }
    return members == Members.DEVICES
        ? new Read.GroupDevices(group, link)
        : new Read.GroupUsers(group, link);
  }

  @Override
  public Fed feed(ListingPage<?> page) {
    return scanning ? scanned(page) : collected(page);
  }

  private Fed scanned(ListingPage<?> page) {
    @SuppressWarnings("unchecked")
    List<ListedDevice> devices = (List<ListedDevice>) page.items();
    List<ListedDevice> matched =
        devices.stream()
            .filter(
                d ->
                    deviceIds.contains(lower(d.azureADDeviceId()))
                        || userIds.contains(lower(d.userId())))
            .toList();
    scanLink = page.nextLink().orElse(null);
    if (scanLink == null) {
      endChunk();
    }
    return new Matched(matched);
  }

  private Fed collected(ListingPage<?> page) {
    @SuppressWarnings("unchecked")
    List<GroupMember> found = (List<GroupMember>) page.items();
    for (GroupMember m : found) {
      if (members == Members.USERS) {
        userIds.add(lower(m.id()));
      } else if (m.deviceId() != null) {
        deviceIds.add(lower(m.deviceId()));
      }
    }
    chunkPages++;
    link = page.nextLink().orElse(null);
    if (link == null) {
      members = members == Members.DEVICES ? Members.USERS : null;
    }
    boolean complete =
        members == null || (replayPages > 0 ? chunkPages >= replayPages : held() >= joinChunk);
    if (complete) {
      if (held() == 0) {
        endChunk();
      } else {
        scanning = true;
        scanLink = replayPages > 0 ? replayScanLink : null;
      }
      replayPages = 0;
      replayScanLink = null;
    }
    return new Matched(List.of());
  }

  private void endChunk() {
    scanning = false;
    scanLink = null;
    deviceIds.clear();
    userIds.clear();
    finished = members == null;
    chunkMembers = members;
    chunkLink = link;
    chunkPages = 0;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public Checkpoint.Position position() {
    if (finished) {
      return Checkpoint.Position.START;
    }
    if (scanning) {
      return new Checkpoint.Position(chunkLink, chunkMembers, chunkPages, scanLink);
    }
    // Mid-chunk, the ids read so far are not in the checkpoint: a resume reads them again.
    return new Checkpoint.Position(chunkLink, chunkMembers, replayPages, replayScanLink);
  }

  @Override
  public int held() {
    return deviceIds.size() + userIds.size();
  }

  private static String lower(String id) {
    return id == null ? null : id.toLowerCase(Locale.ROOT);
  }
}
