package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/** Checks shared by the SimpleRNN, LSTM, GRU and Bidirectional tests. */
final class RecurrentChecks {
    static final int N = 3;
    static final int T = 5;
    static final int F = 3;
    static final int UNITS = 4;

    private RecurrentChecks() {
    }

    /** A seeded uniform array in [-scale, scale), DOUBLE. */
    static INDArray random(long seed, double scale, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.DOUBLE)
                .muli(2 * scale).subi(scale);
    }

    /** Post-padded mask for lengths {5, 3, 1}. */
    static INDArray mask() {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, N, T);
        int[] lengths = {T, 3, 1};
        for (int e = 0; e < N; e++) {
            m.get(NDArrayIndex.point(e), NDArrayIndex.interval(0, lengths[e])).assign(1);
        }
        return m;
    }

    static int length(INDArray mask, int e) {
        return (int) mask.getRow(e).sumNumber().doubleValue();
    }

    /** Builds in DOUBLE for [T, F] and sets every weight to seeded values in [-0.5, 0.5). */
    static <L extends Layer> L built(L layer) {
        layer.build(new long[]{T, F}, DataType.DOUBLE);
        List<INDArray> values = new ArrayList<>();
        long seed = 7;
        for (INDArray w : layer.getWeights()) {
            values.add(random(seed++, 0.5, w.shape()));
        }
        layer.setWeights(values);
        return layer;
    }

    /** The reference for one recurrent layer's weights (kernel, recurrent kernel, bias) in processing order. */
    static double[][][] reference(RecurrentReference.Cell cell, List<INDArray> weights, INDArray x, INDArray mask,
                                  boolean backwards) {
        double[] bias = weights.size() > 2 ? weights.get(2).reshape(-1).toDoubleVector() : null;
        return RecurrentReference.run(cell, toCube(x), weights.get(0).toDoubleMatrix(),
                weights.get(1).toDoubleMatrix(), bias, mask == null ? null : mask.toDoubleMatrix(), backwards);
    }

    static double[][][] toCube(INDArray x) {
        double[][][] out = new double[(int) x.size(0)][][];
        for (int e = 0; e < out.length; e++) {
            out[e] = x.get(NDArrayIndex.point(e), NDArrayIndex.all(), NDArrayIndex.all()).toDoubleMatrix();
        }
        return out;
    }

    /** The reference's last output per example, or all of them, as the layer returns them. */
    static INDArray layerOutput(double[][][] ref, boolean sequences) {
        if (sequences) {
            return Nd4j.createFromArray(ref);
        }
        double[][] last = new double[ref.length][];
        for (int e = 0; e < ref.length; e++) {
            last[e] = ref[e][ref[e].length - 1];
        }
        return Nd4j.createFromArray(last);
    }

    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance, what + ": max difference " + diff);
    }

    /** Output vs the reference for returnSequences and goBackwards on and off, with and without a mask. */
    static void matchesReference(RecurrentReference.Cell cell, Supplier<Recurrent<?>> factory) {
        INDArray x = random(3, 1, N, T, F);
        for (boolean sequences : new boolean[]{false, true}) {
            for (boolean backwards : new boolean[]{false, true}) {
                for (INDArray mask : new INDArray[]{null, mask()}) {
                    Recurrent<?> layer = built(factory.get().returnSequences(sequences).goBackwards(backwards));
                    Tensor in = Tensor.constant(x).withMask(mask);
                    INDArray got = layer.call(in, false).value();
                    INDArray want = layerOutput(reference(cell, layer.getWeights(), x, mask, backwards), sequences);
                    assertClose(want, got, 1e-5, layer + " sequences=" + sequences + " backwards=" + backwards
                            + " masked=" + (mask != null));
                }
            }
        }
    }

    /** Gradient check through call() with a step mask (and, when the layer has them, dropout masks). */
    static void maskedGradients(Layer layer) {
        layer.build(new long[]{T, F}, DataType.DOUBLE);
        INDArray mask = mask();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(Tensor.parameter(random(5, 1, N, T, F)));
        layer.weights().forEach(w -> inputs.add(w.parameter()));
        GradientCheck.Result r = GradientCheck.check(in -> {
            Nd4j.getRandom().setSeed(99);
            return layer.call(List.of(in.get(0).withMask(mask)), true);
        }, inputs);
        assertTrue(r.passed(), layer + " with a mask: " + r);
        // padded steps get no input gradient
        INDArray dx = inputs.get(0).grad();
        assertEquals(0.0, dx.get(NDArrayIndex.point(2), NDArrayIndex.interval(1, T), NDArrayIndex.all())
                .amaxNumber().doubleValue(), 0.0);
    }

    /**
     * A post-padded masked batch (garbage in the padding) equals each sequence run alone at its
     * true length; with returnSequences, over its real steps in time order ({@code timeOrdered})
     * or, for a backwards run, at the end of the reversed output.
     */
    static void paddedEqualsUnpadded(Layer layer, boolean sequences, boolean reversedOutput) {
        built(layer);
        INDArray x = random(11, 1, N, T, F);
        INDArray mask = mask();
        INDArray batch = layer.call(Tensor.constant(x).withMask(mask), false).value();
        for (int e = 0; e < N; e++) {
            int len = length(mask, e);
            INDArray alone = x.get(NDArrayIndex.interval(e, e + 1), NDArrayIndex.interval(0, len), NDArrayIndex.all())
                    .dup();
            INDArray single = layer.call(Tensor.constant(alone), false).value();
            if (!sequences) {
                assertClose(single.getRow(0), batch.getRow(e), 1e-12, layer + " example " + e);
            } else {
                INDArray row = batch.get(NDArrayIndex.point(e), NDArrayIndex.all(), NDArrayIndex.all());
                INDArray real = reversedOutput ? row.get(NDArrayIndex.interval(T - len, T), NDArrayIndex.all())
                        : row.get(NDArrayIndex.interval(0, len), NDArrayIndex.all());
                assertClose(single.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()), real, 1e-12,
                        layer + " example " + e);
            }
        }
    }
}
