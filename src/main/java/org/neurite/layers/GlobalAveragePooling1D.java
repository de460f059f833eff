package org.neurite.layers;

/**
 * The mean of each feature over all steps, as Keras {@code GlobalAveragePooling1D}:
 * {@code [N, steps, features] -> [N, features]}.
 *
 * <pre>{@code new GlobalAveragePooling1D()}</pre>
 */
public final class GlobalAveragePooling1D extends GlobalPooling {
    public GlobalAveragePooling1D() {
        super(1, false);
    }
}
