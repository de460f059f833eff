package org.neurite.layers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;
import org.neurite.tensor.ops.Embedding.IdOutOfRange;

/**
 * Token ids to vectors that also say where each token is, as KerasHub
 * {@code TokenAndPositionEmbedding}: the sum of a token embedding (row {@code id} of
 * {@code [vocabularySize, embeddingDim]}) and a learned position embedding (row {@code t} of
 * {@code [sequenceLength, embeddingDim]}), both uniform in (-0.05, 0.05) at first.
 *
 * <p>Input {@code [N, T]} whole-number ids in {@code [0, vocabularySize)} with
 * {@code T <= sequenceLength}; output {@code [N, T, embeddingDim]}. With {@link #maskZero} id 0 is
 * padding and the output carries the step mask.
 *
 * <pre>{@code Node x = new TokenAndPositionEmbedding(20_000, 200, 64).maskZero(true).apply(ids);}</pre>
 */
public final class TokenAndPositionEmbedding extends Layer {
    private final int vocabularySize;
    private final int sequenceLength;
    private final int embeddingDim;
    private Initializer embeddingsInitializer = Initializers.randomUniform(-0.05, 0.05);
    private boolean maskZero;
    private Weight tokens;
    private Weight positions;

    public TokenAndPositionEmbedding(int vocabularySize, int sequenceLength, int embeddingDim) {
        if (vocabularySize <= 0 || sequenceLength <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("TokenAndPositionEmbedding: vocabulary_size, sequence_length and "
                    + "embedding_dim must be positive, got " + vocabularySize + ", " + sequenceLength + " and "
                    + embeddingDim);
        }
        this.vocabularySize = vocabularySize;
        this.sequenceLength = sequenceLength;
        this.embeddingDim = embeddingDim;
    }

    /** Initialiser of both tables (default uniform in (-0.05, 0.05), Keras's "uniform"). */
    public TokenAndPositionEmbedding embeddingsInitializer(Initializer value) {
        this.embeddingsInitializer = value;
        return this;
    }

    /** Treats id 0 as padding: the output carries a step mask, 0 where the id is 0. */
    public TokenAndPositionEmbedding maskZero(boolean value) {
        this.maskZero = value;
        return this;
    }

    public boolean isMaskZero() {
        return maskZero;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        if (inputShape.length != 1 || inputShape[0] > sequenceLength) {
            throw shapeError("[sequence_length <= " + sequenceLength + "]", inputShape);
        }
        tokens = addWeight("token_embeddings", new long[]{vocabularySize, embeddingDim}, embeddingsInitializer, null);
        positions = addWeight("position_embeddings", new long[]{sequenceLength, embeddingDim}, embeddingsInitializer,
                null);
        return new long[]{inputShape[0], embeddingDim};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        long[] example = requireBatchRank(x, 1, "[sequence_length <= " + sequenceLength + "]");
        if (example[0] > sequenceLength) {
            throw shapeError("[sequence_length <= " + sequenceLength + "]", example);
        }
        Tensor embedded;
        try {
            embedded = Functional.embedding(tensor(tokens), x.value());
        } catch (IdOutOfRange e) {
            throw new IllegalArgumentException(name() + " (" + className() + "): ids must be in [0, " + vocabularySize
                    + ") (vocabulary_size " + vocabularySize + ") but found " + number(e.id()), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " (" + className() + "): " + e.getMessage(), e);
        }
        Tensor table = tensor(positions);
        return embedded.add(example[0] == sequenceLength ? table : table.slice(0, 0, example[0]));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return maskZero ? inputs.get(0).value().neq(0).castTo(dataType()) : null;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("vocabulary_size", vocabularySize);
        config.put("sequence_length", sequenceLength);
        config.put("embedding_dim", embeddingDim);
        config.put("tie_weights", true);
        config.put("embeddings_initializer", embeddingsInitializer.name());
        config.put("mask_zero", maskZero);
    }
}
