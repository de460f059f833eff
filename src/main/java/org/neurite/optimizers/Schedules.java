package org.neurite.optimizers;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Learning-rate schedules by Keras class name, for loading saved models. The built-in
 * {@link ExponentialDecay}, {@link PiecewiseConstantDecay} and {@link CosineDecay} are known; a
 * custom schedule implements {@link LearningRateSchedule#className()} and
 * {@link LearningRateSchedule#config()} and registers how to rebuild it, once, before loading:
 *
 * <pre>{@code
 * Schedules.register("InverseTimeDecay", config -> new InverseTimeDecay(
 *         ((Number) config.get("initial_learning_rate")).doubleValue()));
 * }</pre>
 *
 * A lambda schedule has no class name and cannot be saved: saving a model compiled with one fails
 * (docs/saving.md).
 */
public final class Schedules {
    private static final Set<String> BUILT_IN = Set.of("ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay");
    private static final Map<String, Function<Map<String, Object>, LearningRateSchedule>> CUSTOM =
            new ConcurrentHashMap<>();

    private Schedules() {
    }

    /**
     * Registers (or replaces) how to rebuild the custom schedule whose
     * {@link LearningRateSchedule#className()} is {@code className}; the factory reads the map its
     * {@link LearningRateSchedule#config()} wrote.
     *
     * @throws IllegalArgumentException for a blank name, a null factory or a built-in class name
     */
    public static void register(String className, Function<Map<String, Object>, LearningRateSchedule> factory) {
        if (className == null || className.isBlank() || factory == null) {
            throw new IllegalArgumentException("Schedules.register needs a class name and a factory, got " + className);
        }
        if (BUILT_IN.contains(className)) {
            throw new IllegalArgumentException("'" + className + "' is a built-in schedule and cannot be replaced");
        }
        CUSTOM.put(className, factory);
    }

    /** Whether {@link #fromConfig} knows {@code className} (built-in or registered). */
    public static boolean isKnown(String className) {
        return className != null && (BUILT_IN.contains(className) || CUSTOM.containsKey(className));
    }

    /** The class names {@link #fromConfig} knows, sorted. */
    public static Set<String> classNames() {
        Set<String> names = new TreeSet<>(BUILT_IN);
        names.addAll(CUSTOM.keySet());
        return names;
    }

    /**
     * The schedule of class {@code className} rebuilt from its config.
     *
     * @throws IllegalArgumentException for an unknown class name (saying how to register it) or a bad config
     */
    public static LearningRateSchedule fromConfig(String className, Map<String, Object> config) {
        Map<String, Object> c = config == null ? Map.of() : config;
        if (className != null) {
            switch (className) {
                case "ExponentialDecay":
                    return ExponentialDecay.fromConfig(c);
                case "PiecewiseConstantDecay":
                    return PiecewiseConstantDecay.fromConfig(c);
                case "CosineDecay":
                    return CosineDecay.fromConfig(c);
                default:
                    break;
            }
        }
        Function<Map<String, Object>, LearningRateSchedule> factory = className == null ? null : CUSTOM.get(className);
        if (factory == null) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + className + "'; known: "
                    + classNames() + "; register a custom schedule with Schedules.register(\"" + className
                    + "\", config -> new ...) before loading");
        }
        return factory.apply(c);
    }
}
