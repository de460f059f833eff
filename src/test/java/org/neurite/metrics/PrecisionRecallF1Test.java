package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PrecisionRecallF1Test {
    /** y [1, 1, 1, 0, 0, 0], p [0.9, 0.6, 0.3, 0.7, 0.8, 0.5]: predicted [1, 1, 0, 1, 1, 0]; TP 2, FP 2, FN 1, TN 1. */
    static final INDArray BINARY_Y = Nd4j.createFromArray(new float[][]{{1}, {1}, {1}, {0}, {0}, {0}});
    static final INDArray BINARY_P = Nd4j.createFromArray(new float[][]{{0.9f}, {0.6f}, {0.3f}, {0.7f}, {0.8f}, {0.5f}});

    private static double run(Metric m, INDArray y, INDArray p) {
        m.update(y, p);
        return m.result();
    }

    @Test
    void binaryCountsFromTheHandCase() {
        assertEquals(2.0 / 4, run(new Precision(), BINARY_Y, BINARY_P), 1e-12);     // TP / (TP + FP)
        assertEquals(2.0 / 3, run(new Recall(), BINARY_Y, BINARY_P), 1e-12);        // TP / (TP + FN)
        assertEquals(4.0 / 7, run(new F1Score(), BINARY_Y, BINARY_P), 1e-12);       // 2TP / (2TP + FP + FN)
        // threshold 0.75: predicted [1, 0, 0, 0, 1, 0] -> TP 1, FP 1, FN 2
        assertEquals(0.5, run(new Precision(0.75), BINARY_Y, BINARY_P), 1e-12);
        assertEquals(1.0 / 3, run(new Recall(0.75), BINARY_Y, BINARY_P), 1e-12);
        assertEquals(2.0 / 5, run(new F1Score(0.75), BINARY_Y, BINARY_P), 1e-12);
    }

    @Test
    void batchesAccumulateAndResetClears() {
        Precision precision = new Precision();
        precision.update(BINARY_Y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)),
                BINARY_P.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)));
        assertEquals(1.0, precision.result(), 1e-12);
        precision.update(BINARY_Y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)),
                BINARY_P.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)));
        assertEquals(0.5, precision.result(), 1e-12);
        precision.reset();
        assertEquals(0.0, precision.result());
    }

    @Test
    void noPredictedPositiveGivesZero() {
        assertEquals(0.0, run(new Precision(), Nd4j.createFromArray(1f, 0f), Nd4j.createFromArray(0.1f, 0.2f)));
        assertEquals(0.0, run(new F1Score(), Nd4j.createFromArray(0f, 0f), Nd4j.createFromArray(0.1f, 0.2f)));
    }

    @Test
    void multiClassIsTheMacroAverageOfTheHandWorkedMatrix() {
        // see ConfusionMatrixTest for the matrix and per-class values
        INDArray y = ConfusionMatrixTest.LABELS;
        INDArray p = ConfusionMatrixTest.PROBABILITIES;
        assertEquals(11.0 / 18, run(new Precision(), y, p), 1e-12);
        assertEquals(0.5, run(new Recall(), y, p), 1e-12);
        assertEquals(47.0 / 90, run(new F1Score(), y, p), 1e-12);
    }

    @Test
    void classesNeverSeenAreLeftOutOfTheMacroAverage() {
        // 4 columns, class 3 neither true nor predicted: macro over classes 0..2 as before
        INDArray p = Nd4j.hstack(ConfusionMatrixTest.PROBABILITIES, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 1));
        assertEquals(11.0 / 18, run(new Precision(), ConfusionMatrixTest.LABELS, p), 1e-12);
    }
}
