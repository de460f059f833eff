package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.neurite.tensor.Op;
import org.neurite.tensor.Padding;
import org.neurite.tensor.PerExampleGradient;

/**
 * 1-D convolution over channels-last sequences, as Keras {@code Conv1D}, with an optional fused bias.
 *
 * <p>Inputs: {@code x [N,W,C]}, {@code kernel [k,inC,outC]} and optionally {@code bias [outC]};
 * output {@code [N,W',outC]}. Runs libnd4j's {@code conv1d} / {@code conv1d_bp} with
 * {@code isNWC=1} (their {@code wFormat} argument is broken in M2.1, and this kernel layout needs none).
 * Per example, the kernel gradient comes from that example's patches as in {@link Conv2dOp}.
 */
public final class Conv1dOp extends Op {
    private final int stride;
    private final Padding padding;
    private final int dilation;
    private INDArray x;
    private INDArray kernel;
    private INDArray bias;
    private long[] inputShape;
    private INDArrayIndex[] crop;
    private long[] iargs;
    private boolean dilated;

    public Conv1dOp(int stride, Padding padding, int dilation) {
        this.stride = Window.positive("conv1d", "stride", new int[]{stride}, 1)[0];
        this.dilation = Window.positive("conv1d", "dilation", new int[]{dilation}, 1)[0];
        this.padding = padding;
    }

    @Override
    public INDArray forward(INDArray... in) {
        kernel = in[1];
        bias = in.length > 2 ? in[2] : null;
        ConvChecks.check("conv1d", in[0], "[N,W,C]", 2, kernel, bias);
        int k = (int) kernel.size(0);
        Window window = new Window("conv1d", new int[]{k}, new int[]{stride}, new int[]{dilation}, padding);
        int[] axes = {1};
        window.outputSize(in[0], axes, "kernel " + ConvChecks.shape(kernel));
        inputShape = in[0].shape();
        crop = window.sameCrop(in[0], axes);
        // kept contiguous (see ConvKernels) so backward does not copy again
        x = ConvKernels.contiguous(crop == null ? in[0] : in[0].get(crop));
        kernel = ConvKernels.contiguous(kernel);
        dilated = window.dilated();
        iargs = new long[]{k, stride, 0, dilation, window.mode(), 1};
        return ConvKernels.call(dilated, "conv1d", ConvKernels.inputs(bias, x, kernel), iargs)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        if (!needs[0] && !needs[1]) {
            return new INDArray[]{null, null, g.sum(0, 1)};
        }
        INDArray[] grads = ConvKernels.call(dilated, "conv1d_bp", ConvKernels.inputs(g, x, kernel, bias), iargs);
        return ConvKernels.gradients(grads, needs[0], inputShape, crop, bias != null);
    }

    @Override
    public PerExampleGradient perExample(INDArray g, int input, int examples) {
        long n = g.size(0);
        if (input == 2) {
            return PerExampleKernels.rowSums(g, (int) n);
        }
        if (input != 1) {
            return null;
        }
        long k = kernel.size(0);
        long c = kernel.size(1);
        INDArray nchw = x.permute(0, 2, 1).reshape(n, c, 1, x.size(1));
        long[] window = {1, k, 1, stride, 1, dilation};
        long[] patchOrder = {c, k, kernel.size(2)};   // (C, k) rows
        return new ExampleRows(PerExampleKernels.patchProducts(nchw, g, window, iargs[4] == 1),
                sum -> sum.reshape('c', patchOrder).permute(1, 0, 2));
    }
}
