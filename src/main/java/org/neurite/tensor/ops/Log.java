package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Natural logarithm; d/dx = 1/x. */
public final class Log extends Op {

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.log(x, true);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.div(x)};
    }
}
