package org.neurite.optimizers;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Optimizers by Keras name, for {@code compile("adam", ...)} and for loading saved models.
 *
 * <pre>{@code
 * Optimizer a = Optimizers.get("Adam");                                // new Adam()
 * Optimizer b = Optimizers.fromConfig(saved.name(), saved.config());   // an equal copy, no state
 * }</pre>
 */
public final class Optimizers {
    /** The names {@link #get} accepts (case-insensitive). */
    public static final List<String> NAMES = List.of("adagrad", "adam", "adamw", "rmsprop", "sgd");

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras defaults: "sgd", "adam", "adamw", "rmsprop" or "adagrad".
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static Optimizer get(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "sgd" -> new SGD();
            case "adam" -> new Adam();
            case "adamw" -> new AdamW();
            case "rmsprop" -> new RMSprop();
            case "adagrad" -> new Adagrad();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; valid names: "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * Rebuilds an optimizer from its {@link Optimizer#name()} and {@link Optimizer#config()}. Keys
     * absent from {@code config} keep their defaults; a null value turns an option off.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key or a bad value
     */
    public static Optimizer fromConfig(String name, Map<String, Object> config) {
        Optimizer optimizer = get(name);
        optimizer.applyConfig(config);
        return optimizer;
    }
}
