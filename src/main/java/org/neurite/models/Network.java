package org.neurite.models;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.callbacks.TrainingModel;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
import org.neurite.tensor.Allocator;

/**
 * What a {@link Model} is made of, apart from training: its name, its graph of layers (built at
 * once, or for a {@link Sequential} without Input when the data's shape is known), the flat
 * parameter store, the weights as users read and set them, and the concurrency guard. The public
 * methods here are part of {@code Model}'s API; this class only keeps that file to one concern.
 * {@code Trainer}, {@code Evaluator}, {@code LossStep}, the checks, the summary and the weight
 * files work on a {@code Network}; callbacks see it as a {@link TrainingModel}.
 */
abstract class Network implements TrainingModel {
    private String name;
    // volatile: a model built or compiled on one thread is used on others (docs/reliability.md)
    private volatile Graph graph;
    private volatile ParameterStore store;
    private volatile boolean stopTraining;
    private final UseGuard guard = new UseGuard();

    /** A network over {@code graph}, built at once. */
    Network(String name, Graph graph) {
        this.name = name;
        setGraph(graph);
    }

    /** A network whose graph comes later ({@link #setGraph}). */
    Network(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void setName(String value) {
        this.name = value;
    }

    /** The graph, or null before a Sequential without Input is built. */
    Graph graphOrNull() {
        return graph;
    }

    /** Every layer once, the inputs' first, in the order the forward pass first uses them. */
    public List<Layer> layers() {
        return graph().layers();
    }

    /** The layer called {@code layerName}. */
    public Layer getLayer(String layerName) {
        return layers().stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no layer named '" + layerName + "'; layers: "
                        + layers().stream().map(Layer::name).toList()));
    }

    /** The model's symbolic inputs, in the order {@code fit} and {@code predict} take arrays. */
    public List<Node> inputs() {
        return graph().inputs();
    }

    /** The model's symbolic outputs. */
    public List<Node> outputs() {
        return graph().outputs();
    }

    // ------------------------------------------------------------------ building

    public boolean isBuilt() {
        return graph != null;
    }

    /** Per-example shape of the first input, or null until known. */
    public long[] inputShape() {
        return graph == null ? null : graph.inputs().get(0).shape();
    }

    /** Per-example shape of every input, in order. */
    public List<long[]> inputShapes() {
        return graph().inputs().stream().map(Node::shape).toList();
    }

    /** Per-example output shape of the (first) output. */
    public long[] outputShape() {
        return graph().outputs().get(0).shape();
    }

    /** The graph; builds it first where that is still possible (a Sequential with an Input). */
    Graph graph() {
        requireBuilt("this call");
        return graph;
    }

    /** Sets the graph of a Sequential once its input shape is known. */
    void setGraph(Graph value) {
        // the store first: a thread that sees the graph must find its weights
        this.store = value == null ? null : new ParameterStore(value.layers(), dataType());
        this.graph = value;
    }

    /**
     * Starts {@code operation} under the model's concurrency contract, or fails naming the
     * operation running on another thread that prevents it; close the ticket when done.
     */
    UseGuard.Ticket begin(UseGuard.Kind kind, String operation) {
        return guard.begin(name, kind, operation);
    }

    /** Builds the model for the shapes of {@code x} when it is not built yet (a Sequential without Input). */
    void ensureBuilt(List<INDArray> x) {
        requireBuilt("this call");
    }

    void requireBuilt(String what) {
        if (graph == null) {
            throw new IllegalStateException(name + ": " + what + " needs a built model");
        }
    }

    DataType dataType() {
        return DataType.FLOAT;
    }

    ParameterStore store() {
        return store;
    }

    // ------------------------------------------------------------------ weights and description

    public long countParams() {
        requireBuilt("countParams");
        return layers().stream().mapToLong(Layer::countParams).sum();
    }

    /** All weights in Keras order (each layer's kernel, then bias), as copies. */
    public List<INDArray> getWeights() {
        requireBuilt("getWeights");
        List<INDArray> out = new ArrayList<>();
        layers().forEach(l -> out.addAll(l.getWeights()));
        return out;
    }

    /** Sets all weights from a list in {@link #getWeights()} order; shapes must match. */
    public void setWeights(List<INDArray> weights) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "setWeights")) {
            requireBuilt("setWeights");
            ModelWeights.assign(this, weights);
        }
    }

    /** A copy of all weights in one flat array, for {@link #restoreWeights} (best epoch, last good state). */
    public INDArray snapshotWeights() {
        return snapshotWeights(null);
    }

    /** Like {@link #snapshotWeights()}, reusing {@code reuse} when it has the right size. */
    public INDArray snapshotWeights(INDArray reuse) {
        requireBuilt("snapshotWeights");
        if (reuse != null && reuse.length() == store.values().length()) {
            return reuse.assign(store.values());
        }
        return Allocator.persistentCopy(store.values());
    }

    /** Puts back weights taken by {@link #snapshotWeights()} of this model. */
    public void restoreWeights(INDArray snapshot) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "restoreWeights")) {
            requireBuilt("restoreWeights");
            if (snapshot.length() != store.values().length()) {
                throw new IllegalArgumentException(name + ": a snapshot of " + snapshot.length()
                        + " values does not fit this model's " + store.values().length());
            }
            store.values().assign(snapshot);
        }
    }

    /**
     * Asks a running {@code fit} to stop after the current batch (used by callbacks); safe to call
     * from any thread.
     */
    public void stopTraining(boolean value) {
        this.stopTraining = value;
    }

    public boolean isStopTraining() {
        return stopTraining;
    }
}
