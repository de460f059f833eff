package org.neurite.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.BatchSource;
import org.neurite.data.Dataset;
import org.neurite.io.FileKey;
import org.neurite.layers.Node;
import org.neurite.losses.Loss;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Optimizer;
import org.neurite.optimizers.Optimizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model of layers wired as a graph (Keras's functional API), with Keras's workflow:
 * {@code compile}, {@code fit}, {@code evaluate}, {@code predict}, {@code summary}, {@code save}.
 *
 * <pre>{@code
 * Node a = Input.of(32), b = Input.of(8);
 * Node h = new Dense(32, "relu").apply(a);
 * Node merged = new Concatenate().apply(new Add().apply(h, a), b);
 * Model model = new Model(List.of(a, b), List.of(new Dense(1, "sigmoid").apply(merged)));
 * model.compile("adam", "binary_crossentropy", "accuracy");
 * model.fit(List.of(xa, xb), y, Fit.epochs(5));
 * }</pre>
 * {@link Sequential} is the special case of one chain. Training, evaluation, the summary and
 * saving live in their own classes; {@code Network} holds the graph and the weights, this class
 * the compiled configuration and the workflow.
 */
public class Model extends Network {
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private static final Logger LOG = LoggerFactory.getLogger(Model.class);

    private volatile Compiled compiled;   // volatile: compiled on one thread, used on others

    /** A model from one input to one output. */
    public Model(Node input, Node output) {
        this(List.of(input), List.of(output));
    }

    /**
     * A model from {@code inputs} (nodes of {@code Input.of}) to {@code outputs}.
     *
     * @throws IllegalArgumentException when an output cannot be computed from the inputs (naming
     *                                  the input it needs) or two layers share a name
     */
    public Model(List<Node> inputs, List<Node> outputs) {
        super("model", Graph.of("model", inputs, outputs));
    }

    /** For {@link Sequential}, whose graph is made when its input shape is known. */
    Model(String name) {
        super(name);
    }

    public Model name(String value) {
        setName(value);
        return this;
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
            throw new IllegalArgumentException(name() + ": compile needs an optimizer and a loss");
        }
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "compile")) {
            List<String> outputs = graphOrNull() == null ? List.of("output")
                    : graphOrNull().outputs().stream().map(n -> n.layer().name()).toList();
            this.compiled = Compiled.of(name(), optimizer, loss, outputs, metrics);
        }
    }

    Compiled compiled(String operation) {
        if (compiled == null) {
            throw new IllegalStateException(name() + ": " + operation + " called before compile(); call "
                    + "compile(optimizer, loss, metrics...) first");
        }
        return compiled;
    }

    /** The compiled configuration, checked to have metrics for every output of the model. */
    private Compiled compiledForLoss(String operation) {
        Compiled c = compiled(operation);
        int outputs = graphOrNull() == null ? 1 : graphOrNull().outputs().size();   // an unbuilt Sequential has one
        if (c.outputMetrics().size() != outputs) {
            throw new IllegalStateException(name() + ": compiled for " + c.outputMetrics().size() + " output(s) but the "
                    + "model has " + outputs + "; compile it again");
        }
        return c;
    }

    public Optimizer optimizer() {
        return compiled("optimizer()").optimizer();
    }

    public Loss loss() {
        return compiled("loss()").loss();
    }

    /**
     * The metrics the model was compiled with (of the first output), as templates: {@code fit}
     * and {@code evaluate} compute on fresh instances of them ({@link Metric#fresh()}), one set
     * per epoch and per call, so these are not updated and their results stay 0; read the
     * values from the returned logs or the {@link History}. Use them for names and settings.
     */
    public List<Metric> metrics() {
        return compiled("metrics()").metrics();
    }

    public boolean isCompiled() {
        return compiled != null;
    }

    // ------------------------------------------------------------------ training and inference

    /**
     * Trains on {@code data}. One training call ({@code fit} or {@code trainOnBatch}) runs on a
     * model at a time; {@code predict} and {@code evaluate} may run on other threads meanwhile
     * (docs/reliability.md).
     *
     * @throws IllegalStateException when another training call, or a change or save of the model
     *                               on another thread, is running, naming it
     */
    public History fit(Dataset data, Fit options) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.TRAIN, "fit")) {
            return new Trainer(this, compiledForLoss("fit")).fit(data, options);
        }
    }

    /**
     * Trains on batches read as they are needed (a file larger than memory, a generator): each
     * epoch is one pass of {@code data} (or {@link Fit#stepsPerEpoch} batches), each batch checked
     * as it arrives, prepared one ahead on a background thread and freed after its step. Batch size
     * and order are the source's; {@link Fit#validationSplit} is not possible on a stream.
     */
    public History fit(BatchSource data, Fit options) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.TRAIN, "fit")) {
            return new Trainer(this, compiledForLoss("fit")).fit(data, options);
        }
    }

    /** Trains on arrays: {@code x} is {@code [n, ...inputShape]}, {@code y} has {@code n} rows. */
    public History fit(INDArray x, INDArray y, Fit options) {
        return fit(Dataset.of(x, y), options);
    }

    /** Trains a model with several inputs: one array per input, in the order of {@link #inputs()}. */
    public History fit(List<INDArray> x, INDArray y, Fit options) {
        return fit(Dataset.of(x, y), options);
    }

    /**
     * Trains a model with several outputs: one label array per output, in the order of
     * {@link #outputs()}; the compiled loss is applied to each output and the losses are summed.
     */
    public History fit(List<INDArray> x, List<INDArray> y, Fit options) {
        return fit(Dataset.of(x, y), options);
    }

    /** One optimizer step on one batch (Keras {@code train_on_batch}); returns loss and metrics of that batch. */
    public Map<String, Double> trainOnBatch(INDArray x, INDArray y) {
        return trainOnBatch(List.of(x), y);
    }

    /** {@link #trainOnBatch(INDArray, INDArray)} with one array per input. */
    public Map<String, Double> trainOnBatch(List<INDArray> x, INDArray y) {
        return trainOnBatch(x, java.util.Collections.singletonList(y));
    }

    /** {@link #trainOnBatch(INDArray, INDArray)} with one array per input and one label array per output. */
    public Map<String, Double> trainOnBatch(List<INDArray> x, List<INDArray> y) {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.TRAIN, "trainOnBatch")) {
            return new Trainer(this, compiledForLoss("trainOnBatch")).trainOnBatch(x, y);
        }
    }

    /**
     * Loss and metrics over {@code data}, in batches of 32. Any number of {@code evaluate} and
     * {@code predict} calls may run at once on one model, each with its own metric instances
     * (docs/reliability.md).
     */
    public Map<String, Double> evaluate(Dataset data) {
        return evaluate(data, 32);
    }

    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        return new Evaluator(this).evaluate(compiledForLoss("evaluate"), data, batchSize);
    }

    /** Loss and metrics over one pass of {@code data}, in its batches (each weighed by its {@link org.neurite.data.Batch#sampleWeight()}). */
    public Map<String, Double> evaluate(BatchSource data) {
        return new Evaluator(this).evaluate(compiledForLoss("evaluate"), data);
    }

    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(Dataset.of(x, y));
    }

    /** {@link #evaluate(INDArray, INDArray)} with one array per input. */
    public Map<String, Double> evaluate(List<INDArray> x, INDArray y) {
        return evaluate(Dataset.of(x, y));
    }

    /** {@link #evaluate(INDArray, INDArray)} with one array per input and one label array per output. */
    public Map<String, Double> evaluate(List<INDArray> x, List<INDArray> y) {
        return evaluate(Dataset.of(x, y));
    }

    /** Model outputs for {@code x} ({@code [n, ...inputShape]}), computed in batches of 32. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    public INDArray predict(INDArray x, int batchSize) {
        return predict(Dataset.of(x, null), batchSize);
    }

    /** Model outputs for one array per input. */
    public INDArray predict(List<INDArray> x) {
        return predict(Dataset.of(x), 32);
    }

    public INDArray predict(Dataset data) {
        return predict(data, 32);
    }

    public INDArray predict(Dataset data, int batchSize) {
        requireOneOutput("predict");
        return new Evaluator(this).predict(data, batchSize).get(0);
    }

    /** The model's output for every batch of one pass of {@code data}, in order; labels in the batches are ignored. */
    public INDArray predict(BatchSource data) {
        requireOneOutput("predict");
        return new Evaluator(this).predict(data).get(0);
    }

    /** Every output of the model for {@code data}, in the order of {@link #outputs()}. */
    public List<INDArray> predictOutputs(Dataset data, int batchSize) {
        return new Evaluator(this).predict(data, batchSize);
    }

    /** {@link #predictOutputs(Dataset, int)} for one array per input, in batches of 32. */
    public List<INDArray> predictOutputs(List<INDArray> x) {
        return predictOutputs(Dataset.of(x), 32);
    }

    private void requireOneOutput(String operation) {
        if (graphOrNull() != null && graphOrNull().outputs().size() != 1) {
            throw new IllegalStateException(name() + ": " + operation + " returns one array, but the model has "
                    + graphOrNull().outputs().size() + " outputs; use predictOutputs");
        }
    }

    /**
     * What saving or loading this model left out or could not restore, as sentences (a compile
     * configuration missing from the file, a metric left out), so it is seen without an SLF4J
     * binding; oldest first.
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    void warn(String message) {
        warnings.add(message);
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves the architecture (the graph, as Keras's functional config), the weights and, when
     * compiled, the optimizer with its state to one file (a zip; see docs/saving.md). The write is
     * atomic: a failure leaves any previous file intact.
     */
    public void save(Path path) throws IOException {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.SAVE, "save")) {
            ModelFile.save(this, path);
        }
    }

    /**
     * Saves as {@link #save(Path)} does, encrypted with AES-256-GCM under {@code key} (see
     * docs/saving.md, "Encrypted model files"): the file holds no plain weight, and loading it needs
     * the key ({@link #load(Path, FileKey)}). Each save uses a fresh random salt and nonce. The
     * write is atomic as for a plain file.
     */
    public void save(Path path, FileKey key) throws IOException {
        Objects.requireNonNull(key, "key (use save(path) for a plain file)");
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.SAVE, "save")) {
            ModelFile.save(this, path, key, UnaryOperator.identity());
        }
    }

    /**
     * The model saved at {@code path} (a {@link Sequential} when one was saved): built, with its
     * weights, and compiled with its optimizer state when it was saved compiled.
     *
     * @throws IOException naming the file for a missing, truncated, corrupt or newer-version file
     */
    public static Model load(Path path) throws IOException {
        return ModelFile.load(path);
    }

    /**
     * The model saved encrypted at {@code path} with {@code key}, as {@link #load(Path)}.
     *
     * @throws org.neurite.io.EncryptedFileException with {@code reason()} WRONG_KEY for another key,
     *         DAMAGED for a changed or truncated file, NOT_ENCRYPTED for a plain file (load it
     *         without a key); {@link #load(Path)} of an encrypted file fails with KEY_REQUIRED
     */
    public static Model load(Path path, FileKey key) throws IOException {
        return ModelFile.load(path, Objects.requireNonNull(key, "key (use load(path) for a plain file)"));
    }

    /**
     * Loads the weights of a model file into this built model, layer by layer in order (as Keras's
     * {@code load_weights}); the architectures must match.
     *
     * @throws IllegalArgumentException naming the layer and both shapes when they differ
     */
    public void loadWeights(Path path) throws IOException {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "loadWeights")) {
            ModelFile.loadWeights(this, path, false);
        }
    }

    /** {@link #loadWeights(Path)} from a file encrypted with {@code key}. */
    public void loadWeights(Path path, FileKey key) throws IOException {
        Objects.requireNonNull(key, "key (use loadWeights(path) for a plain file)");
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "loadWeights")) {
            ModelFile.loadWeights(this, path, key, false);
        }
    }

    /**
     * Loads the weights of a model file into the layers of this model with the same names (Keras's
     * {@code by_name=True}), leaving the others as they are; returns the names of the layers loaded.
     *
     * @throws IllegalArgumentException naming the layer and both shapes when a named layer differs
     */
    public List<String> loadWeightsByName(Path path) throws IOException {
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "loadWeightsByName")) {
            return ModelFile.loadWeights(this, path, true);
        }
    }

    /** {@link #loadWeightsByName(Path)} from a file encrypted with {@code key}. */
    public List<String> loadWeightsByName(Path path, FileKey key) throws IOException {
        Objects.requireNonNull(key, "key (use loadWeightsByName(path) for a plain file)");
        try (UseGuard.Ticket ignored = begin(UseGuard.Kind.CHANGE, "loadWeightsByName")) {
            return ModelFile.loadWeights(this, path, key, true);
        }
    }

    /**
     * The Keras-style summary table (layers, output shapes, parameter counts and, for a graph,
     * what each layer is connected to). It is also logged at INFO; library code never writes to
     * the console, so print the returned table yourself to see it there.
     */
    public String summary() {
        requireBuilt("summary");
        String table = Summary.of(this);
        LOG.info("{}: summary\n{}", name(), table);
        return table;
    }

}
