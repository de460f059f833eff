package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.losses.LossTesting.assertClose;
import static org.neurite.losses.LossTesting.assertGradientsCheck;
import static org.neurite.losses.LossTesting.gradient;
import static org.neurite.losses.LossTesting.rows;
import static org.neurite.losses.LossTesting.value;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Gradients;

class SparseCategoricalCrossentropyTest {
    private static final INDArray P = rows(new double[][]{{0.1, 0.7, 0.2}, {0.5, 0.25, 0.25}, {0.2, 0.2, 0.6}});
    private static final INDArray ONE_HOT = rows(new double[][]{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});

    @Test
    void labelsInEveryTypeAndShapeGiveTheHandValue() {
        // labels [1, 0, 2]: -(ln 0.7 + ln 0.5 + ln 0.6) / 3
        double expected = -(Math.log(0.7) + Math.log(0.5) + Math.log(0.6)) / 3;
        INDArray[] labels = {
                Nd4j.createFromArray(1f, 0f, 2f),
                Nd4j.createFromArray(1.0, 0.0, 2.0),
                Nd4j.createFromArray(1, 0, 2),
                Nd4j.createFromArray(1L, 0L, 2L),
                Nd4j.createFromArray(new int[][]{{1}, {0}, {2}}),
                Nd4j.createFromArray(new float[][]{{1f}, {0f}, {2f}})};
        for (INDArray y : labels) {
            assertEquals(expected, value(new SparseCategoricalCrossentropy(), y, P), 1e-12, y.dataType() + " " + y.shapeInfoToString());
        }
    }

    @Test
    void equalsCategoricalCrossentropyOnTheOneHotLabels() {
        INDArray ids = Nd4j.createFromArray(1L, 0L, 2L);
        INDArray w = Nd4j.createFromArray(0.5, 1.0, 2.0);
        INDArray z = Gradients.uniform(-3, 3, 3, 3);
        for (boolean logits : new boolean[]{false, true}) {
            INDArray pred = logits ? z : P;
            assertEquals(value(new CategoricalCrossentropy(logits), ONE_HOT, pred, w),
                    value(new SparseCategoricalCrossentropy(logits), ids, pred, w), 1e-12);
            assertClose(gradient(new CategoricalCrossentropy(logits), ONE_HOT, pred, w),
                    gradient(new SparseCategoricalCrossentropy(logits), ids, pred, w), 1e-12);
        }
        assertGradientsCheck(new SparseCategoricalCrossentropy(true), ids, z, w);
        assertGradientsCheck(new SparseCategoricalCrossentropy(), ids, P, w);
    }

    @Test
    void sequencesOfLabelsFitRankThreePredictions() {
        INDArray ids = Nd4j.createFromArray(new int[][]{{0, 2}, {1, 1}});
        INDArray z = Gradients.uniform(-2, 2, 2, 2, 3);
        INDArray oneHot = Nd4j.createFromArray(new double[][][]{{{1, 0, 0}, {0, 0, 1}}, {{0, 1, 0}, {0, 1, 0}}});
        assertEquals(value(new CategoricalCrossentropy(true), oneHot, z),
                value(new SparseCategoricalCrossentropy(true), ids, z), 1e-12);
    }

    @Test
    void hugeLogitsStayFinite() {
        INDArray z = Nd4j.createFromArray(new float[][]{{1000f, -1000f, 0f}, {1000f, -1000f, 0f}});
        INDArray y = Nd4j.createFromArray(0, 1);
        // right: 0; wrong: 1000 - (-1000) = 2000; mean 1000
        assertEquals(1000.0, value(new SparseCategoricalCrossentropy(true), y, z), 1e-3);
        assertClose(rows(new double[][]{{0, 0, 0}, {0.5, -0.5, 0}}),
                gradient(new SparseCategoricalCrossentropy(true), y, z, null), 1e-6);
    }

    @Test
    void labelsOutOfRangeNameTheLossTheLabelAndTheRange() {
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> value(loss, Nd4j.createFromArray(1, 3, 0), P));
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains("label 3")
                && e.getMessage().contains("index 1") && e.getMessage().contains("[0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> value(loss, Nd4j.createFromArray(1L, 0L, -1L), P));
        assertTrue(e.getMessage().contains("label -1") && e.getMessage().contains("index 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> value(loss, Nd4j.createFromArray(1.0, 1.5, 0.0), P));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("integer"), e.getMessage());
    }

    @Test
    void oneHotTargetsAreAShapeError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> value(new SparseCategoricalCrossentropy(), ONE_HOT, P));
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy") && e.getMessage().contains("[3, 3]")
                && e.getMessage().contains("[3] or [3, 1]"), e.getMessage());
    }
}
