package org.neurite.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

/**
 * A layer: declares its weights once its input shape is known ({@link #build}) and writes only
 * its forward computation with {@link Tensor} ops; autograd supplies the backward pass.
 *
 * <p>Shapes here never include the batch dimension: a Dense layer on {@code [N, 5]} inputs has
 * input shape {@code [5]}.
 *
 * docs/extending.md shows a whole layer, its test and how to register it.
 */
public abstract class Layer {
    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

    private String name;
    private boolean trainable = true;
    private List<long[]> inputShapes;
    private long[] outputShape;
    private DataType dataType;
    private final List<Weight> weights = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    protected Layer() {
    }

    /**
     * Creates the weights for {@code inputShape} (no batch dimension) with {@link #addWeight} and
     * returns the output shape; throws {@link #shapeError} for inputs the layer cannot take.
     */
    protected abstract long[] onBuild(long[] inputShape);

    /** The forward computation on a batch; {@code training} switches dropout and batch statistics. */
    public abstract Tensor forward(Tensor x, boolean training);

    /** Builds the layer for {@code inputShape} once; later calls must agree with the first. */
    public final long[] build(long[] inputShape) {
        return build(inputShape, DataType.FLOAT);
    }

    /** Builds the layer with weights of the given type (DOUBLE for gradient checks). */
    public final long[] build(long[] inputShape, DataType type) {
        return build(List.of(inputShape), type);
    }

