package org.neurite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;
import org.neurite.tensor.ops.Embedding.IdOutOfRange;

/**
 * Turns integer ids into dense vectors, as Keras {@code Embedding}: row {@code id} of the
 * {@code embeddings} table {@code [inputDim, outputDim]} (uniform in (-0.05, 0.05)) for every id.
 *
 * <p>Input {@code [N, length]} (any per-example shape {@code S} works) of whole numbers in
 * {@code [0, inputDim)}, usually FLOAT as the padded sequences are; output
 * {@code [N, length, outputDim]} ({@code [N] + S + [outputDim]}). No gradient flows to the ids.
 *
 * <pre>{@code new Embedding(10_000, 16)}</pre>
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.randomUniform(-0.05, 0.05);
    private Regularizer embeddingsRegularizer;
    private boolean maskZero;
    private Weight embeddings;

    /** {@code inputDim}: the vocabulary size (largest id + 1); {@code outputDim}: the vector size. */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive, got "
                    + inputDim + " and " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    public Embedding embeddingsInitializer(Initializer value) {
        this.embeddingsInitializer = value;
        return this;
    }

    public Embedding embeddingsRegularizer(Regularizer value) {
        this.embeddingsRegularizer = value;
        return this;
    }

    /**
     * Treats id 0 as padding (Keras {@code mask_zero}): the output carries a step mask, 0 where the
     * id is 0, that recurrent layers, attention and global pooling honour. Real ids then start at 1.
     */
    public Embedding maskZero(boolean value) {
        this.maskZero = value;
        return this;
    }

    public boolean isMaskZero() {
        return maskZero;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        embeddings = addWeight("embeddings", new long[]{inputDim, outputDim}, embeddingsInitializer,
                embeddingsRegularizer);
        long[] out = Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int rank = inputShape().length;
        requireBatchRank(x, rank, rank == 1 ? "[sequence_length]" : "of rank " + rank);
        INDArray ids = x.value();
        try {
            // the op checks the ids (one min and one max reduction per step); the layer words the error
            return Functional.embedding(tensor(embeddings), ids);
        } catch (IdOutOfRange e) {
            throw new IllegalArgumentException(name() + " (" + className() + "): ids must be in [0, " + inputDim
                    + ") (input_dim " + inputDim + ") but found " + number(e.id()), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " (" + className() + "): " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("input_dim", inputDim);
        config.put("output_dim", outputDim);
        config.put("embeddings_initializer", embeddingsInitializer.name());
        config.put("embeddings_regularizer", embeddingsRegularizer == null ? null : embeddingsRegularizer.config());
        config.put("mask_zero", maskZero);
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return maskZero ? inputs.get(0).value().neq(0).castTo(dataType()) : null;
    }
}
