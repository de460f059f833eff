package org.neurite.optimizers;

/**
 * Adam with decoupled weight decay (Keras {@code AdamW}): before each Adam step,
 * {@code p = p - p * weight_decay * lr}. The decay is the base class's, so this class only
 * changes the default: weight_decay 0.004. Other defaults as {@link Adam}: learning_rate 0.001,
 * beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * Optimizer adamw = new AdamW(1e-3).weightDecay(0.01);
 * }</pre>
 */
public final class AdamW extends Adam {
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

    @Override
    public AdamW beta1(double beta1) {
        super.beta1(beta1);
        return this;
    }

    @Override
    public AdamW beta2(double beta2) {
        super.beta2(beta2);
        return this;
    }

    @Override
    public AdamW epsilon(double epsilon) {
        super.epsilon(epsilon);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean amsgrad) {
        super.amsgrad(amsgrad);
        return this;
    }

    @Override
    public AdamW schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }

    @Override
    public AdamW clipNorm(double clipNorm) {
        super.clipNorm(clipNorm);
        return this;
    }

    @Override
    public AdamW globalClipNorm(double norm) {
        super.globalClipNorm(norm);
        return this;
    }

    @Override
    public AdamW clipValue(double clipValue) {
        super.clipValue(clipValue);
        return this;
    }

    @Override
    public AdamW weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }
}
