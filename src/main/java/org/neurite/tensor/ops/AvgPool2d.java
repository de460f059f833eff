package org.neurite.tensor.ops;

import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Padding;

/**
 * 2-D average pooling (libnd4j {@code avgpool2d}) over the valid, non-padded elements of each
 * window, as Keras: a SAME corner window holding 2 of 4 pixels divides by 2.
 */
public final class AvgPool2d extends Pool2d {
    public AvgPool2d(int[] poolSize, int[] strides, Padding padding, DataFormat format) {
        super("avgPool2d", "avgpool2d", 0, poolSize, strides, padding, format);
    }
}
