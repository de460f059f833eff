package org.neurite.models;

import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Layer;
import org.neurite.layers.MaxPooling;

/**
 * Where a model's layers can run in a cheaper order with provably the same result ({@link Graph}
 * plans it): {@code maxpool(act(z))} equals {@code act(maxpool(z))} for every non-decreasing
 * elementwise activation (relu, leaky relu, elu, sigmoid, tanh; not gelu, which dips below zero),
 * and the second form applies the activation, forward and backward, to a tensor a quarter (or a
 * sequence-length fraction) of the size. The layers declare what this needs: the producer ends in
 * an activation that {@link org.neurite.layers.ActivationFunction#isNonDecreasing() never
 * decreases} (a convolution, or an {@code Activation} layer after a normalisation), and the
 * consumer is a {@link MaxPooling}, which commutes with such functions.
 */
final class LayerFusion {
    private LayerFusion() {
    }

    static boolean poolsAfterActivation(Layer layer, Layer next) {
        return layer instanceof ActivatedLayer activated && activated.activation().isNonDecreasing()
                && next instanceof MaxPooling;
    }
}
