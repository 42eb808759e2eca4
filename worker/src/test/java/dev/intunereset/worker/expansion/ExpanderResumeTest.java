package dev.intunereset.worker.expansion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intunereset.worker.targeting.DeviceFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A crash between any two reads, with the devices and the checkpoint of every finished page kept
 * (as the stage will write them in one transaction) and the page in flight lost, loses no device,
 * hands none to the sink twice, and ends with the outcomes of an expansion that never crashed.
 */
class ExpanderResumeTest {
  private static final UUID GROUP = UUID.fromString("7b1c8d2e-3f4a-4b5c-9d7e-8f9a0b1c2d3e");

  /** What the stage has written: the claimed devices, and the checkpoint written with them. */
  private static final class Written {
    final Map<String, String> devices = new LinkedHashMap<>();
    Checkpoint checkpoint = new Checkpoint(0, Checkpoint.Position.START, 0, 0, List.of());
  }

  @Property(tries = 300)
  void aResumeAtAnyPageBoundaryLosesNoDeviceAndClaimsNoneTwice(
      @ForAll("directories") FakeDirectory graph,
      @ForAll("selectorLists") List<Selector> selectors,
      @ForAll @IntRange(min = 1, max = 12) int joinChunk,
      @ForAll @IntRange(min = 0, max = 60) int crashAfter) {
    Written whole = new Written();
    ExpansionResult expected = run(graph, selectors, joinChunk, whole, Integer.MAX_VALUE);

    Written crashed = new Written();
    ExpansionResult first = run(graph, selectors, joinChunk, crashed, crashAfter);
    ExpansionResult resumed =
        first != null ? first : run(graph, selectors, joinChunk, crashed, Integer.MAX_VALUE);

    assertThat(crashed.devices).isEqualTo(whole.devices);
    assertThat(resumed.total()).isEqualTo(expected.total()).isEqualTo(whole.devices.size());
    assertThat(resumed.selectors())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("call")
        .isEqualTo(expected.selectors());
  }

  /**
   * Expands from {@code written}'s checkpoint, writing each finished page; after {@code pages}
   * pages, reads one more page and crashes before writing it (null), else the result.
   */
  private static ExpansionResult run(
      FakeDirectory graph, List<Selector> selectors, int joinChunk, Written written, int pages) {
    Map<String, String> pending = new LinkedHashMap<>();
    Expander expander =
        Expander.resume(
            selectors,
            written.checkpoint,
            InMemoryClaims.restore(written.devices),
            (selector, devices) ->
                devices.forEach(
                    d ->
                        assertThat(pending.put(d.id(), selector.describe()))
                            .as("handed over once")
                            .isNull()),
            joinChunk);
    for (int page = 0; ; page++) {
      Progress progress = expander.step(graph);
      if (page == pages) {
        return null;
      }
      pending.forEach(
          (id, label) ->
              assertThat(written.devices.put(id, label)).as("written once: %s", id).isNull());
      pending.clear();
      written.checkpoint = expander.checkpoint();
      if (progress instanceof Progress.Done done) {
        return done.result();
      }
    }
  }

  @Provide
  Arbitrary<FakeDirectory> directories() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 1 << 20))
        .as(
            (size, devicePage, memberPage, seed) -> {
              FakeDirectory graph = new FakeDirectory();
              graph.devicePage = devicePage;
              graph.memberPage = memberPage;
              List<String> members = new ArrayList<>();
              for (int i = 0; i < size; i++) {
                int user = (seed >> (i % 16)) & 3;
                graph.fleet.add(
                    FakeDirectory.device(
                        i,
                        "DEV-" + (i % 7),
                        (seed + i) % 3 == 0 ? "iOS" : "Android",
                        "user" + user + "@contoso.com",
                        "uid-" + user));
                if ((seed + i) % 4 == 0) {
                  members.add(FakeDirectory.aad(i));
                }
              }
              members.add(FakeDirectory.aad(999));
              graph.groupDevices.put(GROUP, members);
              graph.groupUsers.put(GROUP, (seed & 1) == 0 ? List.of("uid-1") : List.of());
              graph.users.add("user3@contoso.com");
              return graph;
            });
  }

  @Provide
  Arbitrary<List<Selector>> selectorLists() {
    return Arbitraries.<Selector>of(
            new Selector.User("user3@contoso.com"),
            new Selector.User("uid-2"),
            new Selector.Group(GROUP),
            new Selector.DeviceName("dev-4"),
            new Selector.SerialNumber("SN5"),
            new Selector.Filter(DeviceFilter.parse("operatingSystem eq 'iOS'").orElseThrow()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .uniqueElements();
  }
}
