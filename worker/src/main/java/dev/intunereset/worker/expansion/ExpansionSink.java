package dev.intunereset.worker.expansion;

import dev.intunereset.worker.graph.ListedDevice;
import java.util.List;

/**
 * Takes the devices each page newly claimed, one page at a time, so no expansion holds a fleet in
 * memory. Nothing it takes may be reset before the expansion is done and every selector honoured: a
 * later page can still show that Graph ignored a selector.
 */
@FunctionalInterface
public interface ExpansionSink {

  /**
   * @param selector the selector that claimed them (first among the request's selectors)
   * @param devices one page's devices that no selector had claimed before; never empty
   */
  void claimed(Selector selector, List<ListedDevice> devices);
}
