package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AccuracyTest {
    private static final INDArray ONE_HOT = Nd4j.createFromArray(new float[][]{
            {0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {0, 1, 0}});
    private static final INDArray PROBABILITIES = Nd4j.createFromArray(new float[][]{
            {0.1f, 0.2f, 0.7f}, {0.5f, 0.4f, 0.1f}, {0.4f, 0.3f, 0.3f}, {0.3f, 0.3f, 0.4f}});

    @Test
    void binaryAccuracyThresholdsStrictlyAboveOneHalf() {
        BinaryAccuracy acc = new BinaryAccuracy();
        INDArray y = Nd4j.createFromArray(new float[][]{{1}, {0}, {1}, {1}, {0}, {0}});
        INDArray p = Nd4j.createFromArray(new float[][]{{0.9f}, {0.4f}, {0.3f}, {0.6f}, {0.5f}, {0.7f}});
        // predicted [1, 0, 0, 1, 0, 1] (0.5 is not above 0.5): matches [1, 1, 0, 1, 1, 0] -> 4/6
        acc.update(y, p);
        assertEquals(4.0 / 6, acc.result(), 1e-12);
        // a second batch with [N] targets against [N, 1] predictions: 5/7
        acc.update(Nd4j.createFromArray(1), Nd4j.createFromArray(new float[][]{{0.8f}}));
        assertEquals(5.0 / 7, acc.result(), 1e-12);
        acc.reset();
        assertEquals(0.0, acc.result());
        assertEquals("binary_accuracy", acc.name());
        BinaryAccuracy strict = new BinaryAccuracy(0.65);
        strict.update(y, p);
        // predicted [1, 0, 0, 0, 0, 1]: matches [1, 1, 0, 0, 1, 0] -> 3/6
        assertEquals(0.5, strict.result(), 1e-12);
    }

    @Test
    void categoricalAccuracyComparesArgmaxes() {
        CategoricalAccuracy acc = new CategoricalAccuracy();
        // argmax: predicted [2, 0, 0, 2], true [2, 1, 0, 1] -> 2/4
        acc.update(ONE_HOT, PROBABILITIES);
        assertEquals(0.5, acc.result(), 1e-12);
        // a tie goes to the first class: [0.4, 0.4, 0.2] predicts class 0
        acc.update(Nd4j.createFromArray(new float[][]{{1, 0, 0}}), Nd4j.createFromArray(new float[][]{{0.4f, 0.4f, 0.2f}}));
        assertEquals(3.0 / 5, acc.result(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.update(Nd4j.createFromArray(2, 1, 0, 1), PROBABILITIES));
        assertTrue(e.getMessage().contains("categorical_accuracy") && e.getMessage().contains("[4]")
                && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void sparseCategoricalAccuracyTakesLabelsInAnyTypeAndShape() {
        INDArray[] labels = {Nd4j.createFromArray(2, 1, 0, 1), Nd4j.createFromArray(2L, 1L, 0L, 1L).reshape(4, 1),
                Nd4j.createFromArray(2f, 1f, 0f, 1f)};
        for (INDArray y : labels) {
            SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
            acc.update(y, PROBABILITIES);
            assertEquals(0.5, acc.result(), 1e-12, y.shapeInfoToString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().update(ONE_HOT, PROBABILITIES));
        assertTrue(e.getMessage().contains("sparse_categorical_accuracy") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void accuracyPicksByShapesAtItsFirstBatch() {
        Accuracy binary = new Accuracy();
        binary.update(Nd4j.createFromArray(1f, 0f), Nd4j.createFromArray(new float[][]{{0.7f}, {0.6f}}));
        assertInstanceOf(BinaryAccuracy.class, binary.resolved());
        assertEquals(0.5, binary.result(), 1e-12);

        Accuracy sparse = new Accuracy();
        sparse.update(Nd4j.createFromArray(2, 1, 0, 1), PROBABILITIES);
        assertInstanceOf(SparseCategoricalAccuracy.class, sparse.resolved());
        assertEquals(0.5, sparse.result(), 1e-12);

        Accuracy categorical = new Accuracy("acc");
        categorical.update(ONE_HOT, PROBABILITIES);
        assertInstanceOf(CategoricalAccuracy.class, categorical.resolved());
        assertEquals("acc", categorical.resolved().name());
        categorical.reset();
        assertEquals(0.0, categorical.result());
        assertInstanceOf(CategoricalAccuracy.class, categorical.resolved());
    }
}
