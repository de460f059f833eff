package org.neurite.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;

/**
 * The architecture of a functional {@link Model} in a model file, in the shape of Keras's
 * functional config: every layer once with the nodes it was called on,
 *
 * <pre>{@code
 * {"name": "model",
 *  "layers": [{"class_name": "InputLayer", "config": {...}, "name": "a", "inbound_nodes": []},
 *             {"class_name": "Dense", "config": {...}, "name": "dense",
 *              "inbound_nodes": [[["a", 0, 0, {}]]]}, ...],
 *  "input_layers": [["a", 0, 0]], "output_layers": [["dense", 0, 0]]}
 * }</pre>
 * A reference {@code [layer, node, tensor]} names the {@code node}-th call of {@code layer} in this
 * model (a shared layer has several); every layer has one output, so {@code tensor} is 0.
 */
final class FunctionalConfig {
    private FunctionalConfig() {
    }

    static Map<String, Object> of(Graph graph, String name) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        List<Object> layers = new ArrayList<>();
        for (Layer layer : graph.layers()) {
            Map<String, Object> entry = ModelConfig.classAndConfig(layer.className(), layer.config());
            entry.put("name", layer.name());
            List<Object> inbound = new ArrayList<>();
            for (Node node : graph.nodesOf(layer)) {
                if (!node.isInput()) {
                    inbound.add(node.inputs().stream().map(in -> reference(graph, in, true)).toList());
                }
            }
            entry.put("inbound_nodes", inbound);
            layers.add(entry);
        }
        config.put("layers", layers);
        config.put("input_layers", graph.inputs().stream().map(n -> reference(graph, n, false)).toList());
        config.put("output_layers", graph.outputs().stream().map(n -> reference(graph, n, false)).toList());
        return config;
    }

    private static List<Object> reference(Graph graph, Node node, boolean withKwargs) {
        List<Object> ref = new ArrayList<>(List.of(node.layer().name(), graph.nodesOf(node.layer()).indexOf(node), 0));
        if (withKwargs) {
            ref.add(Map.of());
        }
        return ref;
    }

    /** Rebuilds the graph: layers from their configs, then each call replayed once its inputs exist. */
    static Model model(Map<String, Object> config, String file, WeightBudget budget) throws IOException {
        List<?> entries = config.get("layers") instanceof List<?> l ? l : null;
        if (entries == null) {
            throw new IOException(file + ": config.layers must be a list of layers");
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<List<Ref>>> inbound = new LinkedHashMap<>();
        Map<String, List<Node>> made = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Layer layer = ModelConfig.layer(entries.get(i), i, file, budget);
            if (layers.putIfAbsent(layer.name(), layer) != null) {
                throw new IOException(file + ": two layers are named '" + layer.name() + "'");
            }
            Map<String, Object> entry = ModelConfig.map(entries.get(i), "layer " + i, file);
            List<List<Ref>> calls = new ArrayList<>();
            if (entry.get("inbound_nodes") instanceof List<?> nodes) {
                for (Object call : nodes) {
                    calls.add(refs(call, "inbound node of layer '" + layer.name() + "'", file));
                }
            }
            inbound.put(layer.name(), calls);
            List<Node> nodes = new ArrayList<>();
            if (layer instanceof Input input) {
                nodes.add(input.node());
            }
            made.put(layer.name(), nodes);
        }
        replay(layers, inbound, made, file);
        List<Node> inputs = nodes(config.get("input_layers"), "input_layers", made, file);
        List<Node> outputs = nodes(config.get("output_layers"), "output_layers", made, file);
        try {
            Model model = new Model(inputs, outputs);
            if (config.get("name") instanceof String name) {
                model.name(name);
            }
            return model;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Applies every layer to its saved inputs, in an order in which each input already exists. */
    private static void replay(Map<String, Layer> layers, Map<String, List<List<Ref>>> inbound,
                               Map<String, List<Node>> made, String file) throws IOException {
        Map<String, Integer> done = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<List<Ref>>> e : inbound.entrySet()) {
                String name = e.getKey();
                int next = done.getOrDefault(name, 0);
                while (next < e.getValue().size()) {
                    List<Node> args = available(e.getValue().get(next), made);
                    if (args == null) {
                        break;
                    }
                    try {
                        made.get(name).add(layers.get(name).apply(args));
                    } catch (IllegalArgumentException ex) {
                        throw new IOException(file + ": " + ex.getMessage(), ex);
                    }
                    done.put(name, ++next);
                    progress = true;
                }
            }
        }
        for (Map.Entry<String, List<List<Ref>>> e : inbound.entrySet()) {
            int next = done.getOrDefault(e.getKey(), 0);
            if (next < e.getValue().size()) {
                throw new IOException(file + ": cannot wire layer '" + e.getKey() + "': its inputs "
                        + e.getValue().get(next) + " are never computed (an unknown layer or a cycle)");
            }
        }
    }

    private static List<Node> available(List<Ref> refs, Map<String, List<Node>> made) {
        List<Node> out = new ArrayList<>();
        for (Ref ref : refs) {
            List<Node> nodes = made.get(ref.layer());
            if (nodes == null || ref.node() >= nodes.size()) {
                return null;
            }
            out.add(nodes.get(ref.node()));
        }
        return out;
    }

    private static List<Node> nodes(Object refs, String what, Map<String, List<Node>> made, String file)
            throws IOException {
        List<Ref> parsed = refs(refs, what, file);
        List<Node> nodes = available(parsed, made);
        if (nodes == null) {
            throw new IOException(file + ": " + what + " " + parsed + " name a layer call the file does not have");
        }
        return nodes;
    }

    /** {@code [[layer, node, tensor(, kwargs)], ...]}. */
    private static List<Ref> refs(Object value, String what, String file) throws IOException {
        if (!(value instanceof List<?> list)) {
            throw new IOException(file + ": " + what + " must be a list of [layer, node, tensor], found " + value);
        }
        List<Ref> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof List<?> ref) || ref.size() < 3 || !(ref.get(0) instanceof String layer)
                    || !(ref.get(1) instanceof Long node) || node < 0 || !(ref.get(2) instanceof Long tensor)
                    || tensor != 0) {
                throw new IOException(file + ": " + what + ": expected [layer name, node index, 0], found " + item);
            }
            out.add(new Ref(layer, (int) (long) node));
        }
        return out;
    }

    private record Ref(String layer, int node) {
        @Override
        public String toString() {
            return layer + "[" + node + "]";
        }
    }
}
