package org.neurite.models;

import java.util.Locale;

import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Weight;

/** The Keras-style summary table of a built model. */
final class Summary {
    private static final String FORMAT = " %-32s %-25s %12s%n";
    private static final String RULE = "_".repeat(72) + "\n";
    private static final String DOUBLE_RULE = "=".repeat(72) + "\n";

    private Summary() {
    }

    static String of(Sequential model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n").append(RULE);
        sb.append(String.format(FORMAT, "Layer (type)", "Output Shape", "Param #")).append(DOUBLE_RULE);
        long trainable = 0;
        long frozen = 0;
        boolean first = true;
        for (Layer layer : model.layers()) {
            if (layer instanceof Input) {
                continue;
            }
            if (!first) {
                sb.append('\n');
            }
            first = false;
            sb.append(String.format(Locale.ROOT, FORMAT, layer.name() + " (" + layer.className() + ")",
                    shape(layer.outputShape()), String.format(Locale.ROOT, "%,d", layer.countParams())));
            for (Weight w : layer.weights()) {
                if (w.isTrainable() && layer.isTrainable()) {
                    trainable += w.value().length();
                } else {
                    frozen += w.value().length();
                }
            }
        }
        sb.append(DOUBLE_RULE);
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", trainable + frozen));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", frozen));
        return sb.append(RULE).toString();
    }

    private static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}
