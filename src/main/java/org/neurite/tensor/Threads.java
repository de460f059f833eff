package org.neurite.tensor;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many CPU threads a native call may use. Small calls, and every call outside the op cache,
 * run on one thread: on small arrays a second OpenMP thread costs more in start-up and waiting than
 * it saves (two threads on two shared cores made the seed MLP and text CNN steps 20-50% slower than
 * one). A cached call on at least {@link #PARALLEL_MIN} elements (inputs and outputs together:
 * the convolutions, their gradients, large matrix products) runs on one thread or on up to
 * {@link #max()}, whichever its own calls measured faster ({@link ThreadChoice}), and on one
 * thread whenever the machine's load average leaves less than half a core beside this process.
 *
 * <p>The maximum is, in this order: {@link #setMax(int)} (also {@code Neurite.threads(n)}), the
 * environment variable {@code NEURITE_THREADS}, {@code OMP_NUM_THREADS}, or the number of
 * processors. The element threshold is the system property {@code neurite.threads.min}.
 *
 * <p>The switch, made only when the count changes, sets the calling thread's OpenMP thread count,
 * which oneDNN and OpenBLAS follow, and for one thread raises libnd4j's element threshold for
 * splitting its own loops (process-wide): their thread count stays what the process started with
 * ({@code Environment.setMaxThreads} does nothing in ND4J 1.0.0-M2.1).
 */
public final class Threads {
    /** Calls on fewer elements (inputs and outputs) run on one thread. */
    public static final long PARALLEL_MIN = Long.getLong("neurite.threads.min", 1L << 17);

    private static volatile int max = initial();
    private static final long LOAD_CHECK_NANOS = 1_000_000_000L;
    private static volatile long loadCheckedAt = System.nanoTime() - 2 * LOAD_CHECK_NANOS;
    private static volatile boolean busy;
    private static final DoubleSupplier SYSTEM_LOAD = () -> ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage();
    private static volatile DoubleSupplier loadAverage = SYSTEM_LOAD;
    /** libnd4j's own element threshold for splitting a loop over threads, as the process started. */
    private static final int LOOP_THRESHOLD = Nd4j.getEnvironment().elementwiseThreshold();
    /** Whether libnd4j's loops are kept on one thread (process-wide); null until first set. */
    private static volatile Boolean loopsSerial;
    /** The OpenMP thread count last set on each thread; -1 until first set. */
    private static final ThreadLocal<int[]> OMP = ThreadLocal.withInitial(() -> new int[]{-1});

    private Threads() {
    }

    /** Sets the most threads one native call may use (at least 1); 1 keeps every call on one thread. */
    public static void setMax(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        max = threads;
    }

    /** The most threads one native call may use. */
    public static int max() {
        return max;
    }

    /**
     * The threads a large call may try now: {@link #max()}, or 1 while the machine is busy (its load
     * average, read at most once a second, leaves less than half a core beside this process).
     */
    static int available() {
        int m = max;
        if (m <= 1) {
            return 1;
        }
        long now = System.nanoTime();
        if (now - loadCheckedAt > LOAD_CHECK_NANOS) {
            loadCheckedAt = now;
            busy = busy(loadAverage.getAsDouble(), Runtime.getRuntime().availableProcessors());
        }
        return busy ? 1 : m;
    }

    /**
     * Where {@link #available()} reads the load average: the system's (null), or a fixed source, so
     * that a test of the thread choice does not depend on how busy the machine running it is.
     */
    static void loadAverage(DoubleSupplier source) {
        loadAverage = source == null ? SYSTEM_LOAD : source;
        loadCheckedAt = System.nanoTime() - 2 * LOAD_CHECK_NANOS;
    }

    /** Whether a load average leaves less than half a core beside this process; a negative load (unknown) is not busy. */
    static boolean busy(double loadAverage, int cores) {
        return loadAverage >= 0 && loadAverage > cores - 0.5;
    }

    /** Whether a call on {@code elements} elements (inputs and outputs) may use more than one thread. */
    public static boolean parallel(long elements) {
        return elements >= PARALLEL_MIN;
    }

    /** Makes this thread's next native calls use {@code threads} threads; nothing when they already do. */
    public static void use(int threads) {
        int[] omp = OMP.get();
        if (omp[0] != threads) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            omp[0] = threads;
        }
        boolean serial = threads == 1;
        if (!Boolean.valueOf(serial).equals(loopsSerial)) {
            // libnd4j splits its own loops from this many elements (1,024 by default); the thread
            // count of those loops cannot be changed after start-up, the threshold can
            Nd4j.getEnvironment().setElementwiseThreshold(serial ? Integer.MAX_VALUE : LOOP_THRESHOLD);
            loopsSerial = serial;
        }
    }

    private static int initial() {
        for (String name : new String[]{"NEURITE_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                try {
                    return Math.max(1, Integer.parseInt(value.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("environment variable " + name + " must be a thread count, got '"
                            + value + "'", e);
                }
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
