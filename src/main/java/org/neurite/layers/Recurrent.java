package org.neurite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;
import org.neurite.tensor.ops.RecurrentSequence;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share: Keras's options, the weights
 * {@code kernel [in, k*u]}, {@code recurrent_kernel [u, k*u]} and {@code bias}, and a forward
 * pass that is one fused sequence op ({@code ops/RnnSequence}, {@code LstmSequence},
 * {@code GruSequence}) reading the input's step mask.
 *
 * <p>Input {@code [N, T, features]}; output {@code [N, units]}, or {@code [N, T, units]} with
 * {@link #returnSequences}. A masked step carries the state over, so the output there is the
 * previous one (Keras's default), and a post-padded masked batch gives the result of the unpadded
 * sequences. With {@link #goBackwards} the steps run from last to first and the sequence output
 * is in that (reversed) order, as Keras.
 */
abstract class Recurrent<T extends Recurrent<T>> extends Layer {
    private final int units;
    private String activation = "tanh";
    private String recurrentActivation = "sigmoid";
    private boolean useBias = true;
    private boolean returnSequences;
    private boolean goBackwards;
    private double dropout;
    private double recurrentDropout;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal();
    private Initializer biasInitializer = Initializers.zeros();
    private Weight[] weights;

    Recurrent(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException(className() + ": units must be positive, got " + units);
        }
        this.units = units;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Number of gate blocks along the kernels' last axis (1, 4 or 3). */
    abstract int gates();

    /** The fused op for one application. */
    abstract RecurrentSequence op(RecurrentSequence.Options options);

    /** The bias's shape. */
    long[] biasShape() {
        return new long[]{(long) gates() * units};
    }

    /** The bias's initial value (LSTM sets its forget block to one). */
    INDArray initialBias(DataType type) {
        return biasInitializer.create(type, biasShape());
    }

    /** Whether the cell has a recurrent activation (SimpleRNN has none). */
    boolean hasRecurrentActivation() {
        return true;
    }

    // ------------------------------------------------------------------ options

    /** The activation of the state (and of the LSTM's candidate); tanh, sigmoid, relu or linear. */
    public T activation(String name) {
        this.activation = check(name);
        return self();
    }

    /** The gates' activation; tanh, sigmoid, relu or linear. */
    public T recurrentActivation(String name) {
        this.recurrentActivation = check(name);
        return self();
    }

    private String check(String name) {
        try {
            return RecurrentSequence.Activation.of(name).kerasName();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " (" + className() + "): " + e.getMessage(), e);
        }
    }

    public T useBias(boolean value) {
        this.useBias = value;
        return self();
    }

    /** Outputs the state after every step ({@code [N, T, units]}) instead of after the last. */
    public T returnSequences(boolean value) {
        this.returnSequences = value;
        return self();
    }

    /** Runs over the sequence from its last step to its first. */
    public T goBackwards(boolean value) {
        this.goBackwards = value;
        return self();
    }

    /** Fraction of the input features dropped while training (one mask per sequence). */
    public T dropout(double rate) {
        this.dropout = rate(rate, "dropout");
        return self();
    }

    /** Fraction of the state dropped before the recurrent product while training (one mask per sequence). */
    public T recurrentDropout(double rate) {
        this.recurrentDropout = rate(rate, "recurrent_dropout");
        return self();
    }

    private double rate(double rate, String key) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name() + " (" + className() + "): " + key + " must be in [0, 1), got "
                    + rate);
        }
        return rate;
    }

    public T kernelInitializer(Initializer value) {
        this.kernelInitializer = value;
        return self();
    }

    public T recurrentInitializer(Initializer value) {
        this.recurrentInitializer = value;
        return self();
    }

    public T biasInitializer(Initializer value) {
        this.biasInitializer = value;
        return self();
    }

    public int units() {
        return units;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public boolean isGoBackwards() {
        return goBackwards;
    }

    Initializer biasInitializer() {
        return biasInitializer;
    }

    // ------------------------------------------------------------------ build and forward

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, 2, "[timesteps, features]");
        weights = declareWeights(this, "", inputShape[1]);
        return outputShape(inputShape, units);
    }

    long[] outputShape(long[] inputShape, long width) {
        return returnSequences ? new long[]{inputShape[0], width} : new long[]{width};
    }

    /**
     * Declares this cell's weights on {@code owner} (this layer, or a {@link Bidirectional}
     * wrapping it) with names prefixed by {@code prefix}.
     */
    Weight[] declareWeights(Layer owner, String prefix, long features) {
        long width = (long) gates() * units;
        Weight k = owner.addWeight(prefix + "kernel", new long[]{features, width}, kernelInitializer, null);
        Weight r = owner.addWeight(prefix + "recurrent_kernel", new long[]{units, width}, recurrentInitializer, null);
        Weight b = useBias ? owner.addWeight(prefix + "bias", initialBias(owner.dataType()), true, null) : null;
        return b == null ? new Weight[]{k, r} : new Weight[]{k, r, b};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor[] w = new Tensor[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = tensor(weights[i]);
        }
        return run(this, x, training, w, false);
    }

    /**
     * The fused op on {@code x} with the given weight tensors; {@code timeOrder} puts a backwards
     * run's sequence output back in time order. {@code owner} words the errors.
     */
    Tensor run(Layer owner, Tensor x, boolean training, Tensor[] w, boolean timeOrder) {
        long features = w[0].shape()[0];
        long[] shape = x.shape();
        if (shape.length != 3 || shape[2] != features) {
            throw new IllegalArgumentException(owner.name() + " (" + owner.className() + "): expected input shape "
                    + "[timesteps, " + features + "] but found "
                    + Arrays.toString(shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length)));
        }
        DataType type = x.dataType();
        INDArray mask = x.mask();
        if (mask != null && (mask.rank() != 2 || mask.size(0) != shape[0] || mask.size(1) != shape[1])) {
            throw new IllegalArgumentException(owner.name() + " (" + owner.className() + "): step mask "
                    + Arrays.toString(mask.shape()) + " does not match input " + Arrays.toString(shape));
        }
        INDArray inputDrop = training && dropout > 0
                ? RecurrentSequence.dropoutMask(type, shape[0], features, dropout) : null;
        INDArray stateDrop = training && recurrentDropout > 0
                ? RecurrentSequence.dropoutMask(type, shape[0], units, recurrentDropout) : null;
        RecurrentSequence.Options options = new RecurrentSequence.Options(returnSequences, goBackwards, timeOrder,
                mask == null || mask.dataType() == type ? mask : mask.castTo(type), inputDrop, stateDrop,
                activation, recurrentActivation);
        Tensor[] inputs = new Tensor[w.length + 1];
        inputs[0] = x;
        System.arraycopy(w, 0, inputs, 1, w.length);
        return Tensor.apply(op(options), inputs);
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return returnSequences ? inputs.get(0).mask() : null;   // the input's mask as is, as Keras
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("units", units);
        config.put("activation", activation);
        if (hasRecurrentActivation()) {
            config.put("recurrent_activation", recurrentActivation);
        }
        config.put("use_bias", useBias);
        config.put("return_sequences", returnSequences);
        config.put("go_backwards", goBackwards);
        config.put("dropout", dropout);
        config.put("recurrent_dropout", recurrentDropout);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("recurrent_initializer", recurrentInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
    }

    /** Reads the options {@link #writeConfig} writes (Keras's keys and defaults). */
    T configure(LayerConfig c) {
        c.require("return_state", false);
        c.require("stateful", false);
        activation(c.string("activation", "tanh"));
        if (hasRecurrentActivation()) {
            recurrentActivation(c.string("recurrent_activation", "sigmoid"));
        }
        return useBias(c.bool("use_bias", true))
                .returnSequences(c.bool("return_sequences", false))
                .goBackwards(c.bool("go_backwards", false))
                .dropout(c.number("dropout", 0))
                .recurrentDropout(c.number("recurrent_dropout", 0))
                .kernelInitializer(c.initializer("kernel_initializer", Initializers.glorotUniform()))
                .recurrentInitializer(c.initializer("recurrent_initializer", Initializers.orthogonal()))
                .biasInitializer(c.initializer("bias_initializer", Initializers.zeros()));
    }
}
