package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Elementwise power {@code x^p} for a constant p; d/dx = p x^(p-1). */
public final class Pow extends Op {
    private final double p;

    public Pow(double exponent) {
        this.p = exponent;
    }

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.pow(x, p, true);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.mul(Native.pow(x, p - 1, true)).muli(p)};
    }
}
