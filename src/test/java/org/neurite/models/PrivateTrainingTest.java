package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.Neurite;
import org.neurite.layers.BatchNormalization;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.Flatten;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.losses.Losses;
import org.neurite.optimizers.Adam;
import org.neurite.optimizers.SGD;
import org.neurite.privacy.DifferentialPrivacy;
import org.neurite.privacy.RdpAccountant;

/**
 * DP-SGD steps against references computed one example at a time: with SGD at learning rate 1
 * a step moves the weights by exactly the gradient it used, so each example's own gradient is the
 * weight change of a {@code trainOnBatch} on that example alone, and the DP step (every example
 * sampled: batch size = n) must move them by the mean of those gradients, each clipped.
 */
class PrivateTrainingTest {
    private static final int N = 6;

    /** A model, its inputs and its sparse labels. */
    private record Case(Supplier<Sequential> model, INDArray x, INDArray y) {
    }

    private static Case dense() {
        return new Case(() -> new Sequential(new Input(5), new Dense(7, "tanh"), new Dense(3, "softmax")),
                random(N, 5), labels(N, 3));
    }

    private static Case conv2d() {
        return new Case(() -> new Sequential(new Input(7, 7, 2), new Conv2D(3, 3, "tanh"),
                new Conv2D(4, 2, "tanh").strides(2).padding("same"), new Flatten(), new Dense(3, "softmax")),
                random(N, 7, 7, 2), labels(N, 3));
    }

    private static Case conv1d() {
        return new Case(() -> new Sequential(new Input(9, 3), new Conv1D(4, 3, "tanh"),
                new Conv1D(5, 2, "tanh").padding("same"), new GlobalAveragePooling1D(), new Dense(3, "softmax")),
                random(N, 9, 3), labels(N, 3));
    }

    private static Case embedding() {
        INDArray ids = Nd4j.createFromArray(new float[][]{{1, 2, 2, 0}, {3, 3, 3, 3}, {0, 1, 4, 5},
                {5, 5, 1, 2}, {4, 0, 0, 0}, {2, 3, 4, 1}});
        return new Case(() -> new Sequential(new Input(4), new Embedding(6, 3), new GlobalAveragePooling1D(),
                new Dense(3, "softmax")), ids, labels(N, 3));
    }

    private static Case lstm() {
        return new Case(() -> new Sequential(new Input(5, 3), new LSTM(4), new Dense(3, "softmax")), random(N, 5, 3),
                labels(N, 3));
    }

