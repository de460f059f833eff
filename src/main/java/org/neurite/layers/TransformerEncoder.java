package org.neurite.layers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * One Transformer encoder block, as KerasHub {@code TransformerEncoder}: self-attention and a
 * two-layer feed-forward network, each wrapped in dropout, a residual connection and layer
 * normalisation. With the default post-norm order:
 * <pre>
 *   x = LayerNorm(x + Dropout(MultiHeadAttention(x, x)))
 *   x = LayerNorm(x + Dropout(Dense(d)(Dense(intermediateDim, activation)(x))))
 * </pre>
 * With {@link #normalizeFirst} each block normalises its input instead:
 * {@code x = x + Dropout(f(LayerNorm(x)))}. The attention has {@code numHeads} heads of
 * {@code d / numHeads} features and the same dropout on its weights.
 *
 * <p>Input {@code [N, T, d]}, output the same shape. A step mask on the input hides padded keys
 * from the attention and passes through to the output. Weights, in KerasHub's order: the
 * attention's eight ({@link MultiHeadAttention}), the two layer norms' gamma and beta, then the
 * intermediate and output dense kernels and biases; named after KerasHub's sublayers
 * ({@code self_attention_layer_query_kernel}, {@code feedforward_layer_norm_gamma}, ...).
 *
 * <pre>{@code Node encoded = new TransformerEncoder(128, 4).dropout(0.1).apply(embedded);}</pre>
 */
public final class TransformerEncoder extends Layer {
    private final int intermediateDim;
    private final int numHeads;
    private double dropout;
    private ActivationFunction activation = Activations.get("relu");
    private double layerNormEpsilon = 1e-5;
    private boolean normalizeFirst;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private MultiHeadAttention attention;
    private LayerNormalization attentionNorm;
    private Dropout attentionDropout;
    private LayerNormalization feedforwardNorm;
    private Dense intermediate;
    private Dense output;
    private Dropout feedforwardDropout;

    /** A block whose feed-forward network has {@code intermediateDim} hidden units and {@code numHeads} heads. */
    public TransformerEncoder(int intermediateDim, int numHeads) {
        if (intermediateDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: intermediate_dim and num_heads must be positive, "
                    + "got " + intermediateDim + " and " + numHeads);
        }
        this.intermediateDim = intermediateDim;
        this.numHeads = numHeads;
    }

    /** Dropout rate after the attention and the feed-forward network and on the attention weights (default 0). */
    public TransformerEncoder dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name() + ": dropout must be in [0, 1), got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** The intermediate dense layer's activation (default relu). */
    public TransformerEncoder activation(String name) {
        return activation(Activations.get(name));
    }

    public TransformerEncoder activation(ActivationFunction value) {
        this.activation = value;
        return this;
    }

    /** Epsilon of both layer normalisations (default 1e-5). */
    public TransformerEncoder layerNormEpsilon(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name() + ": layer_norm_epsilon must be positive, got " + value);
        }
        this.layerNormEpsilon = value;
        return this;
    }

    /** Pre-norm blocks (normalise each block's input) instead of post-norm (default false). */
    public TransformerEncoder normalizeFirst(boolean value) {
        this.normalizeFirst = value;
        return this;
    }

    public TransformerEncoder kernelInitializer(Initializer value) {
        this.kernelInitializer = value;
        return this;
    }

    public TransformerEncoder biasInitializer(Initializer value) {
        this.biasInitializer = value;
        return this;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, 2, "[sequence_length, hidden_dim]");
        long hidden = inputShape[1];
        if (hidden < numHeads) {
            throw new IllegalArgumentException(name() + " (" + className() + "): hidden_dim " + hidden
                    + " must be at least num_heads " + numHeads + " (each head gets hidden_dim / num_heads features)");
        }
        // sublayers named as KerasHub's, so they take no numbers from the default layer names
        attention = new MultiHeadAttention(numHeads, (int) (hidden / numHeads)).dropout(dropout)
                .kernelInitializer(kernelInitializer).biasInitializer(biasInitializer);
        attention.name("self_attention_layer");
        attentionNorm = named(new LayerNormalization().epsilon(layerNormEpsilon), "self_attention_layer_norm");
        attentionDropout = named(new Dropout(dropout), "self_attention_dropout");
        feedforwardNorm = named(new LayerNormalization().epsilon(layerNormEpsilon), "feedforward_layer_norm");
        intermediate = named(new Dense(intermediateDim, activation).kernelInitializer(kernelInitializer)
                .biasInitializer(biasInitializer), "feedforward_intermediate_dense");
        output = named(new Dense(Math.toIntExact(hidden)).kernelInitializer(kernelInitializer)
                .biasInitializer(biasInitializer), "feedforward_output_dense");
        feedforwardDropout = named(new Dropout(dropout), "feedforward_dropout");
        attention.build(List.of(inputShape, inputShape), dataType());
        for (Layer sub : List.of(attentionNorm, attentionDropout, feedforwardNorm, intermediate, feedforwardDropout)) {
            sub.build(List.of(inputShape), dataType());
        }
        output.build(List.of(new long[]{inputShape[0], intermediateDim}), dataType());
        addSublayerWeights("self_attention_layer", attention);
        addSublayerWeights("self_attention_layer_norm", attentionNorm);
        addSublayerWeights("feedforward_layer_norm", feedforwardNorm);
        addSublayerWeights("feedforward_intermediate_dense", intermediate);
        addSublayerWeights("feedforward_output_dense", output);
        trainable(isTrainable());
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        long[] built = inputShape();
        long[] example = requireBatchRank(x, 2, "[sequence_length, " + built[1] + "]");
        if (example[1] != built[1]) {
            throw shapeError("[sequence_length, " + built[1] + "]", example);
        }
        INDArray mask = x.mask();
        Tensor residual = x;
        Tensor h = normalizeFirst ? attentionNorm.forward(x, training) : x;
        h = attention.attend(h, h, h, mask, training);
        h = attentionDropout.forward(h, training).add(residual);
        if (!normalizeFirst) {
            h = attentionNorm.forward(h, training);
        }
        residual = h;
        Tensor f = normalizeFirst ? feedforwardNorm.forward(h, training) : h;
        f = output.forward(intermediate.forward(f, training), training);
        f = feedforwardDropout.forward(f, training).add(residual);
        return normalizeFirst ? f : feedforwardNorm.forward(f, training);
    }

    /** Freezes or unfreezes the block with all of its sublayers. */
    @Override
    public Layer trainable(boolean value) {
        super.trainable(value);
        for (Layer sub : new Layer[]{attention, attentionNorm, feedforwardNorm, intermediate, output}) {
            if (sub != null) {
                sub.trainable(value);
            }
        }
        return this;
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // the mask hides padded keys inside; the output has the input's steps
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("intermediate_dim", intermediateDim);
        config.put("num_heads", numHeads);
        config.put("dropout", dropout);
        config.put("activation", activation.name());
        config.put("layer_norm_epsilon", layerNormEpsilon);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("normalize_first", normalizeFirst);
    }

    private static <L extends Layer> L named(L layer, String name) {
        layer.name(name);
        return layer;
    }
}
