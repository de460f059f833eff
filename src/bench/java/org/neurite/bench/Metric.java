package org.neurite.bench;

import java.util.Arrays;
import java.util.Locale;

/** What a {@link Result} measures; its unit, and whether more is better. */
public enum Metric {
    /** Training throughput: samples/s (steps/s for the MLP; {@link #unit()} says which per workload). */
    SPEED("samples/s", true),
    /** Training steps per second (the MLP). */
    STEPS("steps/s", true),
    /** Achieved GFLOP/s of the CNN training step (forward + backward, counted analytically). */
    GFLOPS("GFLOP/s", true),
    /** The framework's FLOAT matmul throughput (1024x1024) in the same JVM: the machine's practical peak for it. */
    MATMUL_PEAK("GFLOP/s", true),
    /** Peak resident set size of the process (VmHWM). */
    PEAK_RSS("MiB", false),
    /** RSS after the last epoch relative to RSS after epoch 2, in percent. */
    RSS_GROWTH("%", false),
    /** Test accuracy after the first epoch, in percent. */
    ACCURACY("%", true);

    private final String unit;
    private final boolean higherIsBetter;

    Metric(String unit, boolean higherIsBetter) {
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The metric called {@code id}. */
    public static Metric of(String id) {
        for (Metric m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'; known: "
                + Arrays.stream(values()).map(Metric::id).toList());
    }
}
