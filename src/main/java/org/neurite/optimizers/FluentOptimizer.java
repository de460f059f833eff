package org.neurite.optimizers;

/**
 * An {@link Optimizer} whose settings return its own type, so a chain keeps the concrete class:
 * {@code new Adam(1e-3).clipNorm(1.0).beta1(0.8)}. The covariant setters are written here once;
 * a rule extends {@code FluentOptimizer<ItsOwnClass>}.
 *
 * @param <T> the concrete optimizer class
 */
public abstract class FluentOptimizer<T extends FluentOptimizer<T>> extends Optimizer {
    protected FluentOptimizer(double learningRate) {
        super(learningRate);
    }

    protected FluentOptimizer(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** This optimizer as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    @Override
    public T schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return self();
    }

    @Override
    public T clipNorm(double clipNorm) {
        super.clipNorm(clipNorm);
        return self();
    }

    @Override
    public T globalClipNorm(double norm) {
        super.globalClipNorm(norm);
        return self();
    }

    @Override
    public T clipValue(double clipValue) {
        super.clipValue(clipValue);
        return self();
    }

    @Override
    public T weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return self();
    }
}
