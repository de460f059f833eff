package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/** GlobalMaxPooling1D, GlobalAveragePooling1D and GlobalAveragePooling2D. */
class GlobalPoolingTest {
    /** Two sequences of three steps and two features. */
    private static Tensor sequences() {
        return Tensor.constant(Nd4j.createFromArray(new double[][][]{
                {{1, -1}, {4, 2}, {-3, 0}},
                {{0, 5}, {2, 2}, {1, -4}}}));
    }

    @Test
    void harness() {
        LayerHarness.of(new GlobalMaxPooling1D(), 5, 3).checkAll(new long[]{3}, 0);
        LayerHarness.of(new GlobalAveragePooling1D(), 5, 3).checkAll(new long[]{3}, 0);
        LayerHarness.of(new GlobalAveragePooling2D(), 3, 4, 2).checkAll(new long[]{2}, 0);
    }

    @Test
    void maxOverStepsByHand() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        assertArrayEquals(new long[]{2}, pool.build(new long[]{3, 2}, DataType.DOUBLE));
        Tensor y = pool.forward(sequences(), false);
        assertArrayEquals(new long[]{2, 2}, y.shape());
        assertArrayEquals(new double[]{4, 2, 2, 5}, y.value().data().asDouble(), 0);
    }

    @Test
    void averageOverStepsByHand() {
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        pool.build(new long[]{3, 2}, DataType.DOUBLE);
        assertArrayEquals(new double[]{2 / 3.0, 1 / 3.0, 1, 1},
                pool.forward(sequences(), false).value().data().asDouble(), 1e-12);
    }

    @Test
    void averageOverImageByHand() {
        GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
        pool.build(new long[]{2, 2, 2}, DataType.DOUBLE);
        // channel 0 holds 1, 3, 5, 7 and channel 1 holds 2, 4, 6, 8
        Tensor x = Tensor.constant(Nd4j.linspace(DataType.DOUBLE, 1, 8, 1).reshape(1, 2, 2, 2));
        assertArrayEquals(new double[]{4, 5}, pool.forward(x, false).value().data().asDouble(), 1e-12);
    }

    @Test
    void wrongInputRank() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.build(new long[]{120}));
        assertEquals(pool.name() + " (GlobalMaxPooling1D): expected input shape [steps, features] but found [120]",
                e.getMessage());
        GlobalAveragePooling2D avg = new GlobalAveragePooling2D();
        avg.build(new long[]{2, 2, 1}, DataType.DOUBLE);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> avg.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 4)), false));
        assertTrue(f.getMessage().contains("[height, width, channels] but found [4]"), f.getMessage());
    }

    /** Post-padded [3, 5, 4] batch of lengths 5, 3 and 1; the padding holds large values that must not count. */
    private static final int[] LENGTHS = {5, 3, 1};

    private static INDArray paddedBatch() {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 3, 5, 4).castTo(DataType.DOUBLE)
                .subi(0.5);
        for (int n = 0; n < LENGTHS.length; n++) {
            x.get(NDArrayIndex.point(n), NDArrayIndex.interval(LENGTHS[n], 5), NDArrayIndex.all()).assign(7);
        }
        return x;
    }

    private static INDArray lengthMask(int... lengths) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, lengths.length, 5);
        for (int n = 0; n < lengths.length; n++) {
            m.get(NDArrayIndex.point(n), NDArrayIndex.interval(0, lengths[n])).assign(1);
        }
        return m;
    }

    @Test
    void maskedBatchPoolsAsTheUnpaddedSequences() {
        INDArray x = paddedBatch();
        for (GlobalPooling pool : List.of(new GlobalMaxPooling1D(), new GlobalAveragePooling1D())) {
            pool.build(new long[]{5, 4}, DataType.DOUBLE);
            Tensor y = pool.call(Tensor.constant(x).withMask(lengthMask(LENGTHS)), false);
            assertNull(y.mask(), "pooling over the steps drops the mask");
            for (int n = 0; n < LENGTHS.length; n++) {
                INDArray alone = x.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.interval(0, LENGTHS[n]),
                        NDArrayIndex.all()).dup();
                INDArray expected = pool.forward(Tensor.constant(alone), false).value();
                assertTrue(expected.equalsWithEps(y.value().get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all()),
                        1e-12), pool + " example " + n + ": " + expected + " vs " + y.value());
            }
        }
    }

    @Test
    void everyStepMaskedGivesZerosAndFloatMasksWork() {
        INDArray mask = lengthMask(5, 0, 2);
        for (GlobalPooling pool : List.of(new GlobalMaxPooling1D(), new GlobalAveragePooling1D())) {
            pool.build(new long[]{5, 4}, DataType.DOUBLE);
            INDArray y = pool.forward(Tensor.constant(paddedBatch()).withMask(mask), false).value();
            assertEquals(Nd4j.zeros(DataType.DOUBLE, 4), y.getRow(1), pool.toString());
            assertTrue(y.getRow(0).amaxNumber().doubleValue() < 1, "no padding in row 0: " + y);

            GlobalPooling floats = pool instanceof GlobalMaxPooling1D ? new GlobalMaxPooling1D()
                    : new GlobalAveragePooling1D();
            floats.build(new long[]{5, 4});
            INDArray f = floats.forward(Tensor.constant(paddedBatch().castTo(DataType.FLOAT))
                    .withMask(lengthMask(LENGTHS).castTo(DataType.FLOAT)), false).value();
            assertEquals(DataType.FLOAT, f.dataType());
            assertTrue(f.amaxNumber().doubleValue() < 1, f.toString());
        }
    }

    @Test
    void maskedGradientChecks() {
        for (int[] lengths : new int[][]{LENGTHS, {5, 0, 2}}) {
            for (GlobalPooling pool : List.of(new GlobalMaxPooling1D(), new GlobalAveragePooling1D())) {
                pool.build(new long[]{5, 4}, DataType.DOUBLE);
                INDArray mask = lengthMask(lengths);
                Tensor x = Tensor.parameter(paddedBatch());
                GradientCheck.Result r = GradientCheck.check(in -> pool.forward(in.get(0).withMask(mask), true),
                        List.of(x));
                assertTrue(r.passed(), pool + ": " + r);
                // no gradient reaches a masked step
                for (int n = 0; n < lengths.length; n++) {
                    if (lengths[n] < 5) {
                        assertEquals(0, x.grad().get(NDArrayIndex.point(n), NDArrayIndex.interval(lengths[n], 5),
                                NDArrayIndex.all()).amaxNumber().doubleValue(), 0, pool + " example " + n);
                    }
                }
            }
        }
    }

    @Test
    void maskOfTheWrongShape() {
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        pool.build(new long[]{5, 4}, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.forward(Tensor.constant(paddedBatch()).withMask(Nd4j.ones(DataType.DOUBLE, 3, 4)), false));
        assertTrue(e.getMessage().startsWith(pool.name() + " (GlobalAveragePooling1D): the input's step mask has "
                + "shape [3, 4] but the input is [3, 5, 4]"), e.getMessage());
    }
}
