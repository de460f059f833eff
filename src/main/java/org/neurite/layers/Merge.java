package org.neurite.layers;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * What the merge layers share ({@link Add}, {@link Subtract}, {@link Multiply}, {@link Average},
 * {@link Concatenate}): two or more inputs, no weights, and the output's step mask is the logical
 * AND of the inputs' masks (an input without a mask counts as all ones; null when none has one).
 */
abstract class Merge extends MultiInputLayer {

    @Override
    protected final long[] onBuild(List<long[]> inputShapes) {
        requireInputCount(inputShapes.size(), inputShapes);
        return mergeShapes(inputShapes);
    }

    /** Checks the (per-example) input shapes and returns the output shape. */
    protected abstract long[] mergeShapes(List<long[]> inputShapes);

    /** Throws unless the layer takes {@code count} inputs; at least two by default. */
    protected void requireInputCount(int count, List<long[]> shapes) {
        if (count < 2) {
            throw error("needs at least 2 inputs, got " + count, shapes);
        }
    }

    /** An error naming the layer, the problem and every input shape. */
    protected final IllegalArgumentException error(String problem, List<long[]> shapes) {
        return new IllegalArgumentException(name() + " (" + className() + "): " + problem + "; input shapes "
                + describe(shapes));
    }

    /** The batch shapes of {@code inputs}, for errors raised in forward. */
    protected static List<long[]> shapes(List<Tensor> inputs) {
        return inputs.stream().map(Tensor::shape).toList();
    }

    static String describe(List<long[]> shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(Arrays.toString(shapes.get(i)));
        }
        return sb.toString();
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return andMasks(inputs);
    }

    /** The product (AND) of the inputs' 0/1 masks, in the first mask's type; null when none has one. */
    static INDArray andMasks(List<Tensor> inputs) {
        INDArray out = null;
        boolean copied = false;
        for (Tensor t : inputs) {
            INDArray m = t.mask();
            if (m == null) {
                continue;
            }
            if (out == null) {
                out = m;
            } else {
                out = copied ? out.muli(m.castTo(out.dataType())) : out.mul(m.castTo(out.dataType()));
                copied = true;
            }
        }
        return out;
    }
}
