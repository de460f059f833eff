package org.neurite.layers;

import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * Average pooling over 2-D windows of channels-last images, as Keras {@code AveragePooling2D}:
 * {@code [N, height, width, channels] -> [N, height', width', channels]}; with "same" padding a
 * border window averages only its real (unpadded) elements. Defaults: pool 2x2, strides = pool
 * size, padding "valid".
 *
 * <pre>{@code new AveragePooling2D(2).padding("same")}</pre>
 */
public final class AveragePooling2D extends BasePooling2D<AveragePooling2D> {

    /** A 2x2 window. */
    public AveragePooling2D() {
        this(2);
    }

    /** A square {@code poolSize x poolSize} window. */
    public AveragePooling2D(int poolSize) {
        this(new int[]{poolSize});
    }

    /** {@code poolSize}: one value for a square window, or {@code {pH, pW}}. */
    public AveragePooling2D(int[] poolSize) {
        super(poolSize);
    }

    @Override
    Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        return Functional.avgPool2d(x, poolSize, strides, padding, DataFormat.CHANNELS_LAST);
    }
}
