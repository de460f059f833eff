package org.neurite.layers;

import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * The difference {@code a - b} of exactly two inputs of the same shape, as Keras {@code Subtract}.
 *
 * <pre>{@code Node diff = new Subtract().apply(a, b);}</pre>
 */
public final class Subtract extends ElementwiseMerge {
    @Override
    protected void requireInputCount(int count, List<long[]> shapes) {
        if (count != 2) {
            throw error("needs exactly 2 inputs, got " + count, shapes);
        }
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        return inputs.get(0).sub(inputs.get(1));
    }
}
