package org.neurite.models;

import java.util.List;
import java.util.Set;

import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Activation;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Conv2D;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Layer;
import org.neurite.layers.MaxPooling2D;
import org.neurite.tensor.Tensor;

/**
 * Runs a model's layers, reordering where the result is provably the same but cheaper:
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

    /** Layers {@code [0, upTo)} applied to {@code x}. */
    static Tensor forward(List<Layer> layers, Tensor x, boolean training, int upTo) {
        Tensor h = x;
        for (int i = 0; i < upTo; i++) {
            Layer layer = layers.get(i);
            if (i + 1 < upTo && poolsAfterActivation(layer, layers.get(i + 1))) {
                ActivatedLayer conv = (ActivatedLayer) layer;
                Tensor pooled = layers.get(i + 1).forward(conv.forwardLinear(h, training), training);
                h = conv.activation().apply(pooled);
                i++;
            } else {
                h = layer.forward(h, training);
            }
        }
        return h;
    }

    static boolean poolsAfterActivation(Layer layer, Layer next) {
        boolean maxPooled = (layer instanceof Conv2D || layer instanceof Activation) && next instanceof MaxPooling2D
                || (layer instanceof Conv1D || layer instanceof Activation) && next instanceof GlobalMaxPooling1D;
        return maxPooled && MONOTONIC.contains(((ActivatedLayer) layer).activation().name());
    }
}
