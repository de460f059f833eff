package org.neurite.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Functional;
import org.neurite.tensor.GradientBuffers;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Padding;
import org.neurite.tensor.PerExampleGradients;
import org.neurite.tensor.Tensor;

/**
 * Each op's per-example gradients in DOUBLE against the reference of the definition: the op run on
 * example i alone, {@code L_i = sum(out_i * R_i)} backpropagated; the per-example squared norms and
 * a random weighted sum of the full-batch answer must match. Covers channels-first and strided
 * SAME convolutions, Dense on sequences (several rows per example), and the LSTM in reverse with
 * sequence output, which the model-level tests do not.
 */
class PerExampleOpsTest {
    private static final int N = 4;

    /** The op applied to some rows of the batch; its output's first axis is those rows. */
    private interface Application {
        Tensor apply(INDArray rows, Tensor[] parameters);
    }

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    private static void check(Application op, INDArray x, INDArray... values) {
        // the reference: one example at a time
        INDArray r = null;
        double[][][] perExample = new double[N][values.length][];
        for (int i = 0; i < N; i++) {
            Tensor[] p = new Tensor[values.length];
            for (int j = 0; j < p.length; j++) {
                p[j] = Tensor.parameter(values[j].dup());
            }
            INDArray rows = x.get(NDArrayIndex.interval(i, i + 1)).dup();
            Tensor out = op.apply(rows, p);
            if (r == null) {
                long[] shape = out.shape();
                shape[0] = N;
                r = random(99, shape);
            }
            out.mul(Tensor.constant(r.get(NDArrayIndex.interval(i, i + 1)).dup())).sum().backward();
            for (int j = 0; j < p.length; j++) {
                perExample[i][j] = p[j].grad().dup().data().asDouble();
            }
        }
        double[] weights = {0.3, -1.2, 2.0, 0.7};
        try (MemoryScope scope = MemoryScope.open("per-example-test")) {
            Tensor[] p = new Tensor[values.length];
            INDArray[] buffers = new INDArray[values.length];
            for (int j = 0; j < p.length; j++) {
                buffers[j] = Nd4j.zeros(DataType.DOUBLE, values[j].shape());
                p[j] = GradientBuffers.parameter(values[j].dup(), buffers[j]);
            }
            double[] norms;
            try (PerExampleGradients collected = PerExampleGradients.open(N)) {
                op.apply(x, p).mul(Tensor.constant(r)).sum().backward();
                norms = collected.squaredNorms().data().asDouble();
                collected.addWeightedSums(Nd4j.createFromArray(weights));
            }
            for (int i = 0; i < N; i++) {
                double expected = 0;
                for (double[] g : perExample[i]) {
                    for (double v : g) {
                        expected += v * v;
                    }
                }
                assertEquals(expected, norms[i], 1e-9 * Math.max(1, expected), "squared norm of example " + i);
            }
            for (int j = 0; j < p.length; j++) {
                double[] actual = buffers[j].dup().data().asDouble();
                for (int k = 0; k < actual.length; k++) {
                    double expected = 0;
                    for (int i = 0; i < N; i++) {
                        expected += weights[i] * perExample[i][j][k];
                    }
                    assertEquals(expected, actual[k], 1e-9, "weighted sum of parameter " + j + " at " + k);
                }
            }
        }
    }

    @Test
    void linearOneRowPerExample() {
        check((x, p) -> Functional.linear(Tensor.constant(x), p[0], p[1]), random(1, N, 5), random(2, 5, 3),
                random(3, 3));
    }

    @Test
    void linearOnSequences() {
        check((x, p) -> Functional.linear(Tensor.constant(x).reshape(-1, 5), p[0], p[1]).reshape(x.size(0), 3, 2),
                random(1, N, 3, 5), random(2, 5, 2), random(3, 2));
    }

    @Test
    void conv2dChannelsLastStridedSame() {
        check((x, p) -> Functional.conv2d(Tensor.constant(x), p[0], p[1], new int[]{2, 2}, Padding.SAME,
                new int[]{1, 1}, DataFormat.CHANNELS_LAST), random(1, N, 7, 6, 2), random(2, 3, 3, 2, 4), random(3, 4));
    }

    @Test
    void conv2dChannelsFirstValid() {
        check((x, p) -> Functional.conv2d(Tensor.constant(x), p[0], null, new int[]{1, 1}, Padding.VALID,
                new int[]{1, 1}, DataFormat.CHANNELS_FIRST), random(1, N, 2, 6, 5), random(2, 2, 3, 2, 3));
    }

    @Test
    void conv1dSameAndValid() {
        check((x, p) -> Functional.conv1d(Tensor.constant(x), p[0], p[1], 1, Padding.SAME, 1), random(1, N, 8, 3),
                random(2, 3, 3, 4), random(3, 4));
        check((x, p) -> Functional.conv1d(Tensor.constant(x), p[0], null, 2, Padding.VALID, 1), random(1, N, 9, 2),
                random(2, 2, 2, 3));
    }

    @Test
    void embeddingWithRepeatedIds() {
        INDArray ids = Nd4j.createFromArray(new double[][]{{1, 1, 0}, {2, 3, 3}, {0, 0, 0}, {4, 1, 2}});
        check((x, p) -> Functional.embedding(p[0], x), ids, random(2, 5, 3));
    }

    @Test
    void lstmReversedWithSequenceOutput() {
        RecurrentSequence.Options options = new RecurrentSequence.Options(true, true, true, null, null, null,
                "tanh", "sigmoid");
        check((x, p) -> Tensor.apply(new LstmSequence(options), Tensor.constant(x), p[0], p[1], p[2]),
                random(1, N, 4, 3), random(2, 3, 8), random(3, 2, 8), random(4, 8));
    }
}