    /**
     * Builds the layer for one shape per input (a merge layer or attention takes several); later
     * calls must agree with the first, which is how a layer applied twice shares its weights.
     */
    public final long[] build(List<long[]> shapes, DataType type) {
        if (this.inputShapes != null) {
            if (!Arrays.deepEquals(inputShapes.toArray(), shapes.toArray())) {
                throw new IllegalStateException(name() + ": already built for input shape " + describe(inputShapes)
                        + ", cannot rebuild for " + describe(shapes));
            }
            return outputShape.clone();
        }
        this.dataType = type;
        List<long[]> copies = shapes.stream().map(long[]::clone).toList();   // onBuild may change its own copies
        long[] out;
        // weights outlive every training step, so they never belong to a step's workspace
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = onBuild(shapes.stream().map(long[]::clone).toList());
        }
        this.inputShapes = copies;
        this.outputShape = out.clone();
        return out.clone();
    }

    /**
     * Builds for several inputs; layers that take one input (most) implement
     * {@link #onBuild(long[])} instead, and {@link MultiInputLayer} overrides this.
     */
    protected long[] onBuild(List<long[]> shapes) {
        if (shapes.size() != 1) {
            throw new IllegalArgumentException(name() + " (" + className() + "): takes one input, got " + shapes.size());
        }
        return onBuild(shapes.get(0));
    }

    /** The forward computation on several inputs; single-input layers get their one input. */
    public Tensor forward(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(name() + " (" + className() + "): takes one input, got " + inputs.size());
        }
        return forward(inputs.get(0), training);
    }

    /**
     * The forward computation as a model runs it: {@link #forward}, then the output carries the
     * mask {@link #computeMask} gives (the input's mask through layers that keep the time axis).
     */
    public final Tensor call(List<Tensor> inputs, boolean training) {
        Tensor out = forward(inputs, training);
        return out.withMask(computeMask(inputs));
    }

    /** {@link #call(List, boolean)} on one input. */
    public final Tensor call(Tensor input, boolean training) {
        return call(List.of(input), training);
    }

    /**
     * Whether the layer passes its input's step mask on unchanged (Keras {@code supports_masking}):
     * true for layers that keep the time axis and treat steps independently (Dense, Dropout,
     * normalisation). A layer that neither supports nor consumes masks drops the mask.
     */
    protected boolean supportsMasking() {
        return false;
    }

    /**
     * The step mask of this layer's output for {@code inputs} (each may carry a mask), or null.
     * Mask producers (Embedding with maskZero, Masking) and consumers that change the time axis
     * (a recurrent layer without returnSequences, global pooling) override this.
     */
    protected INDArray computeMask(List<Tensor> inputs) {
        return supportsMasking() ? inputs.get(0).mask() : null;
    }

    // ------------------------------------------------------------------ the functional API

    /**
     * Applies the layer to symbolic inputs (Keras's functional API): builds it for their shapes on
     * first use and returns the symbolic output. Applying one layer object twice shares its weights.
     *
     * @throws IllegalArgumentException naming this layer, the layers the inputs come from and the
     *                                  shapes, when the layer cannot take them
     */
    public final Node apply(Node... inputs) {
        return apply(inputs == null ? Arrays.asList((Node) null) : Arrays.asList(inputs));
    }

    /** {@link #apply(Node...)} on a list of inputs. */
    public final Node apply(List<Node> inputs) {
        if (inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(name() + " (" + className() + "): apply needs one or more inputs, got "
                    + inputs);
        }
        long[] out;
        try {
            out = build(inputs.stream().map(Node::shape).toList(), dataType == null ? DataType.FLOAT : dataType);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(name() + " (" + className() + ") applied to " + Node.describe(inputs)
                    + ": " + e.getMessage(), e);
        }
        Node node = new Node(this, inputs, out, nodes.size());
        nodes.add(node);
        return node;
    }

    /** The symbolic outputs of this layer's {@link #apply} calls, in order (Keras's inbound nodes). */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** Starts this layer's node list with the node of an {@link Input}. */
    final Node inputNode(long[] shape) {
        build(shape);
        Node node = new Node(this, List.of(), shape, nodes.size());
        nodes.add(node);
        return node;
    }

    private static String describe(List<long[]> shapes) {
        return shapes.size() == 1 ? Arrays.toString(shapes.get(0)) : Arrays.deepToString(shapes.toArray());
    }

    // ------------------------------------------------------------------ for subclasses

    /** Declares a trainable weight. */
    protected final Weight addWeight(String weightName, long[] shape, Initializer init, Regularizer regularizer) {
        OffHeapLimit.check(name() + " (" + className() + ")", weightName, shape,
                dataType == null ? DataType.FLOAT : dataType);
        return addWeight(weightName, init.create(dataType, shape), true, regularizer);
    }

    /** Declares a weight with an explicit initial value; non-trainable weights are updated by the layer. */
    protected final Weight addWeight(String weightName, INDArray initial, boolean trainableWeight, Regularizer regularizer) {
        Weight w = new Weight(weightName, initial, trainableWeight, regularizer);
        weights.add(w);
        return w;
    }

    /**
     * Makes the weights of {@code sublayer}, built inside this layer's {@code onBuild}, this layer's
     * own too (a composite layer such as a Transformer block): they follow in their order, renamed
     * {@code prefix + "_" + name} so that names stay unique and saved files read "layer/weight".
     * They are the same {@link Weight} objects, so the sublayer computes with whatever storage a
     * model binds them to.
     */
    protected final void addSublayerWeights(String prefix, Layer sublayer) {
        for (Weight w : sublayer.weights) {
            w.rename(prefix + "_" + w.name());
            weights.add(w);
        }
    }

    /** The tensor to compute with: a parameter while the layer is trainable, a constant when frozen. */
    protected final Tensor tensor(Weight w) {
        return w.tensor(trainable);
    }

    /** An error naming this layer and the expected and found input shapes. */
    protected final IllegalArgumentException shapeError(String expected, long[] found) {
        return new IllegalArgumentException(name() + " (" + className() + "): expected input shape " + expected
                + " but found " + Arrays.toString(found));
    }

    /**
     * Checks that the batch {@code x} has the type the layer's weights have, naming the layer and
     * both types (the native kernels would otherwise fail with a message naming neither).
     */
    protected final void requireDataType(Tensor x, Weight w) {
        DataType expected = w.value().dataType();
        if (x.dataType() != expected) {
            throw new IllegalArgumentException(name() + " (" + className() + "): input is " + x.dataType()
                    + " but the layer's weights are " + expected + "; cast the input with castTo(DataType."
                    + expected + ") (a model's fit, evaluate and predict cast their inputs themselves)");
        }
    }

    /** Checks that the per-example input has {@code rank} dimensions. */
    protected final void requireRank(long[] shape, int rank, String layout) {
        if (shape.length != rank) {
            throw shapeError(layout, shape);
        }
    }

    /**
     * Checks that the batch {@code x} has {@code rank} dimensions per example (plus the batch
     * axis) and returns its per-example shape.
     */
    protected final long[] requireBatchRank(Tensor x, int rank, String layout) {
        long[] shape = x.shape();
        long[] example = shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length);
        if (shape.length != rank + 1) {
            throw shapeError(layout, example);
        }
        return example;
    }

    // ------------------------------------------------------------------ public API

    /**
     * The layer's name: the one given with {@link #name(String)}, else a default made from the
     * class name when first asked ({@code dense}, {@code dense_1}, ...), so a layer named explicitly
     * (a composite layer's sublayers, a loaded layer) takes no number from the defaults.
     */
    public String name() {
        if (name == null) {
            String base = defaultName();
            int n = COUNTERS.computeIfAbsent(base, k -> new AtomicInteger()).getAndIncrement();
            name = n == 0 ? base : base + "_" + n;
        }
        return name;
    }

    /** Renames the layer (names must be unique within a model and, as in Keras, contain no '/'). */
    public Layer name(String newName) {
        if (newName == null || newName.isBlank() || newName.contains("/")) {
            throw new IllegalArgumentException("layer name must be non-empty and without '/' (saved weights are "
                    + "named layer/weight), got '" + newName + "'");
        }
        this.name = newName;
        return this;
    }

    public boolean isTrainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes the layer's weights; frozen weights get no gradient. */
    public Layer trainable(boolean value) {
        this.trainable = value;
        return this;
    }

    public boolean isBuilt() {
        return inputShapes != null;
    }

    /** Input shape without the batch dimension (the first input's), or null before {@link #build}. */
    public long[] inputShape() {
        return inputShapes == null ? null : inputShapes.get(0).clone();
    }

    /** One input shape per input without the batch dimension, or null before {@link #build}. */
    public List<long[]> inputShapes() {
        return inputShapes == null ? null : inputShapes.stream().map(long[]::clone).toList();
    }

    /** Output shape without the batch dimension, or null before {@link #build}. */
    public long[] outputShape() {
        return outputShape == null ? null : outputShape.clone();
    }

    public DataType dataType() {
        return dataType;
    }

    public List<Weight> weights() {
        return Collections.unmodifiableList(weights);
    }

    public long countParams() {
        return weights.stream().mapToLong(w -> w.value().length()).sum();
    }

    /** The weights' values in declaration order (kernel, then bias, as Keras). */
    public List<INDArray> getWeights() {
        List<INDArray> out = new ArrayList<>();
        weights.forEach(w -> out.add(w.value().dup()));
        return out;
    }

    public void setWeights(List<INDArray> values) {
        if (values.size() != weights.size()) {
            throw new IllegalArgumentException(name() + ": expected " + weights.size() + " weight arrays but got " + values.size());
        }
        checkWeights(values);
        for (int i = 0; i < values.size(); i++) {
            weights.get(i).assign(values.get(i), name());
        }
    }

    /**
     * Checks {@code values} against this layer's weights (count, nulls, shapes) without assigning
     * any, so that a failing {@link #setWeights} call (or a model's) changes nothing.
     *
     * @throws IllegalArgumentException naming the layer, the weight and both shapes
     */
    public void checkWeights(List<INDArray> values) {
        if (values.size() != weights.size()) {
            throw new IllegalArgumentException(name() + ": expected " + weights.size() + " weight arrays but got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Weight w = weights.get(i);
            INDArray v = values.get(i);
            if (v == null || !Arrays.equals(v.shape(), w.value().shape())) {
                throw new IllegalArgumentException(name() + ": weight '" + w.name() + "' expects shape "
                        + Arrays.toString(w.value().shape()) + " but got " + (v == null ? "null" : Arrays.toString(v.shape())));
            }
        }
    }

    /** The sum of this layer's weight penalties, or null when it has none. */
    public Tensor regularizationLoss() {
        Tensor total = null;
        for (Weight w : weights) {
            if (w.regularizer() != null && w.isTrainable() && trainable) {
                Tensor p = w.regularizer().penalty(tensor(w));
                total = total == null ? p : total.add(p);
            }
        }
        return total;
    }

    /** The Keras class name ("Dense", "Conv2D", ...). */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The layer's configuration with Keras's keys, enough to rebuild it. */
    public final Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("trainable", trainable);
        writeConfig(c);
        return c;
    }

    /** Adds the subclass's own configuration keys. */
    protected void writeConfig(Map<String, Object> config) {
    }

    private String defaultName() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }

    @Override
    public String toString() {
        return name() + " (" + className() + ")";
    }
}
