package org.neurite.layers;

/**
 * The mean of each channel over the whole image, as Keras {@code GlobalAveragePooling2D}:
 * {@code [N, height, width, channels] -> [N, channels]}.
 *
 * <pre>{@code new GlobalAveragePooling2D()}</pre>
 */
public final class GlobalAveragePooling2D extends GlobalPooling {
    public GlobalAveragePooling2D() {
        super(2, false);
    }
}
