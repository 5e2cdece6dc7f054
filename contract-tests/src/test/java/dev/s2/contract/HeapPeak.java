package dev.s2.contract;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * How much heap a test used, from the collector's own reports (nothing polls): the most in use (the
 * heap is fullest just before a collection, so the peak is the largest total a collection reports
 * as "before"), and the most still live after a full collection (what was really held; -1 when none
 * was needed: a young collection leaves the old generation's garbage in place, so it says nothing
 * about what is live).
 */
final class HeapPeak {
  private static final AtomicLong PEAK = new AtomicLong();
  private static final AtomicLong LIVE = new AtomicLong();
  private static final List<Runnable> REMOVALS = new ArrayList<>();
  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  private HeapPeak() {}

  static synchronized void start() {
    PEAK.set(used());
    LIVE.set(-1);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener =
            (notification, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  notification.getType())) {
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                PEAK.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                if (info.getGcAction().contains("major")) {
                  LIVE.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                }
              }
            };
        emitter.addNotificationListener(listener, null, null);
        REMOVALS.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException e) {
                // already gone
              }
            });
      }
    }
  }

  /** Stops watching; returns the peak in use and the most live after a collection, in bytes. */
  static synchronized long[] stop() {
    REMOVALS.forEach(Runnable::run);
    REMOVALS.clear();
    return new long[] {PEAK.accumulateAndGet(used(), Math::max), LIVE.get()};
  }

  private static long heap(java.util.Map<String, java.lang.management.MemoryUsage> pools) {
    return pools.entrySet().stream()
        .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
        .mapToLong(pool -> pool.getValue().getUsed())
        .sum();
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