    private static INDArray random(long... shape) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(2);
    }

    private static INDArray labels(int n, int classes) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7 + 1) % classes;
        }
        return Nd4j.createFromArray(y);
    }

    private static Sequential compiled(Case c) {
        Neurite.seed(5);
        Sequential m = c.model().get();
        m.compile(new SGD(1.0), Losses.sparseCategoricalCrossentropy());
        return m;
    }

    /** The weight change of one step, before minus after. */
    private static double[] change(INDArray before, INDArray after) {
        return before.castTo(DataType.DOUBLE).sub(after.castTo(DataType.DOUBLE)).toDoubleVector();
    }

    /** Example i's own gradient: the change of a trainOnBatch on it alone, from {@code start}. */
    private static double[][] perExampleGradients(Sequential m, Case c, INDArray start) {
        double[][] g = new double[N][];
        for (int i = 0; i < N; i++) {
            m.restoreWeights(start);
            m.trainOnBatch(c.x().get(NDArrayIndex.interval(i, i + 1)).dup(),
                    c.y().get(NDArrayIndex.interval(i, i + 1)).dup());
            g[i] = change(start, m.snapshotWeights());
        }
        return g;
    }

    private static double[] privateStep(Sequential m, Case c, INDArray start, DifferentialPrivacy dp) {
        m.restoreWeights(start);
        m.fit(c.x(), c.y(), Fit.epochs(1).batchSize(N).verbose(0).seed(3).privacy(dp));
        return change(start, m.snapshotWeights());
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 1e-4, what + ": the reference step is too small to test anything");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tolerance * scale, what + " at weight " + k);
        }
    }

    private static void smallClipIsMeanOfClippedPerExampleGradients(Case c, String name) {
        Sequential m = compiled(c);
        INDArray start = m.snapshotWeights();
        double[][] g = perExampleGradients(m, c, start);
        double[] norms = new double[N];
        for (int i = 0; i < N; i++) {
            for (double v : g[i]) {
                norms[i] += v * v;
            }
            norms[i] = Math.sqrt(norms[i]);
        }
        double[] sorted = norms.clone();
        Arrays.sort(sorted);
        double clip = 0.5 * (sorted[N / 2 - 1] + sorted[N / 2]);   // half the examples are clipped
        assertTrue(sorted[0] > 0 && sorted[N / 2 - 1] < sorted[N / 2], name + ": norms " + Arrays.toString(norms));
        double[] expected = new double[g[0].length];
        for (int i = 0; i < N; i++) {
            double f = Math.min(1, clip / norms[i]);
            for (int k = 0; k < g[i].length; k++) {
                expected[k] += g[i][k] * f / N;
            }
        }
        double[] actual = privateStep(m, c, start, DifferentialPrivacy.noiseMultiplier(0).l2NormClip(clip));
        assertClose(expected, actual, 1e-4, name);
    }

    @Test
    void denseSmallClip() {
        smallClipIsMeanOfClippedPerExampleGradients(dense(), "Dense");
    }

    @Test
    void conv2dSmallClip() {
        smallClipIsMeanOfClippedPerExampleGradients(conv2d(), "Conv2D");
    }

    @Test
    void conv1dSmallClip() {
        smallClipIsMeanOfClippedPerExampleGradients(conv1d(), "Conv1D");
    }

    @Test
    void embeddingSmallClip() {
        smallClipIsMeanOfClippedPerExampleGradients(embedding(), "Embedding");
    }

    @Test
    void lstmSmallClip() {
        smallClipIsMeanOfClippedPerExampleGradients(lstm(), "LSTM");
    }

    @Test
    void noNoiseAndALargeClipIsTheOrdinaryFullBatchStep() {
        for (Case c : List.of(dense(), conv2d(), conv1d(), embedding(), lstm())) {
            Sequential m = compiled(c);
            INDArray start = m.snapshotWeights();
            m.trainOnBatch(c.x(), c.y());
            double[] ordinary = change(start, m.snapshotWeights());
            double[] dp = privateStep(m, c, start, DifferentialPrivacy.noiseMultiplier(0).l2NormClip(1e6));
            assertClose(ordinary, dp, 1e-4, c.model().get().layers().get(0).getClass().getSimpleName());
        }
    }

    /** The noise is N(0, (sigma C / expected batch)^2) per weight: measured on 2,000+ weights. */
    @Test
    void noiseHasStandardDeviationSigmaClipOverBatch() {
        Case c = new Case(() -> new Sequential(new Input(40), new Dense(50), new Dense(3, "softmax")), random(N, 40),
                labels(N, 3));
        Sequential m = compiled(c);
        INDArray start = m.snapshotWeights();
        double clip = 0.5;
        double sigma = 2.0;
        double[] exact = privateStep(m, c, start, DifferentialPrivacy.noiseMultiplier(0).l2NormClip(clip));
        double[] noisy = privateStep(m, c, start, DifferentialPrivacy.noiseMultiplier(sigma).l2NormClip(clip));
        int p = exact.length;
        double mean = 0;
        double square = 0;
        for (int k = 0; k < p; k++) {
            double d = noisy[k] - exact[k];
            mean += d / p;
            square += d * d / p;
        }
        double std = Math.sqrt(square - mean * mean);
        double expected = sigma * clip / N;
        assertTrue(p > 2000, "too few weights for the test: " + p);
        // the sample std of p normal values is within 4 of its standard errors, 1/sqrt(2p)
        assertEquals(expected, std, 4 * expected / Math.sqrt(2.0 * p), "noise std");
        assertEquals(0, mean, 4 * expected / Math.sqrt(p), "noise mean");
    }

    @Test
    void batchNormalizationIsRefusedNamingTheLayer() {
        Sequential m = new Sequential(new Input(4), new Dense(3), new BatchNormalization(), new Dense(2, "softmax"));
        m.compile("sgd", "sparse_categorical_crossentropy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(random(8, 4),
                labels(8, 2), Fit.epochs(1).verbose(0).privacy(DifferentialPrivacy.noiseMultiplier(1))));
        String name = m.layers().stream().filter(l -> l instanceof BatchNormalization).findFirst().orElseThrow().name();
        assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("BatchNormalization"),
                e.getMessage());
    }

    /** Epsilon after every epoch, as the accountant gives it for q = batch / n and epoch * ceil(n / batch) steps. */
    @Test
    void historyRecordsEpsilonAfterEveryEpochAndTheBudgetStopsTraining() {
        Case c = dense();
        Sequential m = compiled(c);
        DifferentialPrivacy dp = DifferentialPrivacy.noiseMultiplier(1.5).l2NormClip(1.0).delta(1e-3);
        History h = m.fit(c.x(), c.y(), Fit.epochs(3).batchSize(4).verbose(0).privacy(dp));
        List<Double> eps = h.get("epsilon");
        assertEquals(3, eps.size());
        double q = 4.0 / N;
        for (int e = 0; e < 3; e++) {
            assertEquals(RdpAccountant.epsilon(q, 1.5, 2L * (e + 1), 1e-3), eps.get(e), 1e-12, "epoch " + e);
        }
        assertTrue(eps.get(0) < eps.get(1) && eps.get(1) < eps.get(2), eps.toString());

        // a budget between epsilon after epochs 1 and 2 lets exactly one epoch run
        Sequential limited = compiled(c);
        double budget = 0.5 * (eps.get(0) + eps.get(1));
        History stopped = limited.fit(c.x(), c.y(), Fit.epochs(3).batchSize(4).verbose(0)
                .privacy(DifferentialPrivacy.noiseMultiplier(1.5).l2NormClip(1.0).delta(1e-3).maxEpsilon(budget)));
        assertEquals(List.of(eps.get(0)), stopped.get("epsilon"));
    }

    /** targetEpsilon solves the noise so the planned epochs spend the target and no more. */
    @Test
    void targetEpsilonIsSpentByTheLastPlannedEpoch() {
        Case c = dense();
        Sequential m = compiled(c);
        History h = m.fit(c.x(), c.y(), Fit.epochs(2).batchSize(3).verbose(0)
                .privacy(DifferentialPrivacy.targetEpsilon(4.0).delta(1e-3)));
        List<Double> eps = h.get("epsilon");
        assertEquals(2, eps.size());
        assertTrue(eps.get(1) <= 4.0 && eps.get(1) > 4.0 * 0.999, eps.toString());
    }

    @Test
    void secureRandomTrainsAndAccounts() {
        Case c = dense();
        Sequential m = compiled(c);
        INDArray start = m.snapshotWeights();
        History h = m.fit(c.x(), c.y(), Fit.epochs(1).batchSize(3).verbose(0)
                .privacy(DifferentialPrivacy.noiseMultiplier(1.0).delta(1e-3).secureRandom(true)));
        assertEquals(RdpAccountant.epsilon(0.5, 1.0, 2, 1e-3), h.get("epsilon").get(0), 1e-12);
        assertTrue(Arrays.stream(change(start, m.snapshotWeights())).anyMatch(d -> d != 0), "no step was taken");
    }

    /** Any optimizer takes the private gradient: Adam's first steps agree with the ordinary ones. */
    @Test
    void adamTakesThePrivateGradient() {
        Case c = dense();
        Neurite.seed(5);
        Sequential m = c.model().get();
        m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy());
        INDArray start = m.snapshotWeights();
        m.trainOnBatch(c.x(), c.y());
        m.trainOnBatch(c.x(), c.y());
        double[] ordinary = change(start, m.snapshotWeights());
        Neurite.seed(5);
        Sequential p = c.model().get();
        p.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy());
        p.fit(c.x(), c.y(), Fit.epochs(2).batchSize(N).verbose(0)
                .privacy(DifferentialPrivacy.noiseMultiplier(0).l2NormClip(1e6)));
        assertClose(ordinary, change(start, p.snapshotWeights()), 1e-4, "Adam");
    }
}
