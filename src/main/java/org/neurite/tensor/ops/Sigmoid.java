package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Logistic sigmoid; d/dx = s(1 - s). */
public final class Sigmoid extends Op {

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.call("sigmoid", x)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Native.call("sigmoid_bp", x, g)[0]};
    }
}
