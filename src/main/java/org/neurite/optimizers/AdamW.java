package org.neurite.optimizers;

/**
 * Adam with decoupled weight decay (Keras {@code AdamW}): before each Adam step,
 * {@code p = p - p * weight_decay * lr}. The decay is the base class's and the rule
 * {@link AdaptiveMoments}'s, so this class only sets the default: weight_decay 0.004. Other defaults as {@link Adam}: learning_rate 0.001,
 * beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW(1e-3).weightDecay(0.01);
 * }</pre>
 */
public final class AdamW extends AdaptiveMoments<AdamW> {
    /** learning_rate 0.001, weight_decay 0.004. */
    public AdamW() {
        this(0.001);
    }

    /** weight_decay 0.004. */
    public AdamW(double learningRate) {
        super(learningRate);
        weightDecay(0.004);
    }

    /** weight_decay 0.004. */
    public AdamW(LearningRateSchedule schedule) {
        super(schedule);
        weightDecay(0.004);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
