package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code max(x, 0)}; d/dx = 1 where x > 0. */
public final class Relu extends Op {

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.call("relu", new INDArray[]{x}, null, new double[]{0.0}, null)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Native.call("relu_bp", x, g)[0]};
    }
}
