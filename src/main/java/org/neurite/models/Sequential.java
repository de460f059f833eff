package org.neurite.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.losses.Loss;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Optimizer;
import org.neurite.optimizers.Optimizers;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A linear stack of layers with Keras's workflow: {@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}, {@code summary}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(5), new Dense(64, "relu"), new Dense(1, "sigmoid"));
 * model.compile("adam", "binary_crossentropy", "accuracy");
 * model.fit(x, y, Fit.epochs(10).batchSize(32));
 * INDArray p = model.predict(x);
 * }</pre>
 * Training, evaluation and the summary live in their own classes; this one holds the layers and
 * the compiled configuration.
 */
public class Sequential {
    private static final Logger LOG = LoggerFactory.getLogger(Sequential.class);

    private final List<Layer> layers = new ArrayList<>();
    private String name = "sequential";
    private long[] inputShape;
    private ParameterStore store;
    private Compiled compiled;
    private volatile boolean stopTraining;

    public Sequential(Layer... layers) {
        for (Layer layer : layers) {
            add(layer);
        }
    }

    /** Appends a layer; on a built model the new layer is built at once. */
    public Sequential add(Layer layer) {
        if (layers.stream().anyMatch(l -> l.name().equals(layer.name()))) {
            throw new IllegalArgumentException(name + ": a layer named '" + layer.name() + "' already exists");
        }
        if (layer instanceof Input && !layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": Input must be the first layer, found it at position " + layers.size());
        }
        layers.add(layer);
        if (layer instanceof Input) {
            inputShape = ((Input) layer).shape();
        }
        if (store != null) {
            layer.build(outputShape(layers.size() - 1));
            store = new ParameterStore(layers, dataType());
        } else if (inputShape != null) {
            build(inputShape);   // as Keras: a model that starts with an Input is built at once
        }
        return this;
    }

    /** Removes and returns the last layer (to replace a model's head for transfer learning). */
    public Layer pop() {
        if (layers.isEmpty() || layers.get(layers.size() - 1) instanceof Input) {
            throw new IllegalStateException(name + ": no layer to pop");
        }
        Layer removed = layers.remove(layers.size() - 1);
        if (store != null) {
            store = new ParameterStore(layers, dataType());
        }
        return removed;
    }

    public Sequential name(String value) {
        this.name = value;
        return this;
    }

    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layer called {@code layerName}. */
    public Layer getLayer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no layer named '" + layerName + "'; layers: "
                        + layers.stream().map(Layer::name).toList()));
    }

    // ------------------------------------------------------------------ building

    /** Builds every layer for per-example input {@code shape} (without the batch dimension). */
    public void build(long... shape) {
        if (store != null) {
            if (!Arrays.equals(shape, inputShape)) {
                throw new IllegalArgumentException(name + ": built for input shape " + Arrays.toString(inputShape)
                        + ", cannot take " + Arrays.toString(shape));
            }
            return;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException(name + ": the model has no layers");
        }
        inputShape = shape.clone();
        long[] s = shape.clone();
        for (Layer layer : layers) {
            s = layer.build(s);
        }
        store = new ParameterStore(layers, dataType());
    }

    public boolean isBuilt() {
        return store != null;
    }

    /** Per-example input shape, or null until known. */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** Per-example output shape of the model. */
    public long[] outputShape() {
        requireBuilt("outputShape");
        return layers.get(layers.size() - 1).outputShape();
    }

    void ensureBuilt(INDArray x) {
        if (store == null) {
            build(inputShape != null ? inputShape : Arrays.copyOfRange(x.shape(), 1, x.rank()));
        }
    }

    void requireBuilt(String what) {
        if (store == null) {
            if (inputShape == null) {
                throw new IllegalStateException(name + ": " + what + " needs a built model; start it with an Input layer "
                        + "or call build(shape) or fit first");
            }
            build(inputShape);
        }
    }

    private long[] outputShape(int upTo) {
        return upTo == 0 ? inputShape : layers.get(upTo - 1).outputShape();
    }

    DataType dataType() {
        return DataType.FLOAT;
    }

    ParameterStore store() {
        return store;
    }

    // ------------------------------------------------------------------ compile

    /** Compiles with Keras names: {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        Loss l = Losses.get(loss);
        List<Metric> m = new ArrayList<>();
        for (String metric : metrics) {
            m.add(Metrics.resolve(metric, l));
        }
        compile(Optimizers.get(optimizer), l, m.toArray(new Metric[0]));
    }

    /** Compiles with objects: {@code compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy())}. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException(name + ": compile needs an optimizer and a loss");
        }
        List<Metric> resolved = new ArrayList<>();
        for (Metric metric : metrics) {
            resolved.add(Metrics.resolve(metric, loss));
        }
        this.compiled = new Compiled(optimizer, loss, List.copyOf(resolved));
    }

    Compiled compiled(String operation) {
        if (compiled == null) {
            throw new IllegalStateException(name + ": " + operation + " called before compile(); call "
                    + "compile(optimizer, loss, metrics...) first");
        }
        return compiled;
    }

    public Optimizer optimizer() {
        return compiled("optimizer()").optimizer();
    }

    public Loss loss() {
        return compiled("loss()").loss();
    }

    public List<Metric> metrics() {
        return compiled("metrics()").metrics();
    }

    public boolean isCompiled() {
        return compiled != null;
    }

    // ------------------------------------------------------------------ training and inference

    public History fit(Dataset data, Fit options) {
        return new Trainer(this, compiled("fit")).fit(data, options);
    }

    /** Trains on arrays: {@code x} is {@code [n, ...inputShape]}, {@code y} has {@code n} rows. */
    public History fit(INDArray x, INDArray y, Fit options) {
        return fit(Dataset.of(x, y), options);
    }

    /** One optimizer step on one batch (Keras {@code train_on_batch}); returns loss and metrics of that batch. */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        return new Trainer(this, compiled("trainOnBatch")).trainOnBatch(x, y);
    }

    /** Loss and metrics over {@code data}, in batches of 32. */
    public Map<String, Double> evaluate(Dataset data) {
        return evaluate(data, 32);
    }

    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        return new Evaluator(this).evaluate(compiled("evaluate"), data, batchSize);
    }

    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(Dataset.of(x, y));
    }

    /** Model outputs for {@code x} ({@code [n, ...inputShape]}), computed in batches of 32. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    public INDArray predict(INDArray x, int batchSize) {
        return new Evaluator(this).predict(Dataset.of(x, null), batchSize);
    }

    public INDArray predict(Dataset data) {
        return new Evaluator(this).predict(data, 32);
    }

    /** Runs the layers on a batch tensor; used by the training and inference loops. */
    Tensor forward(Tensor x, boolean training, int upTo) {
        return LayerFusion.forward(layers, x, training, upTo);
    }

    /** Throws naming the expected and found shapes unless {@code x} is {@code [n, ...inputShape]}. */
    void checkInput(INDArray x, String operation) {
        ensureBuilt(x);
        long[] found = Arrays.copyOfRange(x.shape(), 1, Math.max(1, x.rank()));
        if (x.rank() != inputShape.length + 1 || !Arrays.equals(found, inputShape)) {
            String layer = layers.get(0).name();
            throw new IllegalArgumentException(name + "." + operation + ": input of layer '" + layer
                    + "' expected shape [batch, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "")
                    + "] but found " + Arrays.toString(x.shape()));
        }
    }

    // ------------------------------------------------------------------ weights and description

    public long countParams() {
        requireBuilt("countParams");
        return layers.stream().mapToLong(Layer::countParams).sum();
    }

    /** All weights in Keras order (each layer's kernel, then bias), as copies. */
    public List<INDArray> getWeights() {
        requireBuilt("getWeights");
        List<INDArray> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.getWeights()));
        return out;
    }

    /** Sets all weights from a list in {@link #getWeights()} order; shapes must match. */
    public void setWeights(List<INDArray> weights) {
        requireBuilt("setWeights");
        int expected = layers.stream().mapToInt(l -> l.weights().size()).sum();
        if (weights.size() != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " weight arrays but got " + weights.size());
        }
        int i = 0;
        for (Layer layer : layers) {
            int n = layer.weights().size();
            layer.setWeights(weights.subList(i, i + n));
            i += n;
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
        requireBuilt("restoreWeights");
        if (snapshot.length() != store.values().length()) {
            throw new IllegalArgumentException(name + ": a snapshot of " + snapshot.length()
                    + " values does not fit this model's " + store.values().length());
        }
        store.values().assign(snapshot);
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves the architecture, the weights and, when compiled, the optimizer with its state to one
     * file (a zip; see docs/saving.md). The write is atomic: a failure leaves any previous file intact.
     */
    public void save(Path path) throws IOException {
        ModelFile.save(this, path);
    }

    /**
     * The model saved at {@code path}: built, with its weights, and compiled with its optimizer
     * state when it was saved compiled, so {@code fit} continues where it stopped.
     *
     * @throws IOException naming the file for a missing, truncated, corrupt or newer-version file
     */
    public static Sequential load(Path path) throws IOException {
        return ModelFile.load(path);
    }

    /**
     * Loads the weights of a model file into this built model, layer by layer in order (as Keras's
     * {@code load_weights}); the architectures must match.
     *
     * @throws IllegalArgumentException naming the layer and both shapes when they differ
     */
    public void loadWeights(Path path) throws IOException {
        ModelFile.loadWeights(this, path, false);
    }

    /**
     * Loads the weights of a model file into the layers of this model with the same names (Keras's
     * {@code by_name=True}), leaving the others as they are; returns the names of the layers loaded.
     *
     * @throws IllegalArgumentException naming the layer and both shapes when a named layer differs
     */
    public List<String> loadWeightsByName(Path path) throws IOException {
        return ModelFile.loadWeights(this, path, true);
    }

    /**
     * The Keras-style summary table (layers, output shapes, parameter counts). It is also logged at
     * INFO; library code never writes to the console, so print it yourself to see it there:
     * {@code System.out.print(model.summary())}.
     */
    public String summary() {
        requireBuilt("summary");
        String table = Summary.of(this);
        LOG.info("{}: summary\n{}", name(), table);
        return table;
    }

    /** Asks a running {@code fit} to stop after the current batch (used by callbacks). */
    public void stopTraining(boolean value) {
        this.stopTraining = value;
    }

    public boolean isStopTraining() {
        return stopTraining;
    }

    /** The compiled optimizer, loss and metrics. */
    record Compiled(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    }
}
