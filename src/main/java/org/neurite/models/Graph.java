package org.neurite.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.Neurite;
import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
import org.neurite.tensor.Tensor;

/**
 * The layers of a model as a directed acyclic graph of {@link Node}s, from its inputs to its
 * outputs, and the forward pass over it. A {@link Sequential} is the graph of one chain.
 *
 * <p>The forward pass runs the nodes in topological order. Where a monotonic activation is
 * followed by its only consumer, a max pooling, the pooling runs first ({@link LayerFusion}), and
 * an output whose layer ends in softmax or sigmoid can be computed without its activation for the
 * fused from-logits losses ({@link LossStep}).
 */
final class Graph {
    private final List<Node> inputs;
    private final List<Node> outputs;
    private final List<Node> order;
    private final List<Layer> layers;
    private final Map<Node, Node> pooledAfter = new IdentityHashMap<>();
    private final Set<Node> fusedAway = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Node, Integer> consumers = new IdentityHashMap<>();

    private Graph(List<Node> inputs, List<Node> outputs, List<Node> order, List<Layer> layers) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.order = order;
        this.layers = layers;
        planFusion();
    }

    /**
     * The graph from {@code inputs} to {@code outputs}.
     *
     * @throws IllegalArgumentException when an input is not an {@link Input}'s node, an output
     *                                  cannot be computed from the inputs alone (naming the input it
     *                                  needs), or two layers share a name
     */
    static Graph of(String model, List<Node> inputs, List<Node> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(model + ": a model needs at least one input and one output, got "
                    + inputs.size() + " and " + outputs.size());
        }
        Set<Node> declared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node in : inputs) {
            if (in == null || !in.isInput() || !(in.layer() instanceof Input)) {
                throw new IllegalArgumentException(model + ": model inputs must come from Input.of(...), got " + in);
            }
            if (!declared.add(in)) {
                throw new IllegalArgumentException(model + ": input " + in.layer().name() + " is listed twice");
            }
        }
        List<Node> order = topologicalOrder(model, outputs, declared);
        List<Layer> layers = new ArrayList<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Layer> byName = new HashMap<>();
        for (Node in : inputs) {
            addLayer(model, in.layer(), layers, seen, byName);
        }
        for (Node node : order) {
            addLayer(model, node.layer(), layers, seen, byName);
        }
        return new Graph(inputs, outputs, order, layers);
    }

    private static void addLayer(String model, Layer layer, List<Layer> layers, Set<Layer> seen,
                                 Map<String, Layer> byName) {
        if (!seen.add(layer)) {
            return;
        }
        Layer other = byName.putIfAbsent(layer.name(), layer);
        if (other != null) {
            throw new IllegalArgumentException(model + ": two layers are named '" + layer.name() + "' (" + other.className()
                    + " and " + layer.className() + "); layer names must be unique in a model, rename one with name(...)");
        }
        layers.add(layer);
    }

    /** Every node the outputs depend on, each after its inputs; iterative, so deep graphs are fine. */
    private static List<Node> topologicalOrder(String model, List<Node> outputs, Set<Node> declared) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node output : outputs) {
            if (output == null) {
                throw new IllegalArgumentException(model + ": an output is null");
            }
            Deque<Node> stack = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            stack.push(output);
            next.push(0);
            while (!stack.isEmpty()) {
                Node node = stack.peek();
                int i = next.pop();
                if (done.contains(node)) {
                    stack.pop();
                    continue;
                }
                if (node.isInput() && !declared.contains(node)) {
                    throw new IllegalArgumentException(model + ": graph disconnected: output " + output.layer().name()
                            + " needs input " + node.layer().name() + " " + shape(node)
                            + ", which is not among the model's inputs");
                }
                if (i < node.inputs().size()) {
                    next.push(i + 1);
                    stack.push(node.inputs().get(i));
                    next.push(0);
                } else {
                    stack.pop();
                    done.add(node);
                    order.add(node);
                }
            }
        }
        return order;
    }

    private static String shape(Node node) {
        return java.util.Arrays.toString(node.shape());
    }

    /** Activations that run after a following max pooling (see {@link LayerFusion}). */
    private void planFusion() {
        for (Node node : order) {
            for (Node in : node.inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        Set<Node> outputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        outputSet.addAll(outputs);
        for (Node node : order) {
            if (node.inputs().size() != 1) {
                continue;
            }
            Node producer = node.inputs().get(0);
            if (!producer.isInput() && !outputSet.contains(producer) && consumers.get(producer) == 1
                    && producer.inputs().size() == 1
                    && LayerFusion.poolsAfterActivation(producer.layer(), node.layer())) {
                pooledAfter.put(node, producer);
                fusedAway.add(producer);
            }
        }
    }

    List<Node> inputs() {
        return inputs;
    }

    List<Node> outputs() {
        return outputs;
    }

    /** The nodes in the order the forward pass runs them (inputs not included). */
    List<Node> order() {
        return order;
    }

    /** Every layer once, the inputs' first, then in the order the forward pass first uses them. */
    List<Layer> layers() {
        return layers;
    }

    /** The nodes in this graph made by {@code layer}, in order (shared layers have several). */
    List<Node> nodesOf(Layer layer) {
        List<Node> out = new ArrayList<>();
        for (Node in : inputs) {
            if (in.layer() == layer) {
                out.add(in);
            }
        }
        for (Node node : order) {
            if (node.layer() == layer && !node.isInput()) {
                out.add(node);
            }
        }
        return out;
    }

    /**
     * The outputs for one tensor per input. Output {@code i} is computed without its activation
     * when {@code logits[i]} is true (its layer is then an {@link ActivatedLayer}).
     */
    List<Tensor> forward(List<Tensor> values, boolean training, boolean[] logits) {
        Map<Node, Tensor> computed = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            computed.put(inputs.get(i), values.get(i));
        }
        Map<Node, Integer> logitOutputs = new IdentityHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (logits != null && logits[i]) {
                logitOutputs.put(outputs.get(i), i);
            }
        }
        Tensor[] logitValues = new Tensor[outputs.size()];
        boolean reorder = Neurite.fastPaths();   // off: every layer in its written order
        for (Node node : order) {
            if (node.isInput() || reorder && fusedAway.contains(node)) {
                continue;
            }
            Node producer = reorder ? pooledAfter.get(node) : null;
            Tensor out;
            Tensor producerInput = producer == null ? null : computed.get(producer.inputs().get(0));
            if (producer != null && producerInput.mask() == null) {
                ActivatedLayer activated = (ActivatedLayer) producer.layer();
                Tensor linear = activated.forwardLinear(producerInput, training);
                out = activated.activation().apply(node.layer().call(linear, training));
            } else if (producer != null) {
                // masked pooling gives 0 for an all-padding example, and act(0) need not be 0: no reordering
                out = node.layer().call(producer.layer().call(producerInput, training), training);
            } else {
                List<Tensor> args = new ArrayList<>(node.inputs().size());
                for (Node in : node.inputs()) {
                    args.add(computed.get(in));
                }
                Integer logitIndex = logitOutputs.get(node);
                if (logitIndex != null) {
                    ActivatedLayer activated = (ActivatedLayer) node.layer();
                    logitValues[logitIndex] = activated.forwardLinear(args.get(0), training);
                    if (!consumers.containsKey(node)) {
                        continue;
                    }
                    out = activated.activation().apply(logitValues[logitIndex]);   // other layers use it too
                    computed.put(node, out);
                    continue;
                }
                out = node.layer().call(args, training);
            }
            computed.put(node, out);
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            result.add(logitValues[i] != null ? logitValues[i] : computed.get(outputs.get(i)));
        }
        return result;
    }

    /** Names of the nodes feeding {@code node}, as Keras's summary prints them: {@code dense[0][0]}. */
    List<String> inboundNames(Node node) {
        List<String> out = new ArrayList<>();
        for (Node in : node.inputs()) {
            out.add(in.layer().name() + "[" + nodesOf(in.layer()).indexOf(in) + "][0]");
        }
        return out;
    }

}
