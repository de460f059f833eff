package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * Kernel and bias gradients of a stride-1, undilated, VALID, channels-last convolution whose
 * input needs no gradient (a model's first layer), without {@code conv2d_bp}'s input gradient.
 * The patches are gathered with kH*kW slice copies and the kernel gradient is one GEMM; for a
 * one-channel 28x28 input this costs about half of {@code conv2d_bp}.
 */
final class PatchGradient {
    /** Inputs with more channels than this make the patch matrix too large to pay off. */
    static final long MAX_CHANNELS = 4;

    private PatchGradient() {
    }

    static boolean applies(INDArray x, int[] strides, boolean dilated, int paddingMode, boolean channelsLast) {
        return channelsLast && !dilated && paddingMode == 0 && strides[0] == 1 && strides[1] == 1
                && x.size(3) <= MAX_CHANNELS;
    }

    /** {@code {dKernel, dBias}} (dBias null when there is no bias) for input x and output gradient g. */
    static INDArray[] compute(INDArray x, INDArray g, long kH, long kW, boolean withBias) {
        long n = x.size(0);
        long c = x.size(3);
        long ho = g.size(1);
        long wo = g.size(2);
        long co = g.size(3);
        INDArray patches = Allocator.empty(x.dataType(), n, ho, wo, kH * kW * c);
        for (long i = 0; i < kH; i++) {
            for (long j = 0; j < kW; j++) {
                long at = (i * kW + j) * c;
                patches.get(all(), all(), all(), NDArrayIndex.interval(at, at + c))
                        .assign(x.get(all(), NDArrayIndex.interval(i, i + ho), NDArrayIndex.interval(j, j + wo), all()));
            }
        }
        INDArray rows = patches.reshape('c', n * ho * wo, kH * kW * c);
        INDArray grads = ConvKernels.contiguous(g).reshape('c', n * ho * wo, co);
        INDArray dKernel = Native.gemm(rows, grads, true, false).reshape('c', kH, kW, c, co);
        INDArray dBias = null;
        if (withBias) {
            // a GEMM with a ones row sums the columns far faster than a column reduction here
            INDArray ones = Allocator.empty(x.dataType(), 1, n * ho * wo).assign(1);
            dBias = Native.gemm(ones, grads, false, false).reshape(co);
        }
        return new INDArray[]{dKernel, dBias};
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }
}
