package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.neurite.Neurite;
import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;
import org.neurite.tensor.Padding;
import org.neurite.tensor.PerExampleGradient;

/**
 * 2-D convolution (cross-correlation, as in Keras) with an optional fused bias.
 *
 * <p>Inputs: {@code x} ({@code [N,H,W,C]} channels-last or {@code [N,C,H,W]} channels-first),
 * {@code kernel [kH,kW,inC,outC]} and optionally {@code bias [outC]}. The output keeps the input's
 * layout. Forward and backward are libnd4j's {@code conv2d} / {@code conv2d_bp} (oneDNN on CPU);
 * {@code conv2d_bp} always computes the input gradient too; when the input needs none and has few
 * channels (a first layer), {@link PatchGradient} computes the kernel gradient alone.
 * Per example, the kernel gradient is that example's patches times its output gradient (one
 * batched product over im2col patches), the bias gradient its output gradient summed over positions.
 */
public final class Conv2dOp extends Op {
    private final int[] strides;
    private final Padding padding;
    private final int[] dilation;
    private final DataFormat format;
    private INDArray x;
    private INDArray kernel;
    private INDArray bias;
    private long[] inputShape;
    private INDArrayIndex[] crop;
    private long[] iargs;
    private boolean dilated;

    public Conv2dOp(int[] strides, Padding padding, int[] dilation, DataFormat format) {
        this.strides = Window.positive("conv2d", "strides", strides, 2);
        this.dilation = Window.positive("conv2d", "dilation", dilation, 2);
        this.padding = padding;
        this.format = format;
    }

    @Override
    public INDArray forward(INDArray... in) {
        kernel = in[1];
        bias = in.length > 2 ? in[2] : null;
        String layout = format == DataFormat.CHANNELS_LAST ? "[N,H,W,C]" : "[N,C,H,W]";
        ConvChecks.check("conv2d", in[0], layout, format.channelAxis(), kernel, bias);
        int kH = (int) kernel.size(0);
        int kW = (int) kernel.size(1);
        Window window = new Window("conv2d", new int[]{kH, kW}, strides, dilation, padding);
        window.outputSize(in[0], format.spatialAxes(), "kernel " + ConvChecks.shape(kernel));
        inputShape = in[0].shape();
        crop = window.sameCrop(in[0], format.spatialAxes());
        // kept contiguous (see ConvKernels) so backward does not copy again
        x = ConvKernels.contiguous(crop == null ? in[0] : in[0].get(crop));
        kernel = ConvKernels.contiguous(kernel);
        dilated = window.dilated();
        iargs = new long[]{kH, kW, strides[0], strides[1], 0, 0, dilation[0], dilation[1], window.mode(),
                format == DataFormat.CHANNELS_LAST ? 1 : 0, 0};
        return ConvKernels.call(dilated, "conv2d", ConvKernels.inputs(bias, x, kernel), iargs)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        if (!needs[0] && !needs[1]) {
            int[] axes = format == DataFormat.CHANNELS_LAST ? new int[]{0, 1, 2} : new int[]{0, 2, 3};
            return new INDArray[]{null, null, g.sum(axes)};
        }
        if (Neurite.fastPaths() && !needs[0]
                && PatchGradient.applies(x, strides, dilated, (int) iargs[8], format == DataFormat.CHANNELS_LAST)) {
            INDArray[] kb = PatchGradient.compute(x, g, kernel.size(0), kernel.size(1), bias != null);
            return bias == null ? new INDArray[]{null, kb[0]} : new INDArray[]{null, kb[0], kb[1]};
        }
        INDArray[] grads = ConvKernels.call(dilated, "conv2d_bp", ConvKernels.inputs(g, x, kernel, bias), iargs);
        return ConvKernels.gradients(grads, needs[0], inputShape, crop, bias != null);
    }

    @Override
    public PerExampleGradient perExample(INDArray g, int input, int examples) {
        boolean last = format == DataFormat.CHANNELS_LAST;
        long n = g.size(0);
        long co = kernel.size(3);
        INDArray gl = last ? ConvKernels.contiguous(g).reshape('c', n, -1, co)
                : ConvKernels.contiguous(g).reshape('c', n, co, -1).permute(0, 2, 1);
        if (input == 2) {
            return new ExampleRows(Native.reduce("sum", gl, false, 1));
        }
        if (input != 1) {
            return null;
        }
        INDArray nchw = last ? x.permute(0, 3, 1, 2) : x;
        long[] window = {iargs[0], iargs[1], iargs[2], iargs[3], iargs[6], iargs[7]};
        long[] patchOrder = {kernel.size(2), kernel.size(0), kernel.size(1), co};   // (C, kH, kW) rows
        return new ExampleRows(PerExampleKernels.patchProducts(nchw, gl, window, iargs[8] == 1),
                sum -> sum.reshape('c', patchOrder).permute(1, 2, 0, 3));
    }
}
