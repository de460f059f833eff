package org.neurite.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code rate(step) = initialLearningRate * decayRate ^ (step / decaySteps)}, with the exponent
 * rounded down when {@code staircase} (Keras {@code ExponentialDecay}).
 *
 * <pre>{@code
 * new SGD(new ExponentialDecay(0.1, 1000, 0.96, true));   // 0.1, times 0.96 every 1000 steps
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    /** A smooth decay (staircase false). */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    /**
     * @param decaySteps must be positive
     * @param staircase  decay at discrete intervals of {@code decaySteps} (default false)
     */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("ExponentialDecay: decay_steps must be > 0, got " + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.staircase = staircase;
    }

    @Override
    public double rate(long step) {
        double p = (double) step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public String className() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }

    /** Rebuilds the schedule from {@link #config()} (a Keras "name" key is accepted and ignored). */
    public static ExponentialDecay fromConfig(Map<String, Object> c) {
        String owner = "ExponentialDecay";
        ConfigValues.checkKeys(owner, c, Set.of("initial_learning_rate", "decay_steps", "decay_rate", "staircase",
                "name"));
        return new ExponentialDecay(ConfigValues.number(owner, c, "initial_learning_rate", Double.NaN),
                (long) ConfigValues.number(owner, c, "decay_steps", Double.NaN),
                ConfigValues.number(owner, c, "decay_rate", Double.NaN),
                ConfigValues.bool(owner, c, "staircase", false));
    }

    @Override
    public String toString() {
        return "ExponentialDecay" + config();
    }
}
