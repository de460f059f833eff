package org.neurite.layers;

import org.neurite.tensor.Tensor;

/** An elementwise (or, for softmax, last-axis) activation. Built-ins come from {@link Activations}. */
@FunctionalInterface
public interface ActivationFunction {
    Tensor apply(Tensor x);

    /** The Keras name ("relu", "softmax", ...); "custom" for user lambdas. */
    default String name() {
        return "custom";
    }
}
