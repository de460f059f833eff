package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AUCTest {

    private static double auc(double[] y, double[] scores) {
        AUC m = new AUC();
        m.update(Nd4j.createFromArray(y).reshape(y.length, 1), Nd4j.createFromArray(scores).reshape(y.length, 1));
        return m.result();
    }

    /** The definition: correctly ordered (positive, negative) pairs, ties one half, over all pairs. */
    private static double pairFraction(double[] y, double[] s) {
        double correct = 0;
        double pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    correct += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return correct / pairs;
    }

    @Test
    void smallRankingByHand() {
        // positives 0.9, 0.6, 0.3; negatives 0.7, 0.8, 0.5
        // 0.9 beats all three, 0.6 beats 0.5, 0.3 beats none: 4 of 9 pairs
        assertEquals(4.0 / 9, auc(new double[]{1, 1, 1, 0, 0, 0}, new double[]{0.9, 0.6, 0.3, 0.7, 0.8, 0.5}), 1e-12);
        // perfect and reversed rankings
        assertEquals(1.0, auc(new double[]{0, 1, 0, 1}, new double[]{0.1, 0.8, 0.2, 0.9}), 1e-12);
        assertEquals(0.0, auc(new double[]{1, 0}, new double[]{0.1, 0.8}), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        // positives 0.5, 0.8; negatives 0.5, 0.2: 0.5 vs 0.5 half, 0.5 > 0.2, 0.8 beats both -> 3.5 of 4
        assertEquals(3.5 / 4, auc(new double[]{1, 0, 1, 0}, new double[]{0.5, 0.5, 0.8, 0.2}), 1e-12);
        // every score equal: 0.5
        assertEquals(0.5, auc(new double[]{1, 0, 1, 0, 0}, new double[]{0.3, 0.3, 0.3, 0.3, 0.3}), 1e-12);
    }

    @Test
    void batchesAccumulateAndMatchThePairDefinition() {
        Random random = new Random(3);
        int n = 300;
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.4 ? 1 : 0;
            s[i] = Math.round((random.nextDouble() + 0.3 * y[i]) * 20) / 20.0;   // many ties
        }
        AUC m = new AUC();
        for (int start = 0; start < n; start += 64) {
            int end = Math.min(n, start + 64);
            double[] yb = java.util.Arrays.copyOfRange(y, start, end);
            double[] sb = java.util.Arrays.copyOfRange(s, start, end);
            m.update(Nd4j.createFromArray(yb), Nd4j.createFromArray(sb).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        }
        assertEquals(pairFraction(y, s), m.result(), 1e-12);
        m.reset();
        assertEquals(0.0, m.result());
    }

    @Test
    void oneClassOnlyGivesZeroAsKeras() {
        assertEquals(0.0, auc(new double[]{1, 1}, new double[]{0.2, 0.9}));
    }

    @Test
    void shapeMismatchNamesTheMetric() {
        INDArray p = Nd4j.rand(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AUC().update(Nd4j.ones(4), p));
        assertEquals("auc: yTrue shape [4] does not match yPred shape [3, 1]", e.getMessage());
    }
}
