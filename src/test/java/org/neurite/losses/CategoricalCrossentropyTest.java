package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.losses.LossTesting.assertClose;
import static org.neurite.losses.LossTesting.assertGradientsCheck;
import static org.neurite.losses.LossTesting.composedGradient;
import static org.neurite.losses.LossTesting.composedValue;
import static org.neurite.losses.LossTesting.gradient;
import static org.neurite.losses.LossTesting.rows;
import static org.neurite.losses.LossTesting.value;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Gradients;

class CategoricalCrossentropyTest {
    private static final INDArray Y = rows(new double[][]{{0, 1, 0}, {1, 0, 0}});

    @Test
    void probabilitiesMatchHandValues() {
        INDArray p = rows(new double[][]{{0.1, 0.7, 0.2}, {0.5, 0.25, 0.25}});
        // -(ln 0.7 + ln 0.5) / 2
        assertEquals(-(Math.log(0.7) + Math.log(0.5)) / 2, value(new CategoricalCrossentropy(), Y, p), 1e-12);
        // weights [3, 1]: -(3 ln 0.7 + ln 0.5) / 2
        assertEquals(-(3 * Math.log(0.7) + Math.log(0.5)) / 2,
                value(new CategoricalCrossentropy(), Y, p, Nd4j.createFromArray(3.0, 1.0)), 1e-12);
        assertGradientsCheck(new CategoricalCrossentropy(), Y, p, Nd4j.createFromArray(3.0, 1.0));
    }

    @Test
    void probabilitiesAreNormalisedPerRowAsKerasDoes() {
        // [0.2, 0.2, 0.4] sums to 0.8: normalised [0.25, 0.25, 0.5], so the loss is ln 4
        assertEquals(Math.log(4), value(new CategoricalCrossentropy(),
                rows(new double[][]{{1, 0, 0}}), rows(new double[][]{{0.2, 0.2, 0.4}})), 1e-12);
        // a zero probability is clipped to 1e-7: -ln(1e-7)
        assertEquals(-Math.log(1e-7), value(new CategoricalCrossentropy(),
                rows(new double[][]{{1, 0}}), rows(new double[][]{{0, 1}})), 1e-6);
    }

    @Test
    void logitsMatchHandValuesAndGradient() {
        INDArray z = rows(new double[][]{{1, 2, 3}, {0, 0, 0}});
        INDArray y = rows(new double[][]{{0, 0, 1}, {0, 1, 0}});
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        // row 0: -(3 - lse); row 1: ln 3
        double expected = ((lse - 3) + Math.log(3)) / 2;
        CategoricalCrossentropy loss = new CategoricalCrossentropy(true);
        assertEquals(expected, value(loss, y, z), 1e-12);
        assertEquals(expected, composedValue(loss, y, z, null), 1e-12);
        // (softmax(z) - y) / N
        double e1 = Math.exp(1 - lse);
        double e2 = Math.exp(2 - lse);
        double e3 = Math.exp(3 - lse);
        INDArray hand = rows(new double[][]{{e1 / 2, e2 / 2, (e3 - 1) / 2}, {1.0 / 6, (1.0 / 3 - 1) / 2, 1.0 / 6}});
        assertClose(hand, gradient(loss, y, z, null), 1e-12);
        assertClose(hand, composedGradient(loss, y, z, null), 1e-12);
    }

    @Test
    void logitsAgreeWithProbabilities() {
        INDArray z = Gradients.uniform(-3, 3, 4, 5);
        INDArray y = Nd4j.eye(5).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(z.dataType());
        INDArray w = Nd4j.createFromArray(1.0, 0.0, 2.5, 0.5);
        INDArray probabilities = Transforms.softmax(z, true);
        assertEquals(value(new CategoricalCrossentropy(), y, probabilities, w),
                value(new CategoricalCrossentropy(true), y, z, w), 1e-9);
    }

    @Test
    void fusedAndComposedAgreeWithSoftLabelsWeightsAndHigherRank() {
        CategoricalCrossentropy loss = new CategoricalCrossentropy(true);
        INDArray soft = rows(new double[][]{{0.5, 0.5, 0}, {0.1, 0.2, 0.7}});
        INDArray z = Gradients.uniform(-2, 2, 2, 3);
        INDArray w = Nd4j.createFromArray(2.0, 0.25);
        assertEquals(composedValue(loss, soft, z, w), value(loss, soft, z, w), 1e-12);
        assertClose(composedGradient(loss, soft, z, w), gradient(loss, soft, z, w), 1e-12);
        assertGradientsCheck(loss, soft, z, w);
        // [N, T, K]: rows averaged over T as well
        INDArray y3 = Transforms.softmax(Gradients.uniform(-2, 2, 6, 4), true).reshape(2, 3, 4);
        INDArray z3 = Gradients.uniform(-2, 2, 2, 3, 4);
        assertEquals(composedValue(loss, y3, z3, w), value(loss, y3, z3, w), 1e-12);
        assertGradientsCheck(loss, y3, z3, w);
        assertGradientsCheck(new CategoricalCrossentropy(), y3, Gradients.uniform(0.1, 1, 2, 3, 4), w);
    }

    @Test
    void hugeLogitsStayFinite() {
        INDArray z = Nd4j.createFromArray(new float[][]{{1000f, -1000f}, {1000f, -1000f}});
        INDArray y = Nd4j.createFromArray(new float[][]{{1f, 0f}, {0f, 1f}});
        CategoricalCrossentropy loss = new CategoricalCrossentropy(true);
        // row 0 right and confident: 0; row 1 wrong: -logSoftmax = 2000; mean 1000
        assertEquals(1000.0, value(loss, y, z), 1e-3);
        assertEquals(1000.0, composedValue(loss, y, z, null), 1e-3);
        INDArray expected = rows(new double[][]{{0, 0}, {0.5, -0.5}});
        assertClose(expected, gradient(loss, y, z, null), 1e-6);
        assertClose(expected, composedGradient(loss, y, z, null), 1e-6);
    }

    @Test
    void rejectsSparseLabelsAndVectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> value(new CategoricalCrossentropy(), Nd4j.createFromArray(1.0, 0.0), Nd4j.ones(2, 3)));
        assertTrue(e.getMessage().contains("categorical_crossentropy") && e.getMessage().contains("[2]")
                && e.getMessage().contains("[2, 3]") && e.getMessage().contains("sparse"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> value(new CategoricalCrossentropy(), Nd4j.ones(3), Nd4j.ones(3)));
        assertTrue(e.getMessage().contains("[N, numClasses]"), e.getMessage());
    }
}
