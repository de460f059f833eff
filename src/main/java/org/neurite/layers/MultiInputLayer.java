package org.neurite.layers;

import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * A layer that takes several inputs (merge layers, attention): it builds for a list of shapes
 * and computes on a list of tensors. Applied with {@code layer.apply(a, b)} in a functional model.
 */
public abstract class MultiInputLayer extends Layer {

    /** Creates the weights for the inputs' shapes (no batch dimension) and returns the output shape. */
    @Override
    protected abstract long[] onBuild(List<long[]> inputShapes);

    @Override
    public abstract Tensor forward(List<Tensor> inputs, boolean training);

    @Override
    protected final long[] onBuild(long[] inputShape) {
        return onBuild(List.of(inputShape));
    }

    @Override
    public final Tensor forward(Tensor x, boolean training) {
        return forward(List.of(x), training);
    }
}
