package org.neurite.tensor;

/**
 * Where the channel axis of an image batch lives.
 *
 * <ul>
 *   <li>{@link #CHANNELS_LAST}: {@code [N, H, W, C]}, the Keras default.</li>
 *   <li>{@link #CHANNELS_FIRST}: {@code [N, C, H, W]}, as in PyTorch.</li>
 * </ul>
 */
public enum DataFormat {
    CHANNELS_LAST,
    CHANNELS_FIRST;

    /** The axes of height and width in a rank-4 batch. */
    public int[] spatialAxes() {
        return this == CHANNELS_LAST ? new int[]{1, 2} : new int[]{2, 3};
    }

    /** The channel axis in a rank-4 batch. */
    public int channelAxis() {
        return this == CHANNELS_LAST ? 3 : 1;
    }
}
