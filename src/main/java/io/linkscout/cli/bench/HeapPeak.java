package io.linkscout.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use at one time, all heap pools together: the sum over the pools just before each garbage
 * collection (when the heap is fullest), and now. Not the sum of each pool's own peak
 * ({@link MemoryPoolMXBean#getPeakUsage}): those peaks happen at different times (eden is full before a young
 * collection, old gen after it), so their sum can exceed the maximum heap.
 */
final class HeapPeak {

    private static final AtomicLong PEAK = new AtomicLong();
    private static boolean started;
    /** the listeners added to the JVM's collectors, removed by {@link #stop()} */
    private static final List<Map.Entry<NotificationEmitter, NotificationListener>> LISTENERS = new ArrayList<>();

    private HeapPeak() {
    }

    /**
     * Starts listening to collections (until {@link #stop()}); the peak counts from here (an earlier bench's peak in
     * the same JVM is forgotten). The listeners live in the
     * JVM's collector beans, so a caller must {@link #stop()} them: a listener left there keeps this class and its
     * whole class loader (in tests: a whole application with its CoreNLP models) reachable.
     */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        PEAK.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = (n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    Map<String, MemoryUsage> before = GarbageCollectionNotificationInfo
                            .from((CompositeData) n.getUserData()).getGcInfo().getMemoryUsageBeforeGc();
                    long sum = 0;
                    for (Map.Entry<String, MemoryUsage> e : before.entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            sum += e.getValue().getUsed();
                        }
                    }
                    PEAK.accumulateAndGet(sum, Math::max);
                };
                emitter.addNotificationListener(listener, null, null);
                LISTENERS.add(Map.entry(emitter, listener));
            }
        }
    }

    /** Runs a bench with the listeners on, and removes them however it ends. */
    static <T> T during(java.util.concurrent.Callable<T> bench) throws Exception {
        start();
        try {
            return bench.call();
        } finally {
            stop();
        }
    }

    /** Stops listening (the peak so far stays readable). */
    static synchronized void stop() {
        for (Map.Entry<NotificationEmitter, NotificationListener> e : LISTENERS) {
            try {
                e.getKey().removeNotificationListener(e.getValue());
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        LISTENERS.clear();
        started = false;
    }

    /** The peak so far in MB (at least the heap in use now). */
    static long mb() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return PEAK.accumulateAndGet(now, Math::max) >> 20;
    }
}
