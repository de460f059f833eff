package org.neurite.models;

import java.util.Locale;

import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Weight;

/** The Keras-style summary table of a built model. */
final class Summary {
    private static final int MIN_NAME_WIDTH = 32;

    private Summary() {
    }

    static String of(Sequential model) {
        int nameWidth = MIN_NAME_WIDTH;
        for (Layer layer : model.layers()) {
            nameWidth = Math.max(nameWidth, layer.name().length() + layer.className().length() + 4);
        }
        String format = " %-" + nameWidth + "s %-25s %12s%n";
        String rule = "_".repeat(nameWidth + 40) + "\n";
        String doubleRule = "=".repeat(nameWidth + 40) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n").append(rule);
        sb.append(String.format(format, "Layer (type)", "Output Shape", "Param #")).append(doubleRule);
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
            sb.append(String.format(Locale.ROOT, format, layer.name() + " (" + layer.className() + ")",
                    shape(layer.outputShape()), String.format(Locale.ROOT, "%,d", layer.countParams())));
            for (Weight w : layer.weights()) {
                if (w.isTrainable() && layer.isTrainable()) {
                    trainable += w.value().length();
                } else {
                    frozen += w.value().length();
                }
            }
        }
        sb.append(doubleRule);
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", trainable + frozen));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", frozen));
        return sb.append(rule).toString();
    }

    private static String shape(long[] shape) {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : shape) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}
