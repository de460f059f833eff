package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;
import static org.neurite.tensor.DataFormat.CHANNELS_FIRST;
import static org.neurite.tensor.DataFormat.CHANNELS_LAST;
import static org.neurite.tensor.Padding.SAME;
import static org.neurite.tensor.Padding.VALID;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values, output shapes and errors of {@link Functional}, against hand-computed and loop references. */
class NnOpsForwardTest {
    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private static Tensor t(INDArray a) {
        return Tensor.constant(a);
    }

    private static Tensor random(long... shape) {
        return Tensor.constant(Gradients.uniform(-1, 1, shape));
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tol, "max abs difference " + diff + " > " + tol);
    }

    // ------------------------------------------------------------------ conv2d

    @Test
    void conv2dHandComputed() {
        // [[1,2,3],[4,5,6],[7,8,9]] * [[1,2],[3,4]]: top-left 1*1 + 2*2 + 4*3 + 5*4 = 37, then 47, 67, 77
        INDArray x = Nd4j.createFromArray(1.0, 2, 3, 4, 5, 6, 7, 8, 9).reshape(1, 3, 3, 1);
        INDArray k = Nd4j.createFromArray(1.0, 2, 3, 4).reshape(2, 2, 1, 1);
        Tensor bias = t(Nd4j.createFromArray(0.5));
        INDArray expected = Nd4j.createFromArray(37.5, 47.5, 67.5, 77.5).reshape(1, 2, 2, 1);
        assertEquals(expected, Functional.conv2d(t(x), t(k), bias, ONE, VALID, ONE, CHANNELS_LAST).value());
        assertEquals(expected.reshape(1, 1, 2, 2),
                Functional.conv2d(t(x.reshape(1, 1, 3, 3)), t(k), bias, ONE, VALID, ONE, CHANNELS_FIRST).value());
        // SAME, stride 2: outputs at (0,0), (0,2), (2,0), (2,2); the padding is at the bottom/right
        INDArray same = Functional.conv2d(t(x), t(k), null, TWO, SAME, ONE, CHANNELS_LAST).value();
        assertEquals(Nd4j.createFromArray(37.0, 3 * 1 + 6 * 3, 7 * 1 + 8 * 2, 9.0).reshape(1, 2, 2, 1), same);
    }

    @Test
    void conv2dMatchesLoopReference() {
        int[][] strides = {{1, 1}, {2, 1}, {2, 2}, {3, 3}};
        int[][] dilations = {{1, 1}, {2, 2}, {1, 2}};
        int[][] kernels = {{3, 3}, {2, 3}, {1, 1}};
        for (int[] s : strides) {
            for (int[] d : dilations) {
                for (int[] k : kernels) {
                    for (Padding p : Padding.values()) {
                        Tensor x = random(2, 9, 8, 3);
                        Tensor w = random(k[0], k[1], 3, 2);
                        Tensor b = s[0] == 2 ? null : random(2);
                        INDArray expected = Reference.conv2d(x.value(), w.value(), b == null ? null : b.value(), s, p, d);
                        String what = "k " + k[0] + "x" + k[1] + " s " + s[0] + "x" + s[1] + " d " + d[0] + "x" + d[1] + " " + p;
                        INDArray last = Functional.conv2d(x, w, b, s, p, d, CHANNELS_LAST).value();
                        assertArrayEquals(expected.shape(), last.shape(), what);
                        assertClose(expected, last, 1e-12);
                        INDArray first = Functional.conv2d(t(x.value().permute(0, 3, 1, 2).dup()), w, b, s, p, d,
                                CHANNELS_FIRST).value();
                        assertClose(expected.permute(0, 3, 1, 2), first, 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void conv2dOutputShapes() {
        Tensor x = t(Nd4j.zeros(DataType.FLOAT, 2, 7, 8, 3));
        Tensor k = t(Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 5));
        // SAME: ceil(in / stride)
        assertArrayEquals(new long[]{2, 7, 8, 5}, Functional.conv2d(x, k, null, ONE, SAME, ONE, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 4, 4, 5}, Functional.conv2d(x, k, null, TWO, SAME, ONE, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 7, 8, 5}, Functional.conv2d(x, k, null, ONE, SAME, TWO, CHANNELS_LAST).shape());
        // VALID: floor((in - k) / stride) + 1, with k = (k - 1) * d + 1 when dilated
        assertArrayEquals(new long[]{2, 5, 6, 5}, Functional.conv2d(x, k, null, ONE, VALID, ONE, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 3, 3, 5}, Functional.conv2d(x, k, null, TWO, VALID, ONE, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 3, 4, 5}, Functional.conv2d(x, k, null, ONE, VALID, TWO, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 2, 2, 5}, Functional.conv2d(x, k, null, TWO, VALID, TWO, CHANNELS_LAST).shape());
        Tensor xf = t(Nd4j.zeros(DataType.FLOAT, 2, 3, 7, 8));
        assertArrayEquals(new long[]{2, 5, 3, 3}, Functional.conv2d(xf, k, null, TWO, VALID, ONE, CHANNELS_FIRST).shape());
    }

    @Test
    void dilatedFloatConvolutionsWorkAroundOneDnn() {
        // oneDNN cannot run dilated FLOAT convolutions; the op falls back to the generic kernels
        Tensor x = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 2, 9, 9, 3));
        Tensor k = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 3, 3, 4));
        Tensor b = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 4));
        Tensor y = Functional.conv2d(x, k, b, ONE, SAME, TWO, CHANNELS_LAST);
        y.sum().backward();
        INDArray expected = Reference.conv2d(x.value().castTo(DataType.DOUBLE), k.value().castTo(DataType.DOUBLE),
                b.value().castTo(DataType.DOUBLE), ONE, SAME, TWO);
        assertClose(expected, y.value(), 1e-4);
        assertArrayEquals(x.shape(), x.grad().shape());

        Tensor x1 = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 2, 9, 3));
        Tensor k1 = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 3, 4));
        Tensor y1 = Functional.conv1d(x1, k1, null, 1, VALID, 2);
        y1.sum().backward();
        assertArrayEquals(new long[]{2, 5, 4}, y1.shape());
        assertArrayEquals(k1.shape(), k1.grad().shape());
        assertTrue(Nd4j.getEnvironment().helpersAllowed(), "helpers are switched back on");
    }

    @Test
    void floatKernelsAcceptTheCroppedSameInput() {
        // stride 3 over a 1x1 kernel on 8 rows: the input is cropped to a (strided) view first
        Tensor x = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 2, 8, 8, 3));
        Tensor k = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 1, 1, 3, 4));
        int[] s = {3, 3};
        Tensor y = Functional.conv2d(x, k, null, s, SAME, ONE, CHANNELS_LAST);
        Tensor p = Functional.maxPool2d(x, ONE, s, SAME, CHANNELS_LAST);
        y.sum().add(p.sum()).backward();
        INDArray xd = x.value().castTo(DataType.DOUBLE);
        assertClose(Reference.conv2d(xd, k.value().castTo(DataType.DOUBLE), null, s, SAME, ONE), y.value(), 1e-5);
        assertClose(Reference.pool2d(xd, ONE, s, SAME, true), p.value(), 0);
        // rows/columns 0, 3, 6 are read; row 7 never is, so its gradient is zero
        assertEquals(0.0, x.grad().get(all(),
                point(7)).amaxNumber().doubleValue());
        assertEquals(k.value().sum(3).getDouble(0, 0, 0) + 1, x.grad().getDouble(0, 3, 6, 0), 1e-5);
    }

    @Test
    void floatConvolutionsAcceptStridedPermutedAndFOrderArrays() {
        // oneDNN misreads non-contiguous FLOAT operands (and crashes on f-order ones): the ops copy them first
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 7, 6).permute(0, 2, 3, 1).get(all(), all(), interval(1, 6),
                interval(0, 3));
        INDArray k = Nd4j.rand(DataType.FLOAT, 3, 3, 3, 2).dup('f');
        INDArray g = Nd4j.rand(DataType.FLOAT, 2, 7, 5, 4).get(all(), all(), all(), interval(1, 3));
        INDArray[] viewed = convStep(x, k, g);
        INDArray[] plain = convStep(x.dup('c'), k.dup('c'), g.dup('c'));
        for (int i = 0; i < 3; i++) {
            assertClose(plain[i], viewed[i], 1e-5);
        }
        assertClose(Reference.conv2d(x.castTo(DataType.DOUBLE), k.castTo(DataType.DOUBLE), null, ONE, SAME, ONE),
                viewed[0], 1e-5);

        INDArray x1 = Nd4j.rand(DataType.FLOAT, 2, 5, 9).permute(0, 2, 1);
        INDArray k1 = Nd4j.rand(DataType.FLOAT, 3, 5, 2).dup('f');
        Tensor a = Tensor.parameter(x1);
        Tensor b = Tensor.parameter(x1.dup('c'));
        Tensor y1 = Functional.conv1d(a, Tensor.constant(k1), null, 2, SAME, 1);
        Tensor y2 = Functional.conv1d(b, Tensor.constant(k1.dup('c')), null, 2, SAME, 1);
        assertClose(y2.value(), y1.value(), 1e-5);
        INDArray g1 = Nd4j.rand(DataType.FLOAT, 2, 5, 4).get(all(), all(), interval(1, 3));
        y1.backward(g1);
        y2.backward(g1.dup('c'));
        assertClose(b.grad(), a.grad(), 1e-5);
    }

    /** conv2d SAME forward and backward: {y, dX, dW}. */
    private static INDArray[] convStep(INDArray x, INDArray k, INDArray g) {
        Tensor xt = Tensor.parameter(x);
        Tensor kt = Tensor.parameter(k);
        Tensor y = Functional.conv2d(xt, kt, null, ONE, SAME, ONE, CHANNELS_LAST);
        y.backward(g);
        return new INDArray[]{y.value(), xt.grad(), kt.grad()};
    }

    @Test
    void conv2dRejectsMismatchedShapes() {
        Tensor x = t(Nd4j.zeros(DataType.FLOAT, 2, 5, 5, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(
                x, t(Nd4j.zeros(DataType.FLOAT, 3, 3, 1, 32)), null, ONE, VALID, ONE, CHANNELS_LAST));
        assertEquals("conv2d: input [2, 5, 5, 3] has 3 channels but kernel [3, 3, 1, 32] expects 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(x,
                t(Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 8)), t(Nd4j.zeros(DataType.FLOAT, 4)), ONE, VALID, ONE,
                CHANNELS_LAST));
        assertTrue(e.getMessage().contains("bias [4]") && e.getMessage().contains("[3, 3, 3, 8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(x,
                t(Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 8)), null, ONE, VALID, new int[]{3, 3}, CHANNELS_LAST));
        assertTrue(e.getMessage().contains("[2, 5, 5, 3]") && e.getMessage().contains("[3, 3, 3, 8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(t(Nd4j.zeros(DataType.FLOAT, 5, 5, 3)),
                t(Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 8)), null, ONE, VALID, ONE, CHANNELS_LAST));
        assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(x,
                t(Nd4j.zeros(DataType.FLOAT, 3, 3, 3, 8)), null, new int[]{0, 1}, VALID, ONE, CHANNELS_LAST));
    }

    // ------------------------------------------------------------------ conv1d

    @Test
    void conv1dMatchesLoopReference() {
        for (Padding p : Padding.values()) {
            for (int s = 1; s <= 3; s++) {
                for (int d = 1; d <= 2; d++) {
                    Tensor x = random(2, 9, 3);
                    Tensor w = random(3, 3, 4);
                    Tensor b = random(4);
                    INDArray expected = Reference.conv2d(x.value().reshape(2, 1, 9, 3), w.value().reshape(1, 3, 3, 4),
                            b.value(), new int[]{1, s}, p, new int[]{1, d});
                    INDArray y = Functional.conv1d(x, w, b, s, p, d).value();
                    assertClose(expected.reshape(expected.size(0), expected.size(2), 4), y, 1e-12);
                }
            }
        }
        // a 1-wide kernel with stride 5 on 9 steps: SAME pads nothing (libnd4j alone reads steps 1 and 6)
        Tensor x = t(Nd4j.arange(9).castTo(DataType.DOUBLE).reshape(1, 9, 1));
        INDArray y = Functional.conv1d(x, t(Nd4j.ones(DataType.DOUBLE, 1, 1, 1)), null, 5, SAME, 1).value();
        assertEquals(Nd4j.createFromArray(0.0, 5).reshape(1, 2, 1), y);
    }

    @Test
    void conv1dRejectsMismatchedChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.conv1d(
                t(Nd4j.zeros(DataType.FLOAT, 2, 7, 3)), t(Nd4j.zeros(DataType.FLOAT, 3, 2, 4)), null, 1, VALID, 1));
        assertEquals("conv1d: input [2, 7, 3] has 3 channels but kernel [3, 2, 4] expects 2", e.getMessage());
    }

    // ------------------------------------------------------------------ pooling

    @Test
    void maxPoolPicksTheMaximum() {
        INDArray x = Nd4j.createFromArray(1.0, 9, 2, 4, 3, 8, 7, 5, 6).reshape(1, 3, 3, 1);
        assertEquals(Nd4j.createFromArray(9.0, 9, 7, 8).reshape(1, 2, 2, 1),
                Functional.maxPool2d(t(x), TWO, ONE, VALID, CHANNELS_LAST).value());
        // SAME on all-negative values: padding never wins
        INDArray neg = x.neg();
        assertEquals(Nd4j.createFromArray(-1.0, -2, -5, -6).reshape(1, 2, 2, 1),
                Functional.maxPool2d(t(neg), TWO, null, SAME, CHANNELS_LAST).value());
    }

    @Test
    void avgPoolSameDividesByTheValidCount() {
        INDArray x = Nd4j.arange(9).castTo(DataType.DOUBLE).reshape(1, 3, 3, 1);
        // windows {0,1,3,4}, {2,5}, {6,7}, {8}
        assertEquals(Nd4j.createFromArray(2.0, 3.5, 6.5, 8).reshape(1, 2, 2, 1),
                Functional.avgPool2d(t(x), TWO, null, SAME, CHANNELS_LAST).value());
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 1, 5, 5);
        assertEquals(Nd4j.ones(DataType.FLOAT, 1, 1, 3, 3),
                Functional.avgPool2d(t(ones), new int[]{3, 3}, TWO, SAME, CHANNELS_FIRST).value());
    }

    @Test
    void poolingMatchesLoopReference() {
        int[][] sizes = {{2, 2}, {3, 3}, {1, 1}, {2, 3}};
        int[][] strides = {{1, 1}, {2, 2}, {3, 2}, {5, 5}};
        for (int[] k : sizes) {
            for (int[] s : strides) {
                for (Padding p : Padding.values()) {
                    Tensor x = random(2, 9, 7, 2);
                    INDArray first = x.value().permute(0, 3, 1, 2).dup();
                    INDArray max = Reference.pool2d(x.value(), k, s, p, true);
                    INDArray avg = Reference.pool2d(x.value(), k, s, p, false);
                    assertClose(max, Functional.maxPool2d(x, k, s, p, CHANNELS_LAST).value(), 1e-12);
                    assertClose(avg, Functional.avgPool2d(x, k, s, p, CHANNELS_LAST).value(), 1e-12);
                    assertClose(max.permute(0, 3, 1, 2), Functional.maxPool2d(t(first), k, s, p, CHANNELS_FIRST).value(), 1e-12);
                    assertClose(avg.permute(0, 3, 1, 2), Functional.avgPool2d(t(first), k, s, p, CHANNELS_FIRST).value(), 1e-12);
                }
            }
        }
    }

    @Test
    void poolingOutputShapesAndErrors() {
        Tensor x = t(Nd4j.zeros(DataType.FLOAT, 2, 7, 8, 3));
        assertArrayEquals(new long[]{2, 3, 4, 3}, Functional.maxPool2d(x, TWO, null, VALID, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 4, 4, 3}, Functional.maxPool2d(x, TWO, null, SAME, CHANNELS_LAST).shape());
        assertArrayEquals(new long[]{2, 3, 3, 3},
                Functional.avgPool2d(x, new int[]{3, 3}, TWO, VALID, CHANNELS_LAST).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.maxPool2d(x, new int[]{8, 8}, null, VALID, CHANNELS_LAST));
        assertTrue(e.getMessage().contains("[8, 8]") && e.getMessage().contains("[2, 7, 8, 3]"), e.getMessage());
    }

    // ------------------------------------------------------------------ embedding

    @Test
    void embeddingLooksUpRowsForAnyIdShape() {
        INDArray table = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(4, 3);
        INDArray ids = Nd4j.createFromArray(new long[][]{{3, 0}, {1, 3}});
        INDArray y = Functional.embedding(t(table), ids).value();
        assertArrayEquals(new long[]{2, 2, 3}, y.shape());
        assertEquals(table.getRow(3), y.get(point(0),
                point(0)));
        assertEquals(y, Functional.embedding(t(table), ids.castTo(DataType.INT)).value());
        assertEquals(y, Functional.embedding(t(table), ids.castTo(DataType.FLOAT)).value());
        assertArrayEquals(new long[]{3}, Functional.embedding(t(table), Nd4j.scalar(2L)).shape());
    }

    @Test
    void embeddingAccumulatesDuplicateIds() {
        Tensor table = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 5, 2));
        Functional.embedding(table, Nd4j.createFromArray(1, 4, 1, 1)).sum().backward();
        assertEquals(Nd4j.createFromArray(new float[][]{{0, 0}, {3, 3}, {0, 0}, {0, 0}, {1, 1}}), table.grad());
    }

    @Test
    void embeddingRejectsBadIds() {
        Tensor table = t(Nd4j.zeros(DataType.FLOAT, 10, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.embedding(table, Nd4j.createFromArray(3, 12)));
        assertEquals("embedding: id 12 is out of range [0, 10) for table [10, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.embedding(table, Nd4j.createFromArray(-1L)));
        assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.embedding(table, Nd4j.createFromArray(1.5f)));
        // ids that would wrap into range as 32-bit integers are still out of range
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.embedding(table, Nd4j.createFromArray(1L, (1L << 32) + 5)));
        assertEquals("embedding: id 4294967301 is out of range [0, 10) for table [10, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.embedding(table, Nd4j.createFromArray(4.294967301e9)));
        assertTrue(e.getMessage().contains("4294967301 is out of range"), e.getMessage());
    }

    @Test
    void embeddingAccumulatesDuplicateLongAndFloatIds() {
        for (INDArray ids : new INDArray[]{Nd4j.createFromArray(1L, 4L, 1L, 1L), Nd4j.createFromArray(1f, 4f, 1f, 1f)}) {
            Tensor table = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 5, 2));
            Functional.embedding(table, ids).sum().backward();
            assertEquals(Nd4j.createFromArray(new float[][]{{0, 0}, {3, 3}, {0, 0}, {0, 0}, {1, 1}}), table.grad(),
                    ids.dataType().toString());
        }
    }

    // ------------------------------------------------------------------ dropout

    @Test
    void dropoutKeepsAboutOneMinusRateAndScalesSurvivors() {
        Nd4j.getRandom().setSeed(3);
        INDArray y = Functional.dropout(t(Nd4j.ones(DataType.FLOAT, 200, 100)), 0.3, true).value();
        INDArray kept = y.neq(0).castTo(DataType.FLOAT);
        double fraction = kept.meanNumber().doubleValue();
        assertEquals(0.7, fraction, 0.015);
        // every survivor is 1 / (1 - rate)
        assertEquals(kept.muli(1 / 0.7).sumNumber().doubleValue(), y.sumNumber().doubleValue(), 1e-2);
        assertEquals(1 / 0.7, y.maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void dropoutIsIdentityWhenNotTrainingOrRateZero() {
        Tensor x = random(3, 4);
        assertSame(x, Functional.dropout(x, 0.5, false));
        assertSame(x, Functional.dropout(x, 0.0, true));
        assertThrows(IllegalArgumentException.class, () -> Functional.dropout(x, 1.0, true));
        assertThrows(IllegalArgumentException.class, () -> Functional.dropout(x, -0.1, false));
    }

    @Test
    void dropoutBackwardUsesTheForwardMask() {
        Tensor x = Tensor.parameter(Nd4j.ones(DataType.FLOAT, 50, 20));
        Tensor y = Functional.dropout(x, 0.5, true);
        y.sum().backward();
        assertEquals(y.value(), x.grad());
    }

    // ------------------------------------------------------------------ concat

    @Test
    void concatJoinsAlongTheAxis() {
        Tensor a = t(Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}}));
        Tensor b = t(Nd4j.createFromArray(new double[][]{{5}, {6}}));
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 2, 5}, {3, 4, 6}}), Functional.concat(1, a, b).value());
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}, {1, 2}, {3, 4}}),
                Functional.concat(0, a, a).value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.concat(0, a, b));
        assertTrue(e.getMessage().contains("[2, 1]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
