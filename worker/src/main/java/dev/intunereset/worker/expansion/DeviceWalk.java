package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.ListedDevice;
import dev.intunereset.worker.graph.ListingPage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A device listing followed page by page. Checked, every device must match the selector (Graph was
 * asked to select them); scanning, the worker keeps the devices that match (Graph was asked for the
 * whole fleet, because the property cannot be filtered).
 */
final class DeviceWalk implements Walk {
  private final Function<String, Read> read;
  private final Function<ListedDevice, Optional<String>> check;
  private final Predicate<ListedDevice> keep;
  private String link;
  private boolean finished;

  private DeviceWalk(
      Function<String, Read> read,
      Function<ListedDevice, Optional<String>> check,
      Predicate<ListedDevice> keep,
      String link) {
    this.read = read;
    this.check = check;
    this.keep = keep;
    this.link = link;
  }

  /** Every device listed must pass {@code check}, which says why one does not. */
  static DeviceWalk checked(
      Function<String, Read> read, Function<ListedDevice, Optional<String>> check, String link) {
    return new DeviceWalk(read, check, d -> true, link);
  }

  /** The fleet, unfiltered, keeping the devices {@code keep} accepts. */
  static DeviceWalk scan(Predicate<ListedDevice> keep, String link) {
    return new DeviceWalk(l -> new Read.ManagedDevices(null, l), d -> Optional.empty(), keep, link);
  }

  @Override
  public Read next() {
    return read.apply(link);
  }

  @Override
  public Fed feed(ListingPage<?> page) {
    @SuppressWarnings("unchecked")
    List<ListedDevice> devices = (List<ListedDevice>) page.items();
    // The whole page is checked before any of it is claimed.
    for (ListedDevice d : devices) {
      Optional<String> why = check.apply(d);
      if (why.isPresent()) {
        return new Mismatch(d, why.get());
      }
    }
    link = page.nextLink().orElse(null);
    finished = link == null;
    return new Matched(devices.stream().filter(keep).toList());
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public Checkpoint.Position position() {
    return new Checkpoint.Position(link, null, 0, null);
  }
}
