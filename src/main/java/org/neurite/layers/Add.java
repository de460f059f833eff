package org.neurite.layers;

import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * The elementwise sum of two or more inputs of the same shape, as Keras {@code Add}.
 *
 * <pre>{@code Node sum = new Add().apply(a, b);}</pre>
 */
public final class Add extends ElementwiseMerge {
    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = out.add(inputs.get(i));
        }
        return out;
    }
}
