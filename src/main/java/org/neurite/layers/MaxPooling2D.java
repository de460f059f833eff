package org.neurite.layers;

import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * Max pooling over 2-D windows of channels-last images, as Keras {@code MaxPooling2D}:
 * {@code [N, height, width, channels] -> [N, height', width', channels]}. Defaults: pool 2x2,
 * strides = pool size, padding "valid".
 *
 * <pre>{@code new MaxPooling2D(2)}</pre>
 */
public final class MaxPooling2D extends BasePooling2D<MaxPooling2D> implements MaxPooling {

    /** A 2x2 window. */
    public MaxPooling2D() {
        this(2);
    }

    /** A square {@code poolSize x poolSize} window. */
    public MaxPooling2D(int poolSize) {
        this(new int[]{poolSize});
    }

    /** {@code poolSize}: one value for a square window, or {@code {pH, pW}}. */
    public MaxPooling2D(int[] poolSize) {
        super(poolSize);
    }

    @Override
    Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        return Functional.maxPool2d(x, poolSize, strides, padding, DataFormat.CHANNELS_LAST);
    }
}
