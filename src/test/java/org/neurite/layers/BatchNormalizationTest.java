package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

class BatchNormalizationTest {
    private static final double EPS = 1e-3;

    /** Six rows of three channels with different means and spreads. */
    private static INDArray batch() {
        return Nd4j.createFromArray(new double[][]{
                {1, 10, -2}, {2, 14, -2.5}, {0, 9, -1}, {4, 11, -2}, {3, 8, -3}, {2, 12, -1.5}});
    }

    private static double[] channelMean(INDArray x) {
        double[] m = new double[(int) x.size(1)];
        for (int c = 0; c < m.length; c++) {
            for (int r = 0; r < x.size(0); r++) {
                m[c] += x.getDouble(r, c) / x.size(0);
            }
        }
        return m;
    }

    private static double[] channelVariance(INDArray x) {
        double[] m = channelMean(x);
        double[] v = new double[m.length];
        for (int c = 0; c < m.length; c++) {
            for (int r = 0; r < x.size(0); r++) {
                double d = x.getDouble(r, c) - m[c];
                v[c] += d * d / x.size(0);
            }
        }
        return v;
    }

    @Test
    void harness() {
        LayerHarness.of(new BatchNormalization(), 3).batch(4).checkAll(new long[]{3}, 12);
        LayerHarness.of(new BatchNormalization(), 2, 3, 2).batch(2).checkAll(new long[]{2, 3, 2}, 8);
        LayerHarness.of(new BatchNormalization().center(false), 3).batch(3).checkAll(new long[]{3}, 9);
        LayerHarness.of(new BatchNormalization(), 2, 2).inference().checkAll(new long[]{2, 2}, 8);
    }

