package org.neurite.tensor;

/**
 * How a convolution or pooling window treats the borders, as in Keras.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the output has {@code floor((in - k) / stride) + 1} positions,
 *       where {@code k = (kernel - 1) * dilation + 1} is the window's extent.</li>
 *   <li>{@link #SAME}: zero padding (ignored by pooling) so the output has {@code ceil(in / stride)}
 *       positions; an odd total padding puts the extra row/column at the bottom/right (TensorFlow).</li>
 * </ul>
 */
public enum Padding {
    VALID,
    SAME
}
