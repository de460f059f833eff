package org.neurite.tensor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Optional per-kernel and per-op timing. Off by default, when it costs one volatile read per call.
 *
 * <pre>{@code
 * Profiler.enable();
 * model.fit(...);
 * String table = Profiler.report();   // per op and kernel: total ms, calls, us per call
 * }</pre>
 */
public final class Profiler {
    private static volatile boolean enabled;
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Timer OFF = () -> { };

    private Profiler() {
    }

    public static void enable() {
        enabled = true;
    }

    public static void disable() {
        enabled = false;
    }

    public static void reset() {
        NANOS.clear();
        CALLS.clear();
    }

    /** Starts timing {@code name}; {@link Timer#stop()} records it. */
    public static Timer start(String name) {
        if (!enabled) {
            return OFF;
        }
        long t0 = System.nanoTime();
        return () -> {
            NANOS.computeIfAbsent(name, k -> new LongAdder()).add(System.nanoTime() - t0);
            CALLS.computeIfAbsent(name, k -> new LongAdder()).increment();
        };
    }

    /** Total milliseconds and call counts per name, sorted by name. */
    public static Map<String, double[]> snapshot() {
        Map<String, double[]> out = new TreeMap<>();
        NANOS.forEach((k, v) -> out.put(k, new double[]{v.sum() / 1e6, CALLS.get(k).sum()}));
        return out;
    }

    /** A table of time per name, most expensive first. */
    public static String report() {
        StringBuilder sb = new StringBuilder(String.format("%-36s %10s %10s %10s%n", "name", "total ms", "calls", "us/call"));
        snapshot().entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> sb.append(String.format("%-36s %10.1f %10.0f %10.1f%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1], 1000 * e.getValue()[0] / Math.max(1, e.getValue()[1]))));
        return sb.toString();
    }

    /** A running measurement. */
    @FunctionalInterface
    public interface Timer {
        void stop();
    }
}
