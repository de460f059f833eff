package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Six examples, three classes, worked by hand:
 * true [0, 1, 2, 2, 1, 0], predicted (argmax) [0, 2, 2, 1, 1, 1].
 * <pre>
 *          p0 p1 p2   row sum
 *   true 0  1  1  0   2
 *   true 1  0  1  1   2
 *   true 2  0  1  1   2
 *   col sum 1  3  2
 * </pre>
 * accuracy 3/6; precision per class [1/1, 1/3, 1/2], macro 11/18; recall [1/2, 1/2, 1/2], macro
 * 1/2; F1 = 2TP/(2TP+FP+FN) per class [2/3, 2/5, 1/2], macro 47/90.
 */
class ConfusionMatrixTest {
    static final INDArray LABELS = Nd4j.createFromArray(0, 1, 2, 2, 1, 0);
    static final INDArray PROBABILITIES = Nd4j.createFromArray(new float[][]{
            {0.8f, 0.1f, 0.1f},
            {0.2f, 0.3f, 0.5f},
            {0.1f, 0.1f, 0.8f},
            {0.3f, 0.6f, 0.1f},
            {0.2f, 0.7f, 0.1f},
            {0.4f, 0.5f, 0.1f}});
    static final long[][] EXPECTED = {{1, 1, 0}, {0, 1, 1}, {0, 1, 1}};

    @Test
    void countsTheHandWorkedCase() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.update(LABELS, PROBABILITIES);
        assertArrayEquals(EXPECTED, cm.matrix());
        assertEquals(0.5, cm.result(), 1e-12);
        assertEquals(6, cm.total());
        assertEquals("confusion_matrix", cm.name());
    }

    @Test
    void oneHotAndColumnLabelsCountTheSame() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        INDArray oneHot = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}});
        cm.update(oneHot.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)),
                PROBABILITIES.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)));
        cm.update(LABELS.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)).reshape(3, 1),
                PROBABILITIES.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)));
        assertArrayEquals(EXPECTED, cm.matrix());
        cm.reset();
        assertEquals(0, cm.total());
        assertEquals(0.0, cm.result());
    }

    @Test
    void binaryPredictionsUseTheThreshold() {
        // y [1, 1, 1, 0, 0, 0], p [0.9, 0.6, 0.3, 0.7, 0.8, 0.5] -> predicted [1, 1, 0, 1, 1, 0]
        // TN 1 (0.5), FP 2, FN 1, TP 2
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.update(PrecisionRecallF1Test.BINARY_Y, PrecisionRecallF1Test.BINARY_P);
        assertArrayEquals(new long[][]{{1, 2}, {1, 2}}, cm.matrix());
        assertEquals(0.5, cm.result(), 1e-12);
    }

    @Test
    void tablePrintsRowsAsTrueClasses() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.update(LABELS, PROBABILITIES);
        String[] lines = cm.toString().split("\n");
        assertEquals(5, lines.length, cm.toString());
        assertTrue(lines[1].trim().matches("p0\\s+p1\\s+p2"), lines[1]);
        assertTrue(lines[2].trim().matches("true 0\\s+1\\s+1\\s+0"), lines[2]);
        assertTrue(lines[4].trim().matches("true 2\\s+0\\s+1\\s+1"), lines[4]);
    }

    @Test
    void errorsNameTheMetricAndWhatWasFound() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cm.update(Nd4j.createFromArray(0, 3, 1, 1, 1, 1), PROBABILITIES));
        assertTrue(e.getMessage().contains("confusion_matrix") && e.getMessage().contains("label 3")
                && e.getMessage().contains("[0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(4).update(LABELS, PROBABILITIES));
        assertTrue(e.getMessage().contains("3 classes") && e.getMessage().contains("expected 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> cm.update(Nd4j.createFromArray(1, 0), Nd4j.createFromArray(new float[][]{{0.3f}, {0.6f}})));
        assertTrue(e.getMessage().contains("numClasses = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(1));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertEquals(0, cm.total(), "a rejected batch counts nothing");
    }
}
