package org.neurite.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.ops.AvgPool2d;
import org.neurite.tensor.ops.BatchedMatMul;
import org.neurite.tensor.ops.Concat;
import org.neurite.tensor.ops.Conv1dOp;
import org.neurite.tensor.ops.Conv2dOp;
import org.neurite.tensor.ops.Dropout;
import org.neurite.tensor.ops.Embedding;
import org.neurite.tensor.ops.Linear;
import org.neurite.tensor.ops.MaxPool2d;

/**
 * Differentiable neural-network ops on {@link Tensor}s, with Keras semantics and layouts; the
 * layers compose these. Shapes are checked up front, and a mismatch throws
 * {@link IllegalArgumentException} naming both shapes.
 *
 * <pre>{@code
 * Tensor y = Functional.conv2d(x, kernel, bias, new int[]{1, 1}, Padding.SAME, new int[]{1, 1},
 *         DataFormat.CHANNELS_LAST).relu();
 * Tensor p = Functional.maxPool2d(y, new int[]{2, 2}, null, Padding.VALID, DataFormat.CHANNELS_LAST);
 * }</pre>
 * Optional arguments may be null for their Keras default: strides and dilation 1, padding
 * {@link Padding#VALID}, format {@link DataFormat#CHANNELS_LAST}, pooling strides = pool size.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * {@code x W + b} in one kernel: x {@code [n, in]}, kernel {@code [in, out]}, bias {@code [out]}
     * or null. The layer Dense uses it.
     */
    public static Tensor linear(Tensor x, Tensor kernel, Tensor bias) {
        return bias == null ? Tensor.apply(new Linear(), x, kernel) : Tensor.apply(new Linear(), x, kernel, bias);
    }

    /**
     * 2-D convolution (cross-correlation, as Keras {@code Conv2D}).
     *
     * @param x       {@code [N,H,W,C]} for CHANNELS_LAST, {@code [N,C,H,W]} for CHANNELS_FIRST
     * @param kernel  {@code [kH,kW,inC,outC]} (the Keras layout, whatever the data format)
     * @param bias    {@code [outC]}, or null for none; added inside the convolution kernel
     * @param strides {@code {sH,sW}}
     * @param dilation {@code {dH,dW}}
     * @return {@code [N,H',W',outC]} (or {@code [N,outC,H',W']}); SAME: {@code H' = ceil(H/sH)},
     *         VALID: {@code H' = floor((H - (kH-1)*dH - 1)/sH) + 1}
     */
    public static Tensor conv2d(Tensor x, Tensor kernel, Tensor bias, int[] strides, Padding padding,
                                int[] dilation, DataFormat format) {
        Conv2dOp op = new Conv2dOp(orOnes(strides), orValid(padding), orOnes(dilation), orLast(format));
        return bias == null ? Tensor.apply(op, x, kernel) : Tensor.apply(op, x, kernel, bias);
    }

    /**
     * 1-D convolution over channels-last sequences (as Keras {@code Conv1D}).
     *
     * @param x      {@code [N,W,C]}
     * @param kernel {@code [k,inC,outC]}
     * @param bias   {@code [outC]}, or null for none
     * @return {@code [N,W',outC]}, with {@code W'} as for {@link #conv2d}
     */
    public static Tensor conv1d(Tensor x, Tensor kernel, Tensor bias, int stride, Padding padding, int dilation) {
        Conv1dOp op = new Conv1dOp(stride, orValid(padding), dilation);
        return bias == null ? Tensor.apply(op, x, kernel) : Tensor.apply(op, x, kernel, bias);
    }

    /**
     * 2-D max pooling; padded positions never win.
     *
     * @param poolSize {@code {pH,pW}}
     * @param strides  {@code {sH,sW}}, or null for the pool size (Keras default)
     */
    public static Tensor maxPool2d(Tensor x, int[] poolSize, int[] strides, Padding padding, DataFormat format) {
        return Tensor.apply(new MaxPool2d(poolSize, strides == null ? poolSize : strides, orValid(padding),
                orLast(format)), x);
    }

    /**
     * 2-D average pooling over the valid (non-padded) elements of each window, as Keras.
     *
     * @param poolSize {@code {pH,pW}}
     * @param strides  {@code {sH,sW}}, or null for the pool size (Keras default)
     */
    public static Tensor avgPool2d(Tensor x, int[] poolSize, int[] strides, Padding padding, DataFormat format) {
        return Tensor.apply(new AvgPool2d(poolSize, strides == null ? poolSize : strides, orValid(padding),
                orLast(format)), x);
    }

    /**
     * Embedding lookup: row {@code ids[i]} of {@code table} for every element of {@code ids}.
     *
     * @param table {@code [V,D]}
     * @param ids   integer-valued array of any shape {@code S}: INT, LONG, or floating point holding
     *              whole numbers, each in {@code [0, V)}
     * @return {@code S+[D]}; the table's gradient accumulates over repeated ids
     */
    public static Tensor embedding(Tensor table, INDArray ids) {
        return Tensor.apply(new Embedding(ids), table);
    }

    /**
     * Inverted dropout (Keras): while training, zeroes each element with probability {@code rate}
     * and scales the rest by {@code 1/(1-rate)}. The mask comes from {@code Nd4j.getRandom()}, so
     * {@code Nd4j.getRandom().setSeed(s)} makes it reproducible.
     *
     * @param rate     fraction dropped, in {@code [0, 1)}
     * @param training false returns {@code x} itself, as does {@code rate == 0}
     */
    public static Tensor dropout(Tensor x, double rate, boolean training) {
        Dropout op = new Dropout(rate); // validates the rate even when it is not applied
        return !training || rate == 0 ? x : Tensor.apply(op, x);
    }

    /**
     * Concatenates along {@code axis} (negative counts from the end); the other sizes must match.
     */
    public static Tensor concat(int axis, Tensor... xs) {
        return Tensor.apply(new Concat(axis), xs);
    }

    /**
     * {@code alpha op(a) op(b)} over the leading (batch) axes, {@code op} transposing the last two
     * axes when its flag is set: a {@code [..., n, k]}, b {@code [..., k, m]} (before the
     * transposes), the same rank (3 or more) and leading axes. Attention's scores are
     * {@code batchedMatMul(q, k, false, true, 1 / sqrt(keyDim))}: one kernel call for every head.
     */
    public static Tensor batchedMatMul(Tensor a, Tensor b, boolean transA, boolean transB, double alpha) {
        return Tensor.apply(new BatchedMatMul(transA, transB, alpha), a, b);
    }

    private static int[] orOnes(int[] values) {
        return values == null ? new int[]{1, 1} : values;
    }

    private static Padding orValid(Padding padding) {
        return padding == null ? Padding.VALID : padding;
    }

    private static DataFormat orLast(DataFormat format) {
        return format == null ? DataFormat.CHANNELS_LAST : format;
    }
}
