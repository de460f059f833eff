package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.PerExampleGradient;

/**
 * The per-example gradients of {@code W} in {@code x W} with one row per example,
 * {@code x_i^T g_i}, never built (Goodfellow 2015, "Efficient per-example gradient computations"):
 * {@code ||x_i^T g_i||^2 = ||x_i||^2 ||g_i||^2}, and {@code sum_i w_i x_i^T g_i = x^T diag(w) g},
 * one GEMM, as cheap as the ordinary gradient.
 */
final class OuterProducts implements PerExampleGradient {
    private final INDArray x;
    private final INDArray g;

    /** {@code x [n, in]}, {@code g [n, out]}. */
    OuterProducts(INDArray x, INDArray g) {
        this.x = ConvKernels.contiguous(x);
        this.g = ConvKernels.contiguous(g);
    }

    @Override
    public INDArray squaredNorms() {
        INDArray xn = x.norm2(1);
        INDArray gn = g.norm2(1);
        return xn.muli(xn).muli(gn).muli(gn);
    }

    @Override
    public void addWeightedSum(INDArray weights, INDArray into) {
        INDArray weighted = g.mulColumnVector(weights.reshape(g.size(0), 1).castTo(g.dataType()));
        into.addi(Native.gemm(x, weighted, true, false).reshape(into.shape()));
    }
}
