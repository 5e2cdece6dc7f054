package dev.s2.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/** Heap figures for the memory mains: live heap after a full GC, and the heap pools' peak use. */
final class Heap {
  private final List<MemoryPoolMXBean> pools = new ArrayList<>();

  private Heap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
      }
    }
  }

  /** Starts tracking the heap pools' peak use from now. */
  static Heap trackPeak() {
    Heap heap = new Heap();
    for (MemoryPoolMXBean pool : heap.pools) {
      pool.resetPeakUsage();
    }
    return heap;
  }

  /** The sum of the heap pools' peak use since {@link #trackPeak()}, garbage included. */
  long peakUsed() {
    long peak = 0;
    for (MemoryPoolMXBean pool : pools) {
      peak += pool.getPeakUsage().getUsed();
    }
    return peak;
  }

  /** The live heap: used heap right after a full GC ({@code System.gc()}). */
  static long live() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * The first {@code lines} lines of the live heap's class histogram ({@code jcmd <pid>
   * GC.class_histogram}).
   */
  static String histogram(int lines) {
    try {
      String all =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
      return String.join(
          "\n", Arrays.asList(all.split("\n")).subList(0, Math.min(lines, all.split("\n").length)));
    } catch (JMException e) {
      return "no class histogram: " + e;
    }
  }

  static long max() {
    return Runtime.getRuntime().maxMemory();
  }

  static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
