package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.tensor.DataFormat.CHANNELS_FIRST;
import static org.neurite.tensor.DataFormat.CHANNELS_LAST;
import static org.neurite.tensor.Gradients.assertGradients;
import static org.neurite.tensor.Gradients.param;
import static org.neurite.tensor.Padding.SAME;
import static org.neurite.tensor.Padding.VALID;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks (DOUBLE, finite differences) for every op in {@link Functional}. */
class NnOpsTest {
    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private static Tensor constant(long... shape) {
        return Tensor.constant(Gradients.uniform(-1, 1, shape));
    }

    @Test
    void conv2dChannelsLastValidWithBias() {
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), ONE, VALID, ONE, CHANNELS_LAST),
                param(2, 5, 4, 3), param(3, 2, 3, 4), param(4));
    }

    @Test
    void conv2dChannelsLastSameStride2WithoutBias() {
        // 5x6 with a 3x3 kernel and stride 2: total padding 2 rows but 1 column (extra one at the right)
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), null, TWO, SAME, ONE, CHANNELS_LAST),
                param(2, 5, 6, 2), param(3, 3, 2, 3));
    }

    @Test
    void conv2dChannelsFirstSameAndValid() {
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), ONE, SAME, ONE, CHANNELS_FIRST),
                param(2, 3, 5, 5), param(3, 3, 3, 2), param(2));
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), null, new int[]{2, 1}, VALID, ONE,
                CHANNELS_FIRST), param(1, 2, 7, 5), param(3, 2, 2, 3));
    }

    @Test
    void conv2dDilation2() {
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), ONE, VALID, TWO, CHANNELS_LAST),
                param(1, 7, 6, 2), param(2, 2, 2, 3), param(3));
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), null, TWO, SAME, TWO, CHANNELS_FIRST),
                param(1, 2, 7, 5), param(3, 2, 2, 2));
    }

    @Test
    void conv2dFirstLayerPatchGradientMatchesConv2dBp() {
        // channels-last, VALID, stride 1, few channels, constant input: the patch + GEMM path
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), null, null, null, null),
                constant(3, 6, 5, 2), param(3, 2, 2, 4), param(4));
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), null, null, null, null, null),
                constant(2, 5, 5, 1), param(2, 3, 1, 3));
        // and in FLOAT against conv2d_bp on a parameter input (which computes all gradients)
        Tensor x = Tensor.constant(Gradients.uniform(-1, 1, 4, 9, 9, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Tensor xp = Tensor.parameter(x.value().dup());
        Tensor k1 = Tensor.parameter(Gradients.uniform(-1, 1, 3, 3, 1, 5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Tensor b1 = Tensor.parameter(Gradients.uniform(-1, 1, 5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Tensor k2 = Tensor.parameter(k1.value().dup());
        Tensor b2 = Tensor.parameter(b1.value().dup());
        Functional.conv2d(x, k1, b1, null, null, null, null).pow(2).sum().backward();
        Functional.conv2d(xp, k2, b2, null, null, null, null).pow(2).sum().backward();
        org.junit.jupiter.api.Assertions.assertTrue(k1.grad().equalsWithEps(k2.grad(), 1e-3), k1.grad() + " vs " + k2.grad());
        org.junit.jupiter.api.Assertions.assertTrue(b1.grad().equalsWithEps(b2.grad(), 1e-3), b1.grad() + " vs " + b2.grad());
    }

    @Test
    void conv2dWithConstantInputOrOnlyBiasTrainable() {
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), TWO, SAME, ONE, CHANNELS_LAST),
                constant(2, 5, 5, 1), param(3, 3, 1, 4), param(4));
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), ONE, VALID, ONE, CHANNELS_FIRST),
                constant(2, 2, 4, 3), constant(2, 2, 2, 3), param(3));
    }

    @Test
    void conv2dSameWithStrideBeyondKernel() {
        // the case where libnd4j's own SAME padding goes negative (see ops.Window)
        assertGradients(in -> Functional.conv2d(in.get(0), in.get(1), in.get(2), new int[]{3, 2}, SAME, ONE,
                CHANNELS_LAST), param(1, 7, 5, 2), param(1, 1, 2, 2), param(2));
    }

    @Test
    void conv1dValidSameAndStride() {
        assertGradients(in -> Functional.conv1d(in.get(0), in.get(1), in.get(2), 1, VALID, 1),
                param(2, 7, 3), param(3, 3, 4), param(4));
        assertGradients(in -> Functional.conv1d(in.get(0), in.get(1), null, 1, SAME, 1),
                param(2, 6, 2), param(4, 2, 3));
        assertGradients(in -> Functional.conv1d(in.get(0), in.get(1), in.get(2), 2, SAME, 1),
                param(2, 7, 3), param(3, 3, 2), param(2));
        assertGradients(in -> Functional.conv1d(in.get(0), in.get(1), in.get(2), 2, VALID, 2),
                param(1, 9, 2), param(3, 2, 2), param(2));
    }

    @Test
    void conv1dWithConstantInput() {
        assertGradients(in -> Functional.conv1d(in.get(0), in.get(1), in.get(2), 3, SAME, 1),
                constant(2, 7, 2), param(1, 2, 3), param(3));
    }

    @Test
    void maxPool2d() {
        assertGradients(in -> Functional.maxPool2d(in.get(0), TWO, null, VALID, CHANNELS_LAST), param(2, 5, 4, 3));
        assertGradients(in -> Functional.maxPool2d(in.get(0), new int[]{3, 3}, TWO, SAME, CHANNELS_LAST),
                param(1, 5, 7, 2));
        assertGradients(in -> Functional.maxPool2d(in.get(0), TWO, new int[]{1, 2}, SAME, CHANNELS_FIRST),
                param(2, 2, 5, 5));
    }

    @Test
    void avgPool2d() {
        assertGradients(in -> Functional.avgPool2d(in.get(0), TWO, null, VALID, CHANNELS_LAST), param(2, 5, 4, 3));
        assertGradients(in -> Functional.avgPool2d(in.get(0), new int[]{3, 3}, TWO, SAME, CHANNELS_LAST),
                param(1, 5, 7, 2));
        assertGradients(in -> Functional.avgPool2d(in.get(0), TWO, new int[]{1, 2}, SAME, CHANNELS_FIRST),
                param(2, 2, 5, 5));
        assertGradients(in -> Functional.avgPool2d(in.get(0), ONE, new int[]{3, 3}, SAME, CHANNELS_LAST),
                param(1, 7, 5, 2));
    }

    @Test
    void embeddingWithDuplicateIds() {
        INDArray ids = Nd4j.createFromArray(new int[][]{{1, 3, 1}, {0, 1, 4}});
        assertGradients(in -> Functional.embedding(in.get(0), ids), param(5, 3));
        INDArray flat = Nd4j.createFromArray(2L, 2L, 0L);
        assertGradients(in -> Functional.embedding(in.get(0), flat).tanh(), param(4, 2));
    }

    @Test
    void dropoutWithFixedSeed() {
        Tensor x = param(4, 5);
        Nd4j.getRandom().setSeed(11);
        INDArray first = Functional.dropout(x, 0.4, true).value().dup();
        Nd4j.getRandom().setSeed(11);
        INDArray second = Functional.dropout(x, 0.4, true).value();
        assertEquals(first, second, "same seed, same mask");

        assertGradients(in -> {
            Nd4j.getRandom().setSeed(11);
            return Functional.dropout(in.get(0), 0.4, true);
        }, x);
    }

    @Test
    void concatAxis0And1() {
        assertGradients(in -> Functional.concat(0, in.get(0), in.get(1), in.get(2)),
                param(2, 3), param(1, 3), param(3, 3));
        assertGradients(in -> Functional.concat(1, in.get(0), in.get(1), in.get(2)),
                param(2, 3), param(2, 1), param(2, 2));
        assertGradients(in -> Functional.concat(-1, in.get(0), in.get(1)).tanh(), param(2, 3, 2), param(2, 3, 1));
    }

    @Test
    void concatWithAConstantInput() {
        assertGradients(in -> Functional.concat(1, in.get(0), in.get(1)), constant(2, 3), param(2, 2));
    }
}
