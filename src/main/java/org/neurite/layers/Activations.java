package org.neurite.layers;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.neurite.tensor.Tensor;

/** Keras's activations by name or as objects: {@code new Dense(64, "relu")} or {@code new Dense(64, Activations.relu())}. */
public final class Activations {
    /** Names accepted by {@link #get(String)}. */
    public static final List<String> NAMES =
            List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "gelu", "leaky_relu");

    private Activations() {
    }

    public static ActivationFunction linear() {
        return named("linear", x -> x);
    }

    public static ActivationFunction relu() {
        return named("relu", Tensor::relu);
    }

    public static ActivationFunction sigmoid() {
        return named("sigmoid", Tensor::sigmoid);
    }

    public static ActivationFunction tanh() {
        return named("tanh", Tensor::tanh);
    }

    /** Softmax over the last axis. */
    public static ActivationFunction softmax() {
        return named("softmax", Tensor::softmax);
    }

    /** ELU with alpha 1, as Keras. */
    public static ActivationFunction elu() {
        return named("elu", Tensor::elu);
    }

    /** The exact (erf) GELU, Keras's default. */
    public static ActivationFunction gelu() {
        return named("gelu", Tensor::gelu);
    }

    /** Leaky ReLU with Keras 3's default negative slope 0.2. */
    public static ActivationFunction leakyRelu() {
        return leakyRelu(0.2);
    }

    public static ActivationFunction leakyRelu(double negativeSlope) {
        return named("leaky_relu", x -> x.leakyRelu(negativeSlope));
    }

    /**
     * The activation called {@code name} (case-insensitive; null means linear).
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
                throw new IllegalArgumentException("unknown activation '" + name + "'; valid names: " + NAMES);
        }
    }

    private static ActivationFunction named(String name, UnaryOperator<Tensor> f) {
        return new ActivationFunction() {
            @Override
            public Tensor apply(Tensor x) {
                return f.apply(x);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
