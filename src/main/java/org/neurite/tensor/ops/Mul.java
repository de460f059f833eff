package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code a * b} elementwise with broadcasting; d/da = b, d/db = a. */
public final class Mul extends Op {
    private INDArray a;
    private INDArray b;

    @Override
    public INDArray forward(INDArray... in) {
        a = in[0];
        b = in[1];
        return Native.call("multiply", a, b)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{
                needs[0] ? Shapes.reduceTo(Native.call("multiply", g, b)[0], a.shape()) : null,
                needs[1] ? Shapes.reduceTo(Native.call("multiply", g, a)[0], b.shape()) : null};
    }
}
