package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * {@code x - logsumexp(x)} along one axis, computed stably; d/dx applied to g is
 * {@code g - softmax(x) * sum(g)}.
 */
public final class LogSoftmax extends Op {
    private final int axis;
    private INDArray out;
    private int dim;

    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    @Override
    public INDArray forward(INDArray... in) {
        INDArray x = in[0];
        dim = Shapes.normalize(axis, x.rank());
        INDArray shifted = Native.call("subtract", x, x.max(true, dim))[0];
        INDArray logSum = Native.log(Native.exp(shifted, true).sum(true, dim), false);
        out = Native.call("subtract", shifted, logSum)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray softmax = Native.exp(out, true);
        INDArray scaled = Native.call("multiply", softmax, g.sum(true, dim))[0];
        return new INDArray[]{g.sub(scaled)};
    }
}
