package org.neurite.layers;

/**
 * The maximum of each feature over all steps, as Keras {@code GlobalMaxPooling1D}:
 * {@code [N, steps, features] -> [N, features]}. Ties share the gradient equally. Masked steps
 * (a step mask on the input, {@link org.neurite.tensor.Tensor#mask()}) never win; an example with
 * every step masked gives zeros.
 *
 * <pre>{@code new GlobalMaxPooling1D()}</pre>
 */
public final class GlobalMaxPooling1D extends GlobalPooling implements MaxPooling {
    public GlobalMaxPooling1D() {
        super(1, true);
    }
}
