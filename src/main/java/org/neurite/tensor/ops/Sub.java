package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code a - b} with broadcasting; d/da = 1, d/db = -1. */
public final class Sub extends Op {
    private long[] aShape;
    private long[] bShape;

    @Override
    public INDArray forward(INDArray... in) {
        aShape = in[0].shape();
        bShape = in[1].shape();
        return Native.call("subtract", in[0], in[1])[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{
                needs[0] ? Shapes.reduceTo(g, aShape) : null,
                needs[1] ? Shapes.reduceTo(g, bShape).neg() : null};
    }
}
