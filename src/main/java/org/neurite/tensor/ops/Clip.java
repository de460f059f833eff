package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Clamps to {@code [min, max]}; the gradient passes only where x is inside. */
public final class Clip extends Op {
    private final double min;
    private final double max;

    public Clip(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clip: min " + min + " is greater than max " + max);
        }
        this.min = min;
        this.max = max;
    }

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Native.call("clipbyvalue", new INDArray[]{x}, null, new double[]{min, max}, null)[0];
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.mul(x.gte(min).castTo(x.dataType()).muli(x.lte(max).castTo(x.dataType())))};
    }
}
