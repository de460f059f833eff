package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code a + b} with broadcasting; d/da = d/db = 1 (reduced to each shape). */
public final class Add extends Op {
    private long[] aShape;
    private long[] bShape;

    @Override
    public INDArray forward(INDArray... in) {
        aShape = in[0].shape();
        bShape = in[1].shape();
        return Native.call("add", in[0], in[1])[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{
                needs[0] ? Shapes.reduceTo(g, aShape) : null,
                needs[1] ? Shapes.reduceTo(g, bShape) : null};
    }
}
