package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** {@code x} for x > 0, {@code alpha x} otherwise. */
public final class LeakyRelu extends Op {
    private final double alpha;

    public LeakyRelu(double alpha) {
        this.alpha = alpha;
    }

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.call("lrelu", new INDArray[]{x}, null, new double[]{alpha}, null)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Native.call("lrelu_bp", new INDArray[]{x, g}, null, new double[]{alpha}, null)[0]};
    }
}
