package org.neurite.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.io.FileKey;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;

/**
 * A linear stack of layers: the {@link Model} of one chain, with Keras's workflow:
 * {@code compile}, {@code fit}, {@code evaluate}, {@code predict}, {@code summary}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(5), new Dense(64, "relu"), new Dense(1, "sigmoid"));
 * model.compile("adam", "binary_crossentropy", "accuracy");
 * model.fit(x, y, Fit.epochs(10).batchSize(32));
 * INDArray p = model.predict(x);
 * }</pre>
 * A model that starts with an {@link Input} is built at once; otherwise on the first {@code fit},
 * {@code predict} or {@link #build}, from the data's shape.
 */
public class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private long[] inputShape;

    public Sequential(Layer... layers) {
        super("sequential");
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Appends a layer; on a built model the new layer is built at once. */
    public Sequential add(Layer layer) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "add")) {
            append(layer);
        }
        return this;
    }

    private synchronized void append(Layer layer) {
        if (layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new IllegalArgumentException(name() + ": a layer named '" + layer.name() + "' already exists");
        }
        if (layer instanceof Input && !layers.isEmpty()) {
            throw new IllegalArgumentException(name() + ": Input must be the first layer, found it at position " + layers.size());
        }
        layers.add(layer);
        if (layer instanceof Input input) {
            inputShape = input.shape();
        }
        if (isBuilt()) {
            chain();
        } else if (inputShape != null) {
            build(inputShape);   // as Keras: a model that starts with an Input is built at once
        }
    }

    /** Removes and returns the last layer (to replace a model's head for transfer learning). */
    public Layer pop() {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "pop")) {
            return removeLast();
        }
    }

    private synchronized Layer removeLast() {
        if (layers.isEmpty() || layers.get(layers.size() - 1) instanceof Input) {
            throw new IllegalStateException(name() + ": no layer to pop");
        }
        Layer removed = layers.remove(layers.size() - 1);
        if (isBuilt()) {
            chain();
        }
        return removed;
    }

    @Override
    public Sequential name(String value) {
        super.name(value);
        return this;
    }

    /** The layers in order, as added (with the {@link Input} when there is one). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    // ------------------------------------------------------------------ building

    /**
     * Builds every layer for per-example input {@code shape} (without the batch dimension). The
     * first {@code predict} or {@code evaluate} builds a model without {@link Input} the same way;
     * calls on several threads build it once.
     */
    public synchronized void build(long... shape) {
        if (isBuilt()) {
            if (!Arrays.equals(shape, inputShape)) {
                throw new IllegalArgumentException(name() + ": built for input shape " + Arrays.toString(inputShape)
                        + ", cannot take " + Arrays.toString(shape));
            }
            return;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException(name() + ": the model has no layers");
        }
        inputShape = shape.clone();
        chain();
    }

    /** Wires the layers into one chain from the input and makes it the model's graph. */
    private void chain() {
        Node node = layers.get(0) instanceof Input input ? input.node() : Input.of(inputShape);
        for (Layer layer : layers) {
            if (!(layer instanceof Input)) {
                node = layer.apply(node);
            }
        }
        setGraph(Graph.of(name(), List.of(firstNode(node)), List.of(node)));
    }

    private static Node firstNode(Node node) {
        Node n = node;
        while (!n.isInput()) {
            n = n.inputs().get(0);
        }
        return n;
    }

    @Override
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    @Override
    void ensureBuilt(List<INDArray> x) {
        if (!isBuilt()) {
            INDArray first = x.get(0);
            build(inputShape != null ? inputShape : Arrays.copyOfRange(first.shape(), 1, first.rank()));
        }
    }

    @Override
    void requireBuilt(String what) {
        if (!isBuilt()) {
            if (inputShape == null) {
                throw new IllegalStateException(name() + ": " + what + " needs a built model; start it with an Input "
                        + "layer or call build(shape) or fit first");
            }
            build(inputShape);
        }
    }

    /**
     * The model saved at {@code path}: built, with its weights, and compiled with its optimizer
     * state when it was saved compiled, so {@code fit} continues where it stopped.
     *
     * @throws IOException naming the file for a missing, truncated, corrupt or newer-version file,
     *                     or a file that holds a functional {@link Model} (load that with {@link Model#load})
     */
    public static Sequential load(Path path) throws IOException {
        Model model = ModelFile.load(path);
        if (!(model instanceof Sequential sequential)) {
            throw new IOException(path + ": holds a functional Model, not a Sequential; load it with Model.load");
        }
        return sequential;
    }
    /** The Sequential model saved encrypted at {@code path} with {@code key}; see {@link Model#load(Path, FileKey)}. */
    public static Sequential load(Path path, FileKey key) throws IOException {
        Model model = Model.load(path, key);
        if (!(model instanceof Sequential sequential)) {
            throw new IOException(path + ": holds a functional Model, not a Sequential; load it with Model.load");
        }
        return sequential;
    }
}
