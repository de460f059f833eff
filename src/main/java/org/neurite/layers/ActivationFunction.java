package org.neurite.layers;

import org.neurite.tensor.Tensor;

/**
 * An elementwise (or, for softmax, last-axis) activation. Built-ins come from {@link Activations}.
 * Besides the function, an activation declares the properties the fast paths rely on, so that they
 * never match names: which probabilities it outputs (a matching cross-entropy then takes the
 * logits instead) and whether it never decreases (a following max pooling may then run first).
 * A custom activation declares neither, and runs on the plain path.
 */
@FunctionalInterface
public interface ActivationFunction {
    /** Which probabilities an activation's outputs are, for a loss that can start from the logits. */
    enum Probabilities {
        /** Not probabilities a loss knows the logits form of. */
        NONE,
        /** softmax over the last axis: categorical cross-entropies take the logits. */
        SOFTMAX,
        /** the elementwise sigmoid: binary cross-entropy takes the logits. */
        SIGMOID
    }

    Tensor apply(Tensor x);

    /** The Keras name ("relu", "softmax", ...); "custom" for user lambdas. */
    default String name() {
        return "custom";
    }

    /** Which probabilities the outputs are ({@link Probabilities#NONE} unless declared). */
    default Probabilities probabilities() {
        return Probabilities.NONE;
    }

    /**
     * Whether this is elementwise and {@code x <= y} implies {@code f(x) <= f(y)}: then
     * {@code maxpool(f(z)) == f(maxpool(z))} exactly (false unless declared).
     */
    default boolean isNonDecreasing() {
        return false;
    }
}
