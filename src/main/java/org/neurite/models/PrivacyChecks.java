package org.neurite.models;

import java.util.Set;

import org.neurite.layers.Layer;
import org.neurite.layers.Weight;

/**
 * Refuses, before any training, a model that differentially private training cannot handle: a
 * trainable layer whose per-example gradients Neurite cannot compute (batch normalisation mixes
 * the examples of a batch; the others have no per-example rule yet), and weight regularisers,
 * whose penalty gradient belongs to no example and would not be clipped.
 */
final class PrivacyChecks {
    /** The layers whose ops give per-example gradients ({@code Op.perExample}). */
    private static final Set<String> SUPPORTED = Set.of("Dense", "Conv2D", "Conv1D", "Embedding", "LSTM", "SimpleRNN");

    private PrivacyChecks() {
    }

    static void requireSupported(Network model) {
        for (Layer layer : model.layers()) {
            String kind = layer.getClass().getSimpleName();
            if (kind.equals("BatchNormalization")) {   // even frozen: its batch statistics mix the examples
                throw refused(model, layer, "it mixes the examples of a batch, so no example has a gradient of "
                        + "its own; remove it");
            }
            if (!layer.isTrainable() || layer.weights().stream().noneMatch(Weight::isTrainable)) {
                continue;   // no gradient, nothing to clip
            }
            if (!SUPPORTED.contains(kind)) {
                throw refused(model, layer, "it has no per-example gradient rule; supported trainable layers: "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()));
            }
            for (Weight w : layer.weights()) {
                if (w.isTrainable() && w.regularizer() != null) {
                    throw new IllegalArgumentException(model.name() + ".fit with privacy: layer '" + layer.name()
                            + "' has a regulariser on '" + w.name() + "'; its gradient belongs to no example and "
                            + "would not be clipped; remove it (an optimizer's weight decay works)");
                }
            }
        }
    }

    private static IllegalArgumentException refused(Network model, Layer layer, String why) {
        return new IllegalArgumentException(model.name() + ".fit with privacy: layer '" + layer.name() + "' ("
                + layer.getClass().getSimpleName() + ") cannot give per-example gradients: " + why);
    }
}
