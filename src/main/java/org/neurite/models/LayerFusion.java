package org.neurite.models;

import java.util.Set;

import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Activation;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Conv2D;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Layer;
import org.neurite.layers.MaxPooling2D;

/**
 * Where a model's layers can run in a cheaper order with provably the same result ({@link Graph}
 * plans it):
 * {@code maxpool(act(conv(x)))} equals {@code act(maxpool(conv(x)))} (for 2-D max pooling and for
 * global max pooling over time) for every non-decreasing
 * activation (relu, leaky relu, elu, sigmoid, tanh; not gelu, which dips below zero), and the
 * second form applies the activation, forward and backward, to a tensor a quarter of the size.
 * The same holds for an {@code Activation} layer before the pooling (as after a normalisation:
 * conv, batch norm, relu, max pool).
 */
final class LayerFusion {
    private static final Set<String> MONOTONIC = Set.of("relu", "leaky_relu", "elu", "sigmoid", "tanh", "linear");

    private LayerFusion() {
    }

    static boolean poolsAfterActivation(Layer layer, Layer next) {
        boolean maxPooled = (layer instanceof Conv2D || layer instanceof Activation) && next instanceof MaxPooling2D
                || (layer instanceof Conv1D || layer instanceof Activation) && next instanceof GlobalMaxPooling1D;
        return maxPooled && MONOTONIC.contains(((ActivatedLayer) layer).activation().name());
    }
}
