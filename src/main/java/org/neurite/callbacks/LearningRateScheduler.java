package org.neurite.callbacks;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Sets the learning rate at the start of each epoch from {@code schedule(epoch, currentRate)},
 * as Keras's {@code LearningRateScheduler}.
 *
 * <pre>{@code new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))}</pre>
 */
public final class LearningRateScheduler extends Callback {
    private final BiFunction<Integer, Double, Double> schedule;

    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double next = schedule.apply(epoch, model().optimizer().learningRate());
        if (!Double.isFinite(next) || next < 0) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + next
                    + " for epoch " + epoch + "; a learning rate must be finite and non-negative");
        }
        model().optimizer().setLearningRate(next);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", model().optimizer().learningRate());
    }
}
