package org.neurite.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning rate that changes with the step count, as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}. An optimizer evaluates it at its
 * {@link Optimizer#iterations()} before each step, so the first step uses {@code rate(0)}.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(new ExponentialDecay(0.1, 1000, 0.96, true));
 * Optimizer custom = new Adam(step -> 1e-3 / (1 + step));   // a lambda trains, but cannot be saved
 * }</pre>
 * The built-in schedules are {@link ExponentialDecay}, {@link PiecewiseConstantDecay} and
 * {@link CosineDecay}. A custom schedule that should be saved with its model implements
 * {@link #className()} and {@link #config()} and is registered with {@link Schedules#register};
 * saving a model whose optimizer uses a lambda schedule fails (docs/saving.md).
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate at the 0-based optimizer step {@code step}. */
    double rate(long step);

    /** The Keras class name ("ExponentialDecay", ...), or null for a schedule that cannot be saved. */
    default String className() {
        return null;
    }

    /** The schedule's arguments under their Keras names (used only when {@link #className()} is set). */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * The Keras serialized form, {@code {"class_name": ..., "config": {...}}}; a schedule without a
     * class name (a lambda) is returned as itself, which survives in memory but not in a file.
     */
    static Object serialize(LearningRateSchedule schedule) {
        if (schedule.className() == null) {
            return schedule;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", schedule.className());
        out.put("config", schedule.config());
        return out;
    }

    /** Rebuilds a schedule from {@link #serialize}'s output, built-in or registered with {@link Schedules#register}. */
    static LearningRateSchedule deserialize(Object serialized) {
        if (serialized instanceof LearningRateSchedule s) {
            return s;
        }
        if (serialized instanceof Map<?, ?> m && m.get("class_name") instanceof String name
                && m.get("config") instanceof Map<?, ?> c) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) c;
            return Schedules.fromConfig(name, config);
        }
        throw new IllegalArgumentException("learning_rate must be a number, a LearningRateSchedule or a map "
                + "with \"class_name\" and \"config\", got " + serialized);
    }
}
