package org.neurite.layers;

import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * The elementwise mean of two or more inputs of the same shape, as Keras {@code Average}.
 *
 * <pre>{@code Node mean = new Average().apply(a, b, c);}</pre>
 */
public final class Average extends ElementwiseMerge {
    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor sum = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            sum = sum.add(inputs.get(i));
        }
        return sum.div(inputs.size());
    }
}
