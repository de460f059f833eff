package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.losses.LossTesting.assertClose;
import static org.neurite.losses.LossTesting.assertFinite;
import static org.neurite.losses.LossTesting.assertGradientsCheck;
import static org.neurite.losses.LossTesting.column;
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

class BinaryCrossentropyTest {
    private static final INDArray Y = column(1, 0, 1);

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void probabilitiesMatchHandValues() {
        INDArray p = column(0.9, 0.2, 0.6);
        // -(ln 0.9 + ln(1 - 0.2) + ln 0.6) / 3
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
        assertEquals(expected, value(new BinaryCrossentropy(), Y, p), 1e-12);
        // d/dp = -(y / p - (1 - y) / (1 - p)) / N
        assertClose(column(-1 / 0.9 / 3, 1 / 0.8 / 3, -1 / 0.6 / 3), gradient(new BinaryCrossentropy(), Y, p, null), 1e-12);
        // weights [1, 0, 3]: (-ln 0.9 - 3 ln 0.6) / 3
        assertEquals(-(Math.log(0.9) + 3 * Math.log(0.6)) / 3,
                value(new BinaryCrossentropy(), Y, p, Nd4j.createFromArray(1.0, 0.0, 3.0)), 1e-12);
        assertGradientsCheck(new BinaryCrossentropy(), Y, column(0.3, 0.55, 0.8), Nd4j.createFromArray(1.0, 2.0, 0.5));
    }

    @Test
    void probabilitiesAreClippedWithKerasEpsilon() {
        // p = 1 for a 0 target: p becomes 1 - 1e-7, loss -ln(1e-7) = 16.118..., not infinite
        double loss = value(new BinaryCrossentropy(), column(0), column(1.0));
        assertEquals(-Math.log(1 - (1 - 1e-7)), loss, 1e-6);
        assertEquals(16.1181, loss, 1e-4);
        assertEquals(0.0, value(new BinaryCrossentropy(), column(1), column(1.0)), 1e-6);
        assertFinite(gradient(new BinaryCrossentropy(), column(1, 0), column(0.0, 1.0), null));
    }

    @Test
    void logitsMatchHandValuesAndGradient() {
        INDArray z = column(2, -1, 0.5);
        // y = 1: ln(1 + e^-z); y = 0: ln(1 + e^z)
        double expected = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-0.5))) / 3;
        BinaryCrossentropy loss = new BinaryCrossentropy(true);
        assertEquals(expected, value(loss, Y, z), 1e-12);
        assertEquals(expected, composedValue(loss, Y, z, null), 1e-12);
        INDArray hand = column((sigmoid(2) - 1) / 3, sigmoid(-1) / 3, (sigmoid(0.5) - 1) / 3);
        assertClose(hand, gradient(loss, Y, z, null), 1e-12);
        assertClose(hand, composedGradient(loss, Y, z, null), 1e-12);
    }

    @Test
    void logitsAgreeWithProbabilities() {
        INDArray y = rows(new double[][]{{1, 0}, {0, 0}, {1, 1}, {0.3, 0.7}});
        INDArray z = Gradients.uniform(-4, 4, 4, 2);
        INDArray w = Nd4j.createFromArray(1.0, 0.5, 2.0, 0.0);
        double fromLogits = value(new BinaryCrossentropy(true), y, z, w);
        double fromProbabilities = value(new BinaryCrossentropy(), y, Transforms.sigmoid(z, true), w);
        assertEquals(fromProbabilities, fromLogits, 1e-9);
        // the gradient with respect to the logits is the chain rule through the sigmoid
        INDArray viaProbabilities = gradient(new BinaryCrossentropy(), y, Transforms.sigmoid(z, true), w)
                .mul(Transforms.sigmoidDerivative(z, true));
        assertClose(viaProbabilities, gradient(new BinaryCrossentropy(true), y, z, w), 1e-9);
    }

    @Test
    void fusedAndComposedLogitPathsAgreeAndPassGradientCheck() {
        INDArray y = rows(new double[][]{{1, 0, 1}, {0, 1, 1}});
        INDArray z = Gradients.uniform(-3, 3, 2, 3);
        INDArray w = Nd4j.createFromArray(0.5, 2.0);
        BinaryCrossentropy loss = new BinaryCrossentropy(true);
        assertEquals(composedValue(loss, y, z, w), value(loss, y, z, w), 1e-12);
        assertClose(composedGradient(loss, y, z, w), gradient(loss, y, z, w), 1e-12);
        assertGradientsCheck(loss, y, z, w);
        assertGradientsCheck(loss, Gradients.uniform(0, 1, 2, 3, 2), Gradients.uniform(-3, 3, 2, 3, 2), null);
    }

    @Test
    void hugeLogitsStayFinite() {
        // float logits of +-1000: right and confident -> 0; wrong and confident -> 1000 each
        INDArray z = Nd4j.createFromArray(new float[][]{{1000f}, {-1000f}, {1000f}, {-1000f}});
        INDArray y = Nd4j.createFromArray(new float[][]{{1f}, {0f}, {0f}, {1f}});
        BinaryCrossentropy loss = new BinaryCrossentropy(true);
        // (0 + 0 + 1000 + 1000) / 4
        assertEquals(500.0, value(loss, y, z), 1e-3);
        assertEquals(500.0, composedValue(loss, y, z, null), 1e-3);
        // (sigmoid(z) - y) / 4 = [0, 0, 1, -1] / 4
        INDArray expected = column(0, 0, 0.25, -0.25);
        assertClose(expected, gradient(loss, y, z, null), 1e-6);
        assertClose(expected, composedGradient(loss, y, z, null), 1e-6);
        assertEquals(0.0, value(loss, column(1, 0), column(1000, -1000)), 1e-12);
    }

    @Test
    void vectorTargetsFitAColumnOfLogits() {
        INDArray z = column(2, -1, 0.5);
        assertEquals(value(new BinaryCrossentropy(true), Y, z),
                value(new BinaryCrossentropy(true), Nd4j.createFromArray(1.0, 0.0, 1.0), z), 1e-12);
    }
}
