package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.losses.LossTesting.assertClose;
import static org.neurite.losses.LossTesting.assertGradientsCheck;
import static org.neurite.losses.LossTesting.column;
import static org.neurite.losses.LossTesting.gradient;
import static org.neurite.losses.LossTesting.rows;
import static org.neurite.losses.LossTesting.value;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Gradients;
import org.neurite.tensor.Tensor;

/** MeanSquaredError, MeanAbsoluteError and Huber against hand-worked numbers. */
class RegressionLossesTest {
    private static final INDArray Y = rows(new double[][]{{1, 2}, {3, 4}});

    @Test
    void meanSquaredErrorAveragesOverColumnsThenBatch() {
        INDArray p = rows(new double[][]{{1, 3}, {5, 4}});
        // errors [[0, 1], [2, 0]] -> squares [[0, 1], [4, 0]] -> per example [0.5, 2] -> mean 1.25
        assertEquals(1.25, value(new MeanSquaredError(), Y, p), 1e-12);
        // d/dp = 2 e / (N K) = 2 [[0, 1], [2, 0]] / 4
        assertClose(rows(new double[][]{{0, 0.5}, {1, 0}}), gradient(new MeanSquaredError(), Y, p, null), 1e-12);
        // weights [2, 0.5]: (0.5 * 2 + 2 * 0.5) / 2 = 1.0, as [N] or [N, 1]
        assertEquals(1.0, value(new MeanSquaredError(), Y, p, Nd4j.createFromArray(2.0, 0.5)), 1e-12);
        assertEquals(1.0, value(new MeanSquaredError(), Y, p, column(2.0, 0.5)), 1e-12);
        assertGradientsCheck(new MeanSquaredError(), Y, Gradients.uniform(-2, 2, 2, 2), Nd4j.createFromArray(2.0, 0.5));
    }

    @Test
    void meanAbsoluteErrorUsesTheSignAsGradient() {
        INDArray p = rows(new double[][]{{2, 2}, {1, 5}});
        // |e| = [[1, 0], [2, 1]] -> per example [0.5, 1.5] -> mean 1.0
        assertEquals(1.0, value(new MeanAbsoluteError(), Y, p), 1e-12);
        // sign(e) / 4, with 0 where the error is 0
        assertClose(rows(new double[][]{{0.25, 0}, {-0.25, 0.25}}), gradient(new MeanAbsoluteError(), Y, p, null), 1e-12);
        // weights [0, 4]: (0.5 * 0 + 1.5 * 4) / 2 = 3
        assertEquals(3.0, value(new MeanAbsoluteError(), Y, p, Nd4j.createFromArray(0.0, 4.0)), 1e-12);
        assertGradientsCheck(new MeanAbsoluteError(), Y, rows(new double[][]{{1.3, 2.4}, {2.1, 4.7}}), null);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        INDArray y = rows(new double[][]{{0, 0, 0}});
        INDArray p = rows(new double[][]{{0.5, 2, -3}});
        // delta 1: [0.5 * 0.25, 1 * (2 - 0.5), 1 * (3 - 0.5)] = [0.125, 1.5, 2.5] -> mean 4.125 / 3
        assertEquals(4.125 / 3, value(new Huber(), y, p), 1e-12);
        // delta 2: [0.125, 0.5 * 4, 2 * (3 - 1)] = [0.125, 2, 4] -> mean 6.125 / 3
        assertEquals(6.125 / 3, value(new Huber(2.0), y, p), 1e-12);
        // gradient clip(e, -delta, delta) / 3
        assertClose(rows(new double[][]{{0.5 / 3, 1.0 / 3, -1.0 / 3}}), gradient(new Huber(), y, p, null), 1e-12);
        assertGradientsCheck(new Huber(0.7), Gradients.uniform(-1, 1, 3, 4), Gradients.uniform(-2, 2, 3, 4),
                Nd4j.createFromArray(1.0, 2.0, 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Huber(0));
        assertTrue(e.getMessage().contains("huber") && e.getMessage().contains("delta"), e.getMessage());
    }

    @Test
    void vectorTargetsFitColumnPredictionsAsInKeras() {
        INDArray y = Nd4j.createFromArray(1.0, 2.0, 3.0);
        INDArray p = column(1.5, 2, 2);
        // (0.25 + 0 + 1) / 3, not the [3, 3] broadcast
        assertEquals(1.25 / 3, value(new MeanSquaredError(), y, p), 1e-12);
        assertEquals(1.25 / 3, value(new MeanSquaredError(), column(1, 2, 3), Nd4j.createFromArray(1.5, 2, 2)), 1e-12);
    }

    @Test
    void higherRankAveragesOverEveryNonBatchAxis() {
        INDArray y = Gradients.uniform(-1, 1, 2, 3, 4);
        INDArray p = Gradients.uniform(-1, 1, 2, 3, 4);
        double expected = p.sub(y).mul(p.sub(y)).meanNumber().doubleValue();
        assertEquals(expected, value(new MeanSquaredError(), y, p), 1e-12);
        // weights act per example: w0 * mean(example 0) + w1 * mean(example 1), over N = 2
        INDArray sq = p.sub(y).mul(p.sub(y));
        double weighted = (3 * sq.slice(0).meanNumber().doubleValue() + 0.5 * sq.slice(1).meanNumber().doubleValue()) / 2;
        assertEquals(weighted, value(new MeanSquaredError(), y, p, Nd4j.createFromArray(3.0, 0.5)), 1e-12);
    }

    @Test
    void floatPredictionsAcceptIntegerTargets() {
        INDArray y = Nd4j.createFromArray(new int[][]{{1}, {0}});
        INDArray p = Nd4j.createFromArray(new float[][]{{0.5f}, {0.5f}});
        Tensor out = new MeanSquaredError().compute(Tensor.constant(y), Tensor.parameter(p));
        assertEquals(DataType.FLOAT, out.dataType());
        assertEquals(0.25, out.item(), 1e-7);
    }

    @Test
    void shapeErrorsNameTheLossAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> value(new MeanSquaredError(), Nd4j.zeros(4, 3), Nd4j.zeros(4, 2)));
        assertTrue(e.getMessage().contains("mean_squared_error") && e.getMessage().contains("[4, 3]")
                && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> value(new Huber(), Nd4j.zeros(4, 1), Nd4j.zeros(4, 1), Nd4j.ones(3)));
        assertTrue(e.getMessage().contains("huber") && e.getMessage().contains("sampleWeight")
                && e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void regressionLossesHaveNoLogitsMode() {
        for (Loss loss : new Loss[]{new MeanSquaredError(), new MeanAbsoluteError(), new Huber()}) {
            assertFalse(loss.fromLogits());
            assertSame(loss, loss.withFromLogits(false));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.withFromLogits(true));
            assertTrue(e.getMessage().startsWith(loss.name()), e.getMessage());
        }
    }
}
