package org.neurite.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step function of the step count (Keras {@code PiecewiseConstantDecay}): {@code values[0]}
 * while {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <=
 * boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * // 1.0 for steps 0..100000, 0.5 for the next 10000 steps, then 0.1
 * new PiecewiseConstantDecay(new long[]{100_000, 110_000}, new double[]{1.0, 0.5, 0.1});
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /**
     * @param boundaries strictly increasing steps
     * @param values     one more value than boundaries
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: needs one more value than boundaries, got "
                    + boundaries.length + " boundaries " + Arrays.toString(boundaries) + " and " + values.length
                    + " values " + Arrays.toString(values));
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must be strictly increasing, "
                        + "got " + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double rate(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public String className() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        List<Long> b = new ArrayList<>();
        for (long x : boundaries) {
            b.add(x);
        }
        List<Double> v = new ArrayList<>();
        for (double x : values) {
            v.add(x);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", b);
        c.put("values", v);
        return c;
    }

    /** Rebuilds the schedule from {@link #config()} (a Keras "name" key is accepted and ignored). */
    public static PiecewiseConstantDecay fromConfig(Map<String, Object> c) {
        String owner = "PiecewiseConstantDecay";
        ConfigValues.checkKeys(owner, c, Set.of("boundaries", "values", "name"));
        double[] b = ConfigValues.numbers(owner, c, "boundaries");
        long[] boundaries = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            boundaries[i] = (long) b[i];
        }
        return new PiecewiseConstantDecay(boundaries, ConfigValues.numbers(owner, c, "values"));
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay" + config();
    }
}
