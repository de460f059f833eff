package org.neurite.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.neurite.layers.ActivationFunction.Probabilities;
import org.neurite.tensor.Tensor;

/**
 * Keras's activations by name or as objects: {@code new Dense(64, "relu")} or {@code new Dense(64, Activations.relu())}.
 *
 * <p>A custom activation is registered once under a name, and is then used, saved and loaded by
 * that name like a built-in one:
 *
 * <pre>{@code
 * Activations.register("swish", x -> x.mul(x.sigmoid()));
 * new Dense(64, "swish");                          // or new Dense(64, Activations.get("swish"))
 * }</pre>
 * A layer is saved with the activation's {@link ActivationFunction#name()}; an unnamed lambda
 * ({@code "custom"}) is saved but its model cannot be loaded (docs/saving.md).
 */
public final class Activations {
    /** Names of the built-in activations accepted by {@link #get(String)}. */
    public static final List<String> NAMES =
            List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "gelu", "leaky_relu");
    private static final Map<String, ActivationFunction> CUSTOM = new ConcurrentHashMap<>();

    private Activations() {
    }

    public static ActivationFunction linear() {
        return named("linear", x -> x, Probabilities.NONE, true);
    }

    public static ActivationFunction relu() {
        return named("relu", Tensor::relu, Probabilities.NONE, true);
    }

    public static ActivationFunction sigmoid() {
        return named("sigmoid", Tensor::sigmoid, Probabilities.SIGMOID, true);
    }

    public static ActivationFunction tanh() {
        return named("tanh", Tensor::tanh, Probabilities.NONE, true);
    }

    /** Softmax over the last axis. */
    public static ActivationFunction softmax() {
        return named("softmax", Tensor::softmax, Probabilities.SOFTMAX, false);
    }

    /** ELU with alpha 1, as Keras. */
    public static ActivationFunction elu() {
        return named("elu", Tensor::elu, Probabilities.NONE, true);
    }

    /** The exact (erf) GELU, Keras's default; it dips below zero, so it is not non-decreasing. */
    public static ActivationFunction gelu() {
        return named("gelu", Tensor::gelu, Probabilities.NONE, false);
    }

    /** Leaky ReLU with Keras 3's default negative slope 0.2. */
    public static ActivationFunction leakyRelu() {
        return leakyRelu(0.2);
    }

    public static ActivationFunction leakyRelu(double negativeSlope) {
        return named("leaky_relu", x -> x.leakyRelu(negativeSlope), Probabilities.NONE, negativeSlope >= 0);
    }

    /**
     * Registers (or replaces) a custom activation under {@code name} (matched ignoring case), so
     * that {@link #get}, layers given the name ({@code new Dense(8, name)}) and {@code Model.load}
     * know it. The registered function is kept under that name: {@code get(name).name()} returns
     * {@code name} whatever {@code function.name()} says. An activation with options is registered
     * once per setting, each under its own name ({@code "scaled_tanh_2"}).
     *
     * @throws IllegalArgumentException for a blank name, a null function, "custom" or a built-in name
     */
    public static void register(String name, ActivationFunction function) {
        if (name == null || name.isBlank() || function == null) {
            throw new IllegalArgumentException("Activations.register needs a name and a function, got " + name);
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(key) || "custom".equals(key)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in activation name and cannot be replaced; "
                    + "give the custom activation another name");
        }
        CUSTOM.put(key, named(name, function::apply, Probabilities.NONE, false));
    }

    /** Whether {@link #get} knows {@code name}: a built-in activation or one registered with {@link #register}. */
    public static boolean isKnown(String name) {
        return name == null || NAMES.contains(name.toLowerCase(Locale.ROOT))
                || CUSTOM.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The built-in and registered activation names, sorted. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(NAMES);
        CUSTOM.values().forEach(f -> names.add(f.name()));
        return names;
    }

    /**
     * The activation called {@code name} (case-insensitive; null means linear), built-in or
     * registered with {@link #register}.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static ActivationFunction get(String name) {
        if (name == null) {
            return linear();
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "linear": return linear();
            case "relu": return relu();
            case "sigmoid": return sigmoid();
            case "tanh": return tanh();
            case "softmax": return softmax();
            case "elu": return elu();
            case "gelu": return gelu();
            case "leaky_relu": return leakyRelu();
            default:
                ActivationFunction custom = CUSTOM.get(name.toLowerCase(Locale.ROOT));
                if (custom != null) {
                    return custom;
                }
                throw new IllegalArgumentException("unknown activation '" + name + "'; valid names: " + names()
                        + "; register a custom activation with Activations.register(\"" + name + "\", x -> ...)");
        }
    }

    private static ActivationFunction named(String name, UnaryOperator<Tensor> f, Probabilities probabilities,
                                            boolean nonDecreasing) {
        return new ActivationFunction() {
            @Override
            public Tensor apply(Tensor x) {
                return f.apply(x);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Probabilities probabilities() {
                return probabilities;
            }

            @Override
            public boolean isNonDecreasing() {
                return nonDecreasing;
            }
        };
    }
}
