package org.neurite.layers;

/**
 * The mean of each feature over all steps, as Keras {@code GlobalAveragePooling1D}:
 * {@code [N, steps, features] -> [N, features]}. With a step mask on the input
 * ({@link org.neurite.tensor.Tensor#mask()}) the mean is over the real steps only, as Keras; an
 * example with every step masked gives zeros.
 *
 * <pre>{@code new GlobalAveragePooling1D()}</pre>
 */
public final class GlobalAveragePooling1D extends GlobalPooling {
    public GlobalAveragePooling1D() {
        super(1, false);
    }
}
