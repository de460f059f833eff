package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
import org.neurite.layers.Weight;

/** The Keras-style summary table of a built model. */
final class Summary {
    private static final int MIN_NAME_WIDTH = 32;

    private Summary() {
    }

    static String of(Network model) {
        return model instanceof Sequential ? chain(model) : graph(model);
    }

    /** Keras's Sequential summary: layer, output shape, parameters. */
    private static String chain(Network model) {
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
        }
        return totals(model, sb.append(doubleRule), rule);
    }

    /**
     * Keras's functional summary: one row per layer (inputs included) with a "Connected to" column
     * naming the calls it takes its inputs from ({@code dense[0][0]}); a shared layer lists each call.
     */
    private static String graph(Network model) {
        Graph graph = model.graph();
        int nameWidth = MIN_NAME_WIDTH;
        for (Layer layer : graph.layers()) {
            nameWidth = Math.max(nameWidth, layer.name().length() + layer.className().length() + 4);
        }
        String format = " %-" + nameWidth + "s %-25s %12s   %s%n";
        int width = nameWidth + 40 + 30;
        String rule = "_".repeat(width) + "\n";
        String doubleRule = "=".repeat(width) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n").append(rule);
        sb.append(String.format(format, "Layer (type)", "Output Shape", "Param #", "Connected to")).append(doubleRule);
        boolean first = true;
        for (Layer layer : graph.layers()) {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            List<Node> nodes = graph.nodesOf(layer);
            List<String> inbound = new ArrayList<>();
            nodes.forEach(n -> inbound.addAll(graph.inboundNames(n)));
            boolean sameShape = nodes.stream().allMatch(n -> java.util.Arrays.equals(n.shape(), nodes.get(0).shape()));
            String head = layer.name() + " (" + (layer instanceof Input ? "InputLayer" : layer.className()) + ")";
            String connected = inbound.isEmpty() ? "-" : inbound.get(0);
            sb.append(String.format(Locale.ROOT, format, head, sameShape ? shape(nodes.get(0).shape()) : "multiple",
                    String.format(Locale.ROOT, "%,d", layer.countParams()), connected));
            for (int i = 1; i < inbound.size(); i++) {
                sb.append(String.format(Locale.ROOT, format, "", "", "", inbound.get(i)));
            }
        }
        return totals(model, sb.append(doubleRule), rule);
    }

    private static String totals(Network model, StringBuilder sb, String rule) {
        long trainable = 0;
        long frozen = 0;
        for (Layer layer : model.layers()) {
            for (Weight w : layer.weights()) {
                if (w.isTrainable() && layer.isTrainable()) {
                    trainable += w.value().length();
                } else {
                    frozen += w.value().length();
                }
            }
        }
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
