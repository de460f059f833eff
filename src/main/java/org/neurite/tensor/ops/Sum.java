package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Sum over axes (all when none); d/dx = 1, so the gradient is broadcast back. */
public final class Sum extends Reduction {
    public Sum(int[] axes, boolean keepDims) {
        super(axes, keepDims);
    }

    @Override
    public INDArray forward(INDArray... in) {
        bind(in[0]);
        return reduce(in[0], Kind.SUM);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Shapes.expand(g, inputShape, axes)};
    }
}
