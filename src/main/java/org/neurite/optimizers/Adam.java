package org.neurite.optimizers;

/**
 * Adam (Keras {@code Adam}): the rule of {@link AdaptiveMoments}. Defaults: learning_rate 0.001,
 * beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(3e-4).beta2(0.98).clipNorm(1.0);
 * }</pre>
 */
public class Adam extends AdaptiveMoments<Adam> {
    /** learning_rate 0.001. */
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super(learningRate);
    }

    public Adam(LearningRateSchedule schedule) {
        super(schedule);
    }

    @Override
    public String name() {
        return "adam";
    }
}
