package org.neurite.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cosine decay with an optional linear warmup (Keras {@code CosineDecay}). Without warmup:
 * <pre>
 * s = min(step, decaySteps)
 * rate = initialLearningRate * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)
 * </pre>
 * With {@link #withWarmup warmup}, the rate first rises linearly from {@code initialLearningRate}
 * to {@code warmupTarget} over {@code warmupSteps}, then decays as above from {@code warmupTarget}.
 *
 * <pre>{@code
 * new Adam(new CosineDecay(1e-3, 10_000));                      // 1e-3 down to 0
 * new Adam(new CosineDecay(0.0, 10_000).withWarmup(1e-3, 500)); // 0 up to 1e-3, then down
 * }</pre>
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final long decaySteps;
    private final double alpha;
    private final Double warmupTarget;
    private final long warmupSteps;

    /** Decays to 0 (alpha 0). */
    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0.0);
    }

    /**
     * @param decaySteps must be positive
     * @param alpha      the final rate as a fraction of the decay's starting rate (default 0)
     */
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, null, 0);
    }

    private CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
                        long warmupSteps) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("CosineDecay: decay_steps must be > 0, got " + decaySteps);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("CosineDecay: warmup_steps must be >= 0, got " + warmupSteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.alpha = alpha;
        this.warmupTarget = warmupTarget;
        this.warmupSteps = warmupSteps;
    }

    /** The same decay, after a linear warmup from the initial rate to {@code target} over {@code steps}. */
    public CosineDecay withWarmup(double target, long steps) {
        return new CosineDecay(initialLearningRate, decaySteps, alpha, target, steps);
    }

    @Override
    public double rate(long step) {
        if (warmupTarget == null) {
            return decayed(Math.min(step, decaySteps), initialLearningRate);
        }
        long s = Math.min(step, decaySteps + warmupSteps);
        if (s < warmupSteps) {
            return (warmupTarget - initialLearningRate) * ((double) s / warmupSteps) + initialLearningRate;
        }
        return decayed(s - warmupSteps, warmupTarget);
    }

    private double decayed(long step, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * ((double) step / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String className() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", warmupSteps);
        return c;
    }

    /** Rebuilds the schedule from {@link #config()} (a Keras "name" key is accepted and ignored). */
    public static CosineDecay fromConfig(Map<String, Object> c) {
        String owner = "CosineDecay";
        ConfigValues.checkKeys(owner, c, Set.of("initial_learning_rate", "decay_steps", "alpha", "warmup_target",
                "warmup_steps", "name"));
        Object target = c.get("warmup_target");
        return new CosineDecay(ConfigValues.number(owner, c, "initial_learning_rate", Double.NaN),
                (long) ConfigValues.number(owner, c, "decay_steps", Double.NaN),
                ConfigValues.number(owner, c, "alpha", 0.0),
                target == null ? null : ConfigValues.number(owner, c, "warmup_target", Double.NaN),
                (long) ConfigValues.number(owner, c, "warmup_steps", 0.0));
    }

    @Override
    public String toString() {
        return "CosineDecay" + config();
    }
}
