package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;
import org.neurite.tensor.PerExampleGradient;

/**
 * The vectorised pieces of per-example gradients ({@link org.neurite.tensor.Op#perExample}): the
 * weight gradient of a product {@code X W} is {@code X^T G}, a sum over rows; grouping the rows by
 * example turns it into one batched product, {@code dW_i = X_i^T G_i}, at the cost of the ordinary
 * gradient (the same multiplications, kept apart instead of summed).
 */
final class PerExampleKernels {
    private PerExampleKernels() {
    }

    /**
     * Example i's {@code X_i^T G_i}, for {@code x [R, a]} and {@code g [R, b]} whose
     * {@code R = n * rows} rows are grouped by example (example-major); with one row per example
     * they are never built ({@link OuterProducts}).
     */
    static PerExampleGradient products(INDArray x, INDArray g, int n) {
        long rows = x.size(0) / n;
        if (rows == 1) {
            return new OuterProducts(x, g);
        }
        INDArray x3 = ConvKernels.contiguous(x).reshape('c', n, rows, x.size(1));
        INDArray g3 = ConvKernels.contiguous(g).reshape('c', n, rows, g.size(1));
        return new ExampleRows(Native.call("matmul", new INDArray[]{x3, g3}, new long[]{1, 0}, null, null)[0]);
    }

    /** {@code [n, b]}: the sum of each example's rows of {@code g [n * rows, b]} (a bias gradient). */
    static PerExampleGradient rowSums(INDArray g, int n) {
        INDArray g3 = ConvKernels.contiguous(g).reshape('c', n, g.length() / n / g.size(-1), g.size(-1));
        return new ExampleRows(Native.reduce("sum", g3, false, 1));
    }

    /** {@code [T*N, f]} time-major rows (step t's N rows together) as {@code [N*T, f]}, example-major. */
    static INDArray exampleMajor(INDArray timeMajor, int steps, int n) {
        long f = timeMajor.size(-1);
        return timeMajor.reshape('c', steps, n, f).permute(1, 0, 2).dup('c').reshape('c', (long) n * steps, f);
    }

    /**
     * Per-example kernel gradients of a convolution from its patches: {@code nchw} the (cropped)
     * input as {@code [N, C, H, W]}, {@code g} the output gradient channels-last {@code [N, L, outC]}
     * ({@code L} output positions), {@code window} = (kH, kW, sH, sW, dH, dW). SAME padding is
     * added here as the convolution pads (TensorFlow's rule: the odd pixel at the bottom and
     * right), as im2col's own SAME mode pads differently. Returns {@code [N, C*kH*kW, outC]}, rows
     * in (C, kH, kW) order.
     */
    static INDArray patchProducts(INDArray nchw, INDArray g, long[] window, boolean same) {
        INDArray input = same ? padSame(nchw, window) : ConvKernels.contiguous(nchw);
        long[] im2col = {window[0], window[1], window[2], window[3], 0, 0, window[4], window[5], 0};
        INDArray col = Native.call("im2col", new INDArray[]{input}, im2col, null, null)[0];
        long n = col.size(0);
        long k = col.size(1) * col.size(2) * col.size(3);
        INDArray patches = ConvKernels.contiguous(col).reshape('c', n, k, col.size(4) * col.size(5));
        return Native.call("matmul", new INDArray[]{patches, ConvKernels.contiguous(g)}, null, null, null)[0];
    }

    private static INDArray padSame(INDArray nchw, long[] window) {
        long[] shape = nchw.shape();
        long[] padded = shape.clone();
        long[] before = new long[2];
        for (int a = 0; a < 2; a++) {
            long size = shape[2 + a];
            long stride = window[2 + a];
            long out = (size + stride - 1) / stride;
            long total = Math.max((out - 1) * stride + (window[a] - 1) * window[4 + a] + 1 - size, 0);
            before[a] = total / 2;
            padded[2 + a] = size + total;
        }
        INDArray out = Allocator.zeros(nchw.dataType(), padded);
        out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(before[0], before[0] + shape[2]),
                NDArrayIndex.interval(before[1], before[1] + shape[3])).assign(nchw);
        return out;
    }

    /**
     * Per-example gradients of a recurrent op's input {@code input} (1 kernel, 2 recurrent kernel,
     * 3 bias) from its time-major buffers {@code [T*N, ...]}: the inputs {@code xd}, the states
     * multiplied by U {@code h}, the projection and recurrent gradients {@code dP}, {@code dR}.
     * For example i, {@code dW_i = sum_t x_ti^T dP_ti}, {@code dU_i = sum_t h_ti^T dR_ti} and, where
     * the bias is the input bias ({@code [k*u]}), {@code db_i = sum_t dP_ti}; null otherwise (GRU).
     */
    static PerExampleGradient recurrent(int input, int steps, int n, INDArray xd, INDArray h, INDArray dP, INDArray dR,
                              INDArray bias) {
        INDArray dPi = exampleMajor(dP.reshape('c', (long) steps * n, dP.size(-1)), steps, n);
        return switch (input) {
            case 1 -> products(exampleMajor(xd, steps, n), dPi, n);
            case 2 -> products(exampleMajor(h, steps, n),
                    exampleMajor(dR.reshape('c', (long) steps * n, dR.size(-1)), steps, n), n);
            case 3 -> bias.length() == dPi.size(1) ? rowSums(dPi, n) : null;
            default -> null;
        };
    }
}
