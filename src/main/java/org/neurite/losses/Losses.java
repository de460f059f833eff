package org.neurite.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The built-in losses by Java method and by Keras name.
 *
 * <pre>{@code
 * Loss a = Losses.sparseCategoricalCrossentropy();
 * Loss b = Losses.get("mse");
 * Loss c = Losses.fromConfig("binary_crossentropy", Map.of("from_logits", true));
 * }</pre>
 *
 * <p>Names are matched ignoring case and underscores, so the Keras function names
 * ({@code "mean_squared_error"}), class names ({@code "MeanSquaredError"}) and aliases
 * ({@code "mse"}, {@code "mae"}, {@code "huber_loss"}) all work.
 *
 * <p>A custom loss that should be saved with its model returns its own name from
 * {@link Loss#name()} and its options from {@link Loss#config()}, and is registered once, before
 * loading, with {@link #register(String, Function)}:
 *
 * <pre>{@code
 * Losses.register("weighted_mse", config -> new WeightedMse(((Number) config.get("weight")).doubleValue()));
 * }</pre>
 */
public final class Losses {
    private static final Map<String, Function<Map<String, Object>, Loss>> BY_KEY = new LinkedHashMap<>();
    private static final Set<String> NAMES = new TreeSet<>();
    private static final Set<String> BUILT_IN_KEYS;
    private static final Map<String, Function<Map<String, Object>, Loss>> CUSTOM = new ConcurrentHashMap<>();

    static {
        register(c -> new MeanSquaredError(), "mean_squared_error", "mse");
        register(c -> new MeanAbsoluteError(), "mean_absolute_error", "mae");
        register(c -> new Huber(number(c, "huber", "delta", Huber.DEFAULT_DELTA)), "huber", "huber_loss");
        register(c -> new BinaryCrossentropy(logits(c, "binary_crossentropy")), "binary_crossentropy");
        register(c -> new CategoricalCrossentropy(logits(c, "categorical_crossentropy")), "categorical_crossentropy");
        register(c -> new SparseCategoricalCrossentropy(logits(c, "sparse_categorical_crossentropy")),
                "sparse_categorical_crossentropy");
        BUILT_IN_KEYS = Set.copyOf(BY_KEY.keySet());
    }

    /**
     * Registers (or replaces) the factory of a custom loss named {@code name} (its
     * {@link Loss#name()}), so that {@link #get}, {@link #fromConfig}, {@code compile("adam", name)}
     * and {@code Model.load} know it. The factory reads the map the loss's {@link Loss#config()}
     * wrote (without Keras's {@code name} and {@code reduction}); it must return a loss with that
     * name. Names are matched as the built-in ones, ignoring case and underscores.
     *
     * @throws IllegalArgumentException for a blank name, a null factory or the name of a built-in loss
     */
    public static void register(String name, Function<Map<String, Object>, Loss> factory) {
        if (name == null || name.isBlank() || factory == null) {
            throw new IllegalArgumentException("Losses.register needs a name and a factory, got " + name);
        }
        if (BUILT_IN_KEYS.contains(key(name))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in loss and cannot be replaced; "
                    + "give the custom loss another name");
        }
        CUSTOM.put(key(name), factory);
        synchronized (NAMES) {
            NAMES.add(name);
        }
    }

    /** Whether {@link #fromConfig} knows {@code name}: a built-in loss or one registered with {@link #register}. */
    public static boolean isKnown(String name) {
        return name != null && (BY_KEY.containsKey(key(name)) || CUSTOM.containsKey(key(name)));
    }

    private Losses() {
    }

    /** {@link MeanSquaredError}. */
    public static Loss meanSquaredError() {
        return new MeanSquaredError();
    }

    /** {@link MeanAbsoluteError}. */
    public static Loss meanAbsoluteError() {
        return new MeanAbsoluteError();
    }

    /** {@link Huber} with {@code delta = 1.0}. */
    public static Loss huber() {
        return new Huber();
    }

    /** {@link BinaryCrossentropy} on probabilities. */
    public static Loss binaryCrossentropy() {
        return new BinaryCrossentropy();
    }

    /** {@link CategoricalCrossentropy} on probabilities. */
    public static Loss categoricalCrossentropy() {
        return new CategoricalCrossentropy();
    }

    /** {@link SparseCategoricalCrossentropy} on probabilities. */
    public static Loss sparseCategoricalCrossentropy() {
        return new SparseCategoricalCrossentropy();
    }

    /**
     * The loss with this Keras name or alias, with default options.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Loss get(String name) {
        return fromConfig(name, Map.of());
    }

    /**
     * Rebuilds a loss from its name and {@link Loss#config()}. Accepted keys: {@code from_logits}
     * (the cross-entropies), {@code delta} (Huber), and Keras's {@code name} (ignored) and
     * {@code reduction} (only {@code "sum_over_batch_size"}).
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key or a value of the wrong type
     */
    public static Loss fromConfig(String name, Map<String, ?> config) {
        Function<Map<String, Object>, Loss> factory = name == null ? null
                : BY_KEY.getOrDefault(key(name), CUSTOM.get(key(name)));
        if (factory == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "'; valid names: " + String.join(", ", names())
                    + "; register a custom loss with Losses.register(\"" + name + "\", config -> new ...)");
        }
        Map<String, Object> options = new LinkedHashMap<>(config == null ? Map.of() : config);
        options.remove("name");
        Object reduction = options.remove("reduction");
        if (reduction != null && !"sum_over_batch_size".equals(reduction)) {
            throw new IllegalArgumentException("loss '" + name + "': only reduction \"sum_over_batch_size\" is "
                    + "supported, got \"" + reduction + "\"");
        }
        Loss loss = factory.apply(options);
        if (!loss.config().keySet().containsAll(options.keySet())) {
            Set<String> unknown = new TreeSet<>(options.keySet());
            unknown.removeAll(loss.config().keySet());
            throw new IllegalArgumentException(loss.name() + ": unknown config keys " + unknown + "; accepted: "
                    + new TreeSet<>(loss.config().keySet()) + " plus name and reduction");
        }
        return loss;
    }

    /** The canonical names and aliases {@link #get} accepts, registered custom losses included, sorted. */
    public static Set<String> names() {
        synchronized (NAMES) {
            return Collections.unmodifiableSet(new TreeSet<>(NAMES));
        }
    }

    private static void register(Function<Map<String, Object>, Loss> factory, String... names) {
        for (String n : names) {
            BY_KEY.put(key(n), factory);
            NAMES.add(n);
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean logits(Map<String, Object> config, String loss) {
        Object v = config.getOrDefault("from_logits", Boolean.FALSE);
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException(loss + ": from_logits must be a boolean, got " + v);
        }
        return (Boolean) v;
    }

    private static double number(Map<String, Object> config, String loss, String key, double fallback) {
        Object v = config.getOrDefault(key, fallback);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(loss + ": " + key + " must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }
}
