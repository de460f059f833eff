package org.neurite.tensor.ops;

import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Padding;

/** 2-D max pooling (libnd4j {@code maxpool2d}); backward routes each gradient to its window's maximum. */
public final class MaxPool2d extends Pool2d {
    public MaxPool2d(int[] poolSize, int[] strides, Padding padding, DataFormat format) {
        super("maxPool2d", "maxpool2d", 0, poolSize, strides, padding, format);
    }
}
