package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/**
 * Maximum over axes (all when none). The gradient goes to the maximal elements, shared equally
 * among ties (as TensorFlow does).
 */
public final class Max extends Reduction {
    private INDArray x;
    private INDArray out;

    public Max(int[] axes, boolean keepDims) {
        super(axes, keepDims);
    }

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        bind(x);
        out = reduce(x, Kind.MAX);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray kept = out.reshape('c', Shapes.keptShape(inputShape, axes));
        INDArray mask = Native.cast(Native.call("equals", x, kept)[0], x.dataType());
        INDArray ties = Native.reduce("sum", mask, true, dims());
        INDArray share = Native.call("divide", g.reshape('c', kept.shape()), ties)[0];
        return new INDArray[]{Native.call("multiply", mask, share)[0]};
    }
}
