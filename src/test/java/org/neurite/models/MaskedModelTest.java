package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Bidirectional;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.layers.Node;
import org.neurite.layers.TokenAndPositionEmbedding;
import org.neurite.layers.TransformerEncoder;

/**
 * Masks flow through whole models: a post-padded batch predicts what the unpadded sequences
 * predict, in a Sequential and in a functional model, through recurrent layers, attention and
 * masked pooling.
 */
class MaskedModelTest {
    private static final float[][] IDS = {{3, 1, 4, 0, 0}, {2, 7, 1, 8, 2}, {5, 0, 0, 0, 0}};
    private static final int[] LENGTHS = {3, 5, 1};

    /** Row {@code i} of the padded prediction equals the prediction for the unpadded row. */
    private static void paddedEqualsUnpadded(Model padded, java.util.function.IntFunction<Model> ofLength) {
        INDArray batch = Nd4j.createFromArray(IDS);
        INDArray all = padded.predict(batch);
        for (int i = 0; i < IDS.length; i++) {
            float[] real = java.util.Arrays.copyOf(IDS[i], LENGTHS[i]);
            Model alone = ofLength.apply(LENGTHS[i]);
            alone.setWeights(padded.getWeights());
            INDArray one = alone.predict(Nd4j.createFromArray(new float[][]{real}));
            assertTrue(one.getRow(0).equalsWithEps(all.getRow(i), 1e-6), "row " + i + ": " + one + " vs " + all.getRow(i));
        }
    }

    private static Sequential sequentialLstm(int length) {
        return new Sequential(new Input(length), new Embedding(10, 4).maskZero(true),
                new Bidirectional(new LSTM(3)), new Dense(2, "softmax"));
    }

    @Test
    void aSequentialCarriesTheMaskFromEmbeddingToTheLstm() {
        paddedEqualsUnpadded(sequentialLstm(5), MaskedModelTest::sequentialLstm);
    }

    private static Model functionalTransformer(int length) {
        Node ids = Input.of(length);
        Node x = new TokenAndPositionEmbedding(10, 5, 8).maskZero(true).apply(ids);
        x = new TransformerEncoder(16, 2).apply(x);
        return new Model(ids, new Dense(1).apply(new GlobalAveragePooling1D().apply(x)));
    }

    @Test
    void aTransformerIgnoresPaddedKeysAndPoolsOnlyRealSteps() {
        paddedEqualsUnpadded(functionalTransformer(5), MaskedModelTest::functionalTransformer);
    }

    @Test
    void trainingWithAMaskUsesTheSamePath() {
        Model model = sequentialLstm(5);
        model.compile("adam", "sparse_categorical_crossentropy");
        INDArray y = Nd4j.createFromArray(0f, 1f, 0f).reshape(3, 1);
        double first = model.trainOnBatch(Nd4j.createFromArray(IDS), y).get("loss");
        for (int i = 0; i < 30; i++) {
            model.trainOnBatch(Nd4j.createFromArray(IDS), y);
        }
        double last = model.trainOnBatch(Nd4j.createFromArray(IDS), y).get("loss");
        assertTrue(last < first, first + " -> " + last);
    }
}
