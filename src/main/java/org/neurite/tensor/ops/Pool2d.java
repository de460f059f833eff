package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;
import org.neurite.tensor.Padding;

/**
 * 2-D pooling through a libnd4j kernel pair ({@code <kernel>} and {@code <kernel>_bp}, which takes
 * the forward input and the output gradient). Input {@code [N,H,W,C]} or {@code [N,C,H,W]}; the
 * output keeps the layout. Padded positions never take part (SAME pooling ignores them).
 */
public abstract class Pool2d extends Op {
    private final String op;
    private final String kernelName;
    private final Window window;
    private final int[] poolSize;
    private final int[] strides;
    private final DataFormat format;
    private final long extra;
    private INDArray x;
    private long[] inputShape;
    private INDArrayIndex[] crop;
    private long[] iargs;

    /** {@code extra} is libnd4j's iarg 9: for average pooling 0 divides by the valid (unpadded) count. */
    protected Pool2d(String op, String kernelName, long extra, int[] poolSize, int[] strides, Padding padding,
                     DataFormat format) {
        this.op = op;
        this.kernelName = kernelName;
        this.extra = extra;
        this.poolSize = Window.positive(op, "pool size", poolSize, 2);
        this.strides = Window.positive(op, "strides", strides, 2);
        this.format = format;
        this.window = new Window(op, this.poolSize, this.strides, new int[]{1, 1}, padding);
    }

    @Override
    public INDArray forward(INDArray... in) {
        if (in[0].rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be rank 4 "
                    + (format == DataFormat.CHANNELS_LAST ? "[N,H,W,C]" : "[N,C,H,W]") + ", got "
                    + Arrays.toString(in[0].shape()));
        }
        window.outputSize(in[0], format.spatialAxes(), "pool size " + Arrays.toString(poolSize));
        inputShape = in[0].shape();
        crop = window.sameCrop(in[0], format.spatialAxes());
        x = crop == null ? in[0] : in[0].get(crop);
        iargs = new long[]{poolSize[0], poolSize[1], strides[0], strides[1], 0, 0, 1, 1, window.mode(), extra,
                format == DataFormat.CHANNELS_LAST ? 1 : 0};
        return Native.call(kernelName, new INDArray[]{x}, iargs, null, null)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray dx = Native.call(kernelName + "_bp", new INDArray[]{x, g}, iargs, null, null)[0];
        return new INDArray[]{Window.uncrop(dx, inputShape, crop)};
    }
}