    @Test
    void trainingNormalisesEachChannelWithTheBatchStatistics() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(new long[]{3}, DataType.DOUBLE);
        INDArray x = batch();
        INDArray y = bn.forward(Tensor.constant(x), true).value();
        double[] m = channelMean(x);
        double[] v = channelVariance(x);
        for (int r = 0; r < x.size(0); r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals((x.getDouble(r, c) - m[c]) / Math.sqrt(v[c] + EPS), y.getDouble(r, c), 1e-12);
            }
        }
        double[] outMean = channelMean(y);
        double[] outVar = channelVariance(y);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, outMean[c], 1e-12);
            assertEquals(v[c] / (v[c] + EPS), outVar[c], 1e-12);
            assertEquals(1, outVar[c], 5e-3); // epsilon keeps it just below one
        }
    }

    @Test
    void floatImagesLargeEnoughForThePlatformKernelMatchTheFormulaForwardAndBackward() {
        // 8 x 12 x 12 x 16 = 18,432 elements: above ContextCache.HELPER_MIN, so oneDNN may run
        Nd4j.getRandom().setSeed(7);
        BatchNormalization bn = new BatchNormalization();
        bn.build(new long[]{12, 12, 16}, DataType.FLOAT);
        INDArray gammaValue = Nd4j.rand(DataType.FLOAT, 16).addi(0.5);
        INDArray betaValue = Nd4j.rand(DataType.FLOAT, 16);
        bn.weights().get(0).value().assign(gammaValue);
        bn.weights().get(1).value().assign(betaValue);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 12, 12, 16).muli(4).subi(1);
        INDArray r = Nd4j.rand(DataType.FLOAT, 8, 12, 12, 16);
        Tensor xt = Tensor.parameter(x.dup());
        Tensor y = bn.forward(xt, true);
        y.mul(Tensor.constant(r)).sum().backward();

        // the reference, in double: xhat = (x - m) / sqrt(v + eps); y = gamma xhat + beta;
        // dx = gamma / sqrt(v + eps) / M * (M r - sum(r) - xhat sum(r xhat))
        INDArray xd = x.castTo(DataType.DOUBLE).reshape(8 * 12 * 12, 16);
        INDArray rd = r.castTo(DataType.DOUBLE).reshape(8 * 12 * 12, 16);
        double m = xd.size(0);
        INDArray mean = xd.mean(0);
        INDArray centered = xd.subRowVector(mean);
        INDArray invStd = org.nd4j.linalg.ops.transforms.Transforms.pow(centered.mul(centered).mean(0).addi(EPS), -0.5);
        INDArray xhat = centered.mulRowVector(invStd);
        INDArray gamma = gammaValue.castTo(DataType.DOUBLE);
        INDArray expectedY = xhat.mulRowVector(gamma).addRowVector(betaValue.castTo(DataType.DOUBLE));
        INDArray dBeta = rd.sum(0);
        INDArray dGamma = rd.mul(xhat).sum(0);
        INDArray dx = rd.mul(m).subRowVector(dBeta).subi(xhat.mulRowVector(dGamma))
                .mulRowVector(gamma.mul(invStd).divi(m));
        assertClose(expectedY, y.value().reshape(8 * 12 * 12, 16), 2e-5);
        assertClose(dx, xt.grad().reshape(8 * 12 * 12, 16), 2e-5);
        assertClose(dGamma, bn.weights().get(0).parameter().grad(), 2e-3);
        assertClose(dBeta, bn.weights().get(1).parameter().grad(), 2e-3);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double worst = expected.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance * scale, "worst difference " + worst + " (scale " + scale + ")");
    }

    @Test
    void oneTrainingStepMovesTheStatisticsInPlace() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(new long[]{3}, DataType.DOUBLE);
        INDArray movingMean = bn.weights().get(2).value();
        INDArray movingVariance = bn.weights().get(3).value();
        bn.forward(Tensor.constant(batch()), true);
        double[] m = channelMean(batch());
        double[] v = channelVariance(batch());
        for (int c = 0; c < 3; c++) {
            assertEquals(0.99 * 0 + 0.01 * m[c], movingMean.getDouble(c), 1e-12);
            assertEquals(0.99 * 1 + 0.01 * v[c], movingVariance.getDouble(c), 1e-12);
        }
        assertSame(movingMean, bn.weights().get(2).value());
        assertEquals("moving_mean", bn.weights().get(2).name());
        assertFalse(bn.weights().get(3).isTrainable());
    }

    @Test
    void inferenceUsesTheMovingStatisticsAndLeavesThemAlone() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(new long[]{2}, DataType.DOUBLE);
        bn.setWeights(List.of(Nd4j.createFromArray(2.0, 0.5), Nd4j.createFromArray(1.0, -1.0),
                Nd4j.createFromArray(3.0, -4.0), Nd4j.createFromArray(4.0, 0.25)));
        INDArray x = Nd4j.createFromArray(new double[][]{{5, -4}, {1, 0}});
        INDArray y = bn.forward(Tensor.constant(x), false).value();
        double[][] expected = {
                {2 * (5 - 3) / Math.sqrt(4 + EPS) + 1, 0.5 * (-4 + 4) / Math.sqrt(0.25 + EPS) - 1},
                {2 * (1 - 3) / Math.sqrt(4 + EPS) + 1, 0.5 * (0 + 4) / Math.sqrt(0.25 + EPS) - 1}};
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(expected[r], y.getRow(r).toDoubleVector(), 1e-12);
        }
        assertArrayEquals(new double[]{3, -4}, bn.weights().get(2).value().toDoubleVector(), 0);
    }

    @Test
    void frozenLayerUsesMovingStatisticsEvenWhenTraining() {
        BatchNormalization bn = new BatchNormalization();
        bn.build(new long[]{3}, DataType.DOUBLE);
        bn.trainable(false);
        INDArray y = bn.forward(Tensor.constant(batch()), true).value();
        assertTrue(y.equalsWithEps(batch().div(Math.sqrt(1 + EPS)), 1e-12));
        assertEquals(0.0, bn.weights().get(2).value().amaxNumber().doubleValue());
    }

    @Test
    void statisticsSurviveTheStepWorkspace() {
        BatchNormalization bn = new BatchNormalization().momentum(0.5);
        try (MemoryScope scope = MemoryScope.open("bn-test")) {
            bn.build(new long[]{3}, DataType.DOUBLE);
            bn.forward(Tensor.constant(batch()), true);
        }
        for (int i = 0; i < 2; i++) {
            try (MemoryScope scope = MemoryScope.open("bn-test")) {
                bn.forward(Tensor.constant(batch()), true);
            }
        }
        double[] m = channelMean(batch());
        INDArray movingMean = bn.weights().get(2).value();
        assertFalse(movingMean.isAttached());
        for (int c = 0; c < 3; c++) {
            assertEquals(m[c] * (1 - 0.125), movingMean.getDouble(c), 1e-12);
        }
    }

    @Test
    void shapesAndErrors() {
        BatchNormalization bn = new BatchNormalization();
        assertArrayEquals(new long[]{13, 13, 32}, bn.build(new long[]{13, 13, 32}));
        assertEquals(128, bn.countParams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 13, 13, 16)), true));
        assertTrue(e.getMessage().contains("(BatchNormalization)") && e.getMessage().contains("[..., 32]")
                && e.getMessage().contains("[13, 13, 16]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 32)), true));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization().momentum(1.5));
    }

    @Test
    void configUsesKerasKeysAndDefaults() {
        Map<String, Object> c = new BatchNormalization().config();
        assertEquals(-1, c.get("axis"));
        assertEquals(0.99, c.get("momentum"));
        assertEquals(1e-3, c.get("epsilon"));
        assertEquals(true, c.get("center"));
        assertEquals(true, c.get("scale"));
        assertEquals("ones", c.get("moving_variance_initializer"));
    }
}
