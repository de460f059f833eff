package org.neurite.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.neurite.losses.Loss;

/**
 * The built-in metrics by Java method and by Keras name, and Keras's resolution of
 * {@code "accuracy"} against the loss.
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
 * Metric acc = Metrics.resolve("accuracy", Losses.binaryCrossentropy());   // a BinaryAccuracy named "accuracy"
 * Metric auc = Metrics.get("auc");
 * }</pre>
 *
 * <p>Names are matched ignoring case and underscores ({@code "f1_score"}, {@code "F1Score"}).
 * {@link ConfusionMatrix} needs a class count, so it has no name here: use
 * {@link #confusionMatrix(int)}.
 *
 * <p>A custom metric that should be saved with its model returns its own name from
 * {@link Metric#name()} (and any options from {@link Metric#config()}) and is registered once,
 * before loading, with {@link #register(String, Function)}:
 *
 * <pre>{@code
 * Metrics.register("max_error", config -> new MaxError());
 * }</pre>
 */
public final class Metrics {
    private static final Map<String, Function<String, Metric>> BY_KEY = new LinkedHashMap<>();
    private static final Set<String> NAMES = new TreeSet<>();
    private static final Set<String> BUILT_IN_KEYS;
    private static final Map<String, Function<Map<String, Object>, Metric>> CUSTOM = new ConcurrentHashMap<>();

    static {
        register(Accuracy::new, "accuracy", "acc");
        register(n -> new BinaryAccuracy(), "binary_accuracy");
        register(n -> new CategoricalAccuracy(), "categorical_accuracy");
        register(n -> new SparseCategoricalAccuracy(), "sparse_categorical_accuracy");
        register(n -> new Precision(), "precision");
        register(n -> new Recall(), "recall");
        register(n -> new F1Score(), "f1_score", "f1");
        register(n -> new AUC(), "auc");
        BUILT_IN_KEYS = Set.copyOf(BY_KEY.keySet());
    }

    /**
     * Registers (or replaces) the factory of a custom metric named {@code name} (its
     * {@link Metric#name()}), so that {@link #get}, {@code compile(.., "name")} and
     * {@code Model.load} know it. The factory reads the map the metric's {@link Metric#config()}
     * wrote (empty for a metric without options) and returns a new metric that has seen nothing.
     *
     * @throws IllegalArgumentException for a blank name, a null factory or the name of a built-in metric
     */
    public static void register(String name, Function<Map<String, Object>, Metric> factory) {
        if (name == null || name.isBlank() || factory == null) {
            throw new IllegalArgumentException("Metrics.register needs a name and a factory, got " + name);
        }
        if (BUILT_IN_KEYS.contains(key(name)) || key(name).equals(key("confusion_matrix"))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in metric and cannot be replaced; "
                    + "give the custom metric another name");
        }
        CUSTOM.put(key(name), factory);
        synchronized (NAMES) {
            NAMES.add(name);
        }
    }

    /** Whether {@link #get} knows {@code name}: a built-in metric or one registered with {@link #register}. */
    public static boolean isKnown(String name) {
        return name != null && (BY_KEY.containsKey(key(name)) || CUSTOM.containsKey(key(name)));
    }

    /**
     * The metric called {@code name} rebuilt from its {@link Metric#config()}: a registered custom
     * metric gets {@code config}; a built-in one takes no options (metrics are restored by name).
     *
     * @throws IllegalArgumentException for an unknown name, saying how to register it
     */
    public static Metric fromConfig(String name, Map<String, Object> config) {
        Function<Map<String, Object>, Metric> custom = name == null ? null : CUSTOM.get(key(name));
        if (custom != null && !BY_KEY.containsKey(key(name))) {
            return custom.apply(config == null ? Map.of() : config);
        }
        return get(name);
    }

    private Metrics() {
    }

    /**
     * Keras's {@code "accuracy"}: a marker that a model resolves against its loss with
     * {@link #resolve(Metric, Loss)}; used directly it chooses by shapes (see {@link Accuracy}).
     */
    public static Metric accuracy() {
        return new Accuracy();
    }

    public static Metric binaryAccuracy() {
        return new BinaryAccuracy();
    }

    public static Metric categoricalAccuracy() {
        return new CategoricalAccuracy();
    }

    public static Metric sparseCategoricalAccuracy() {
        return new SparseCategoricalAccuracy();
    }

    public static Metric precision() {
        return new Precision();
    }

    public static Metric recall() {
        return new Recall();
    }

    public static Metric f1Score() {
        return new F1Score();
    }

    public static Metric auc() {
        return new AUC();
    }

    public static ConfusionMatrix confusionMatrix(int numClasses) {
        return new ConfusionMatrix(numClasses);
    }

    /**
     * The metric with this Keras name or alias; {@code "accuracy"} and {@code "acc"} give an
     * unresolved {@link Accuracy} (prefer {@link #resolve(String, Loss)} when the loss is known).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Metric get(String name) {
        Function<String, Metric> factory = name == null ? null : BY_KEY.get(key(name));
        if (factory == null && name != null && CUSTOM.containsKey(key(name))) {
            return CUSTOM.get(key(name)).apply(Map.of());
        }
        if (factory == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; valid names: " + String.join(", ", names())
                    + " (and Metrics.confusionMatrix(numClasses)); register a custom metric with Metrics.register(\""
                    + name + "\", config -> new ...)");
        }
        return factory.apply(name);
    }

    /**
     * The metric a model compiled with {@code loss} uses for {@code nameOrAlias}, as Keras does:
     * {@code "accuracy"}/{@code "acc"} becomes {@link BinaryAccuracy} for
     * {@code binary_crossentropy}, {@link SparseCategoricalAccuracy} for
     * {@code sparse_categorical_crossentropy} and {@link CategoricalAccuracy} for
     * {@code categorical_crossentropy}, keeping the name the user wrote. For any other loss it
     * stays an {@link Accuracy} that picks by the output shape at its first batch (binary when the
     * last axis is 1), Keras 3's rule. Other names are {@link #get(String)}.
     */
    public static Metric resolve(String nameOrAlias, Loss loss) {
        Metric metric = get(nameOrAlias);
        return metric instanceof Accuracy ? accuracyFor(loss, (Accuracy) metric) : metric;
    }

    /** {@link #resolve(String, Loss)} for an unresolved {@link Accuracy}; any other metric is returned as is. */
    public static Metric resolve(Metric metric, Loss loss) {
        if (metric instanceof Accuracy && ((Accuracy) metric).resolved() == null) {
            return accuracyFor(loss, (Accuracy) metric);
        }
        return metric;
    }

    private static Metric accuracyFor(Loss loss, Accuracy marker) {
        String name = marker.name();
        switch (loss == null ? "" : loss.name()) {
            case "binary_crossentropy":
                return new BinaryAccuracy(name, 0.5);
            case "sparse_categorical_crossentropy":
                return new SparseCategoricalAccuracy(name);
            case "categorical_crossentropy":
                return new CategoricalAccuracy(name);
            default:
                return marker;
        }
    }

    /** The names and aliases {@link #get} accepts, registered custom metrics included, sorted. */
    public static Set<String> names() {
        synchronized (NAMES) {
            return Collections.unmodifiableSet(new TreeSet<>(NAMES));
        }
    }

    private static void register(Function<String, Metric> factory, String... names) {
        for (String n : names) {
            BY_KEY.put(key(n), factory);
            NAMES.add(n);
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
