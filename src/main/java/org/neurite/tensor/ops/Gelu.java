package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}, as Keras's default. Written out because ND4J's
 * {@code GELU} is the sigmoid approximation and its {@code PreciseGELU} is wrong in M2.1.
 * d/dx = {@code 0.5 (1 + erf(x / sqrt 2)) + x exp(-x^2 / 2) / sqrt(2 pi)}.
 */
public final class Gelu extends Op {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private INDArray x;
    private INDArray cdf;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        cdf = Native.legacy(new Erf(x.mul(INV_SQRT2))).addi(1).muli(0.5);
        return x.mul(cdf);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray pdf = Native.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
        return new INDArray[]{pdf.muli(x).addi(cdf).muli(g)};
    }
}
