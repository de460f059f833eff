package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean over axes (all when none); d/dx = 1/n for the n elements averaged. */
public final class Mean extends Reduction {
    public Mean(int[] axes, boolean keepDims) {
        super(axes, keepDims);
    }

    @Override
    public INDArray forward(INDArray... in) {
        bind(in[0]);
        return reduce(in[0], Kind.MEAN);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Shapes.expand(g, inputShape, axes).divi(Shapes.reducedCount(inputShape, axes))};
    }
}
