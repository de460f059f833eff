package org.neurite.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 */
public final class Metrics {
    private static final Map<String, Function<String, Metric>> BY_KEY = new LinkedHashMap<>();
    private static final Set<String> NAMES = new TreeSet<>();

    static {
        register(Accuracy::new, "accuracy", "acc");
        register(n -> new BinaryAccuracy(), "binary_accuracy");
        register(n -> new CategoricalAccuracy(), "categorical_accuracy");
        register(n -> new SparseCategoricalAccuracy(), "sparse_categorical_accuracy");
        register(n -> new Precision(), "precision");
        register(n -> new Recall(), "recall");
        register(n -> new F1Score(), "f1_score", "f1");
        register(n -> new AUC(), "auc");
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
        if (factory == null) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; valid names: " + String.join(", ", NAMES)
                    + " (and Metrics.confusionMatrix(numClasses))");
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

    /** The names and aliases {@link #get} accepts, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
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
