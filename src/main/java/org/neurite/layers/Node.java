package org.neurite.layers;

import java.util.Arrays;
import java.util.List;

/**
 * A symbolic tensor of Keras's functional API: the output of one call of a layer on other nodes
 * ({@link Layer#apply}), or a model input ({@link Input#of}). It holds no values, only where the
 * value comes from and its shape without the batch dimension.
 *
 * <pre>{@code
 * Node in = Input.of(32);
 * Node h = new Dense(32, "relu").apply(in);
 * Node out = new Dense(1, "sigmoid").apply(new Add().apply(h, in));
 * }</pre>
 */
public final class Node {
    private final Layer layer;
    private final List<Node> inputs;
    private final long[] shape;
    private final int index;

    Node(Layer layer, List<Node> inputs, long[] shape, int index) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        this.shape = shape.clone();
        this.index = index;
    }

    /** The layer whose call made this node (an {@link Input} for a model input). */
    public Layer layer() {
        return layer;
    }

    /** The nodes the layer was applied to; empty for a model input. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The shape without the batch dimension. */
    public long[] shape() {
        return shape.clone();
    }

    /** Which call of its layer made this node: 0 for the first, 1 when the layer is shared, ... */
    public int index() {
        return index;
    }

    /** Whether this node is a model input. */
    public boolean isInput() {
        return inputs.isEmpty();
    }

    /** "the output of dense (Dense), shape [None, 32]" for error messages, for one or several nodes. */
    static String describe(List<Node> nodes) {
        StringBuilder sb = new StringBuilder(nodes.size() == 1 ? "the output of " : "the outputs of ");
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                sb.append(i == nodes.size() - 1 ? " and " : ", ");
            }
            Node n = nodes.get(i);
            sb.append(n.layer.name()).append(" (").append(n.layer.className()).append("), shape ")
                    .append(batchShape(n.shape));
        }
        return sb.toString();
    }

    private static String batchShape(long[] shape) {
        String dims = Arrays.toString(shape);
        return "[None, " + dims.substring(1);
    }

    @Override
    public String toString() {
        return "Node[" + layer.name() + (index > 0 ? "#" + index : "") + ", shape " + batchShape(shape) + "]";
    }
}
