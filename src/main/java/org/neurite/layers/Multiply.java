package org.neurite.layers;

import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * The elementwise product of two or more inputs of the same shape, as Keras {@code Multiply}.
 *
 * <pre>{@code Node gated = new Multiply().apply(values, gates);}</pre>
 */
public final class Multiply extends ElementwiseMerge {
    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = out.mul(inputs.get(i));
        }
        return out;
    }
}
