package org.neurite.layers;

import java.util.Arrays;
import java.util.List;

import org.neurite.tensor.Tensor;

/**
 * A merge of inputs of one shape, element by element ({@link Add}, {@link Subtract},
 * {@link Multiply}, {@link Average}). Unlike Keras, which also broadcasts, the shapes must match
 * exactly; the error names the layer and every input shape.
 */
abstract class ElementwiseMerge extends Merge {

    @Override
    protected final long[] mergeShapes(List<long[]> inputShapes) {
        requireSameShapes(inputShapes);
        return inputShapes.get(0).clone();
    }

    @Override
    public final Tensor forward(List<Tensor> inputs, boolean training) {
        List<long[]> shapes = shapes(inputs);
        requireInputCount(inputs.size(), shapes);
        requireSameShapes(shapes);
        return merge(inputs);
    }

    /** The merged value of inputs that all have the same shape. */
    protected abstract Tensor merge(List<Tensor> inputs);

    private void requireSameShapes(List<long[]> shapes) {
        long[] first = shapes.get(0);
        for (long[] s : shapes) {
            if (!Arrays.equals(first, s)) {
                throw error("inputs must all have the same shape", shapes);
            }
        }
    }
}
