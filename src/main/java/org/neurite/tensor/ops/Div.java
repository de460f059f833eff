package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code a / b} elementwise with broadcasting; d/da = 1/b, d/db = -a/b^2 = -out/b. */
public final class Div extends Op {
    private INDArray a;
    private INDArray b;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        a = in[0];
        b = in[1];
        out = Native.call("divide", a, b)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray gOverB = Native.call("divide", g, b)[0];
        return new INDArray[]{
                needs[0] ? Shapes.reduceTo(gOverB, a.shape()) : null,
                needs[1] ? Shapes.reduceTo(Native.call("multiply", gOverB, out)[0].negi(), b.shape()) : null};
    }
}
