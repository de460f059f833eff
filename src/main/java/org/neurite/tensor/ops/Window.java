package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Padding;

/**
 * The geometry of a sliding window (convolution kernel or pooling window) over some spatial axes,
 * with Keras output sizes: SAME gives {@code ceil(in / stride)}, VALID gives
 * {@code floor((in - extent) / stride) + 1} where {@code extent = (size - 1) * dilation + 1}.
 *
 * <p>It also works around a libnd4j bug: in SAME mode libnd4j pads by
 * {@code ((out - 1) * stride + extent - in) / 2} without clamping at zero, so when the stride
 * exceeds the extent by two or more (a 1x1 kernel with stride 3 on 9 pixels, say) the padding is
 * negative and every window is shifted. TensorFlow pads nothing there, and then only the first
 * {@code (out - 1) * stride + extent} positions are ever read; cropping the input to them (a view)
 * makes libnd4j's padding exactly zero, and {@link #uncrop} restores the input gradient's shape.
 */
final class Window {
    private final String op;
    private final int[] size;
    private final int[] strides;
    private final int[] dilation;
    private final Padding padding;

    Window(String op, int[] size, int[] strides, int[] dilation, Padding padding) {
        this.op = op;
        this.size = size;
        this.strides = strides;
        this.dilation = dilation;
        this.padding = padding;
    }

    /** libnd4j's padding-mode argument. */
    long mode() {
        return padding == Padding.SAME ? 1 : 0;
    }

    boolean dilated() {
        for (int d : dilation) {
            if (d > 1) {
                return true;
            }
        }
        return false;
    }

    long extent(int i) {
        return (long) (size[i] - 1) * dilation[i] + 1;
    }

    /**
     * Output sizes along {@code axes} of {@code x}; throws when a VALID window does not fit.
     * {@code source} names what the window comes from, for the message (e.g. "kernel [3, 3, 1, 8]").
     */
    long[] outputSize(INDArray x, int[] axes, String source) {
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            long in = x.size(axes[i]);
            if (padding == Padding.SAME) {
                out[i] = (in + strides[i] - 1) / strides[i];
            } else if (in < extent(i)) {
                throw new IllegalArgumentException(op + ": " + source + " spans " + extents()
                        + " (dilation " + Arrays.toString(dilation) + ") but input "
                        + Arrays.toString(x.shape()) + " is smaller along its spatial axes, with VALID padding");
            } else {
                out[i] = (in - extent(i)) / strides[i] + 1;
            }
        }
        return out;
    }

    /**
     * The index that crops {@code x} to the positions SAME padding reads when its total padding
     * is negative along some axis (see the class comment), or null when no axis needs it.
     */
    INDArrayIndex[] sameCrop(INDArray x, int[] axes) {
        if (padding != Padding.SAME) {
            return null;
        }
        long[] out = outputSize(x, axes, "");
        INDArrayIndex[] index = null;
        for (int i = 0; i < axes.length; i++) {
            long used = (out[i] - 1) * strides[i] + extent(i);
            if (used < x.size(axes[i])) {
                if (index == null) {
                    index = new INDArrayIndex[x.rank()];
                    Arrays.fill(index, NDArrayIndex.all());
                }
                index[axes[i]] = NDArrayIndex.interval(0, used);
            }
        }
        return index;
    }

    /** The gradient of the full input, given the gradient of its crop (zero outside). */
    static INDArray uncrop(INDArray croppedGrad, long[] inputShape, INDArrayIndex[] crop) {
        if (crop == null) {
            return croppedGrad;
        }
        INDArray full = Allocator.zeros(croppedGrad.dataType(), inputShape);
        full.get(crop).assign(croppedGrad);
        return full;
    }

    private String extents() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < size.length; i++) {
            s.append(i == 0 ? "" : "x").append(extent(i));
        }
        return s.toString();
    }

    /** Checks that {@code values} has {@code n} positive entries; {@code what} names it in the message. */
    static int[] positive(String op, String what, int[] values, int n) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException(op + ": " + what + " needs " + n + " values, got "
                    + Arrays.toString(values));
        }
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException(op + ": " + what + " must be positive, got "
                        + Arrays.toString(values));
            }
        }
        return values.clone();
    }
}
