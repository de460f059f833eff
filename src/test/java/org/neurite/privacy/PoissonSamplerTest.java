package org.neurite.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Poisson sampling: every example joins independently with probability q. Checked with the
 * binomial's own moments: batch sizes have mean q n and variance q (1 - q) n, and each example's
 * inclusion count over many steps has mean q * steps.
 */
class PoissonSamplerTest {

    @Test
    void batchSizesAndInclusionsFollowTheBinomial() {
        int n = 1000;
        double q = 0.05;
        int steps = 4000;
        PoissonSampler sampler = new PoissonSampler(n, q, new Random(42));
        int[] included = new int[n];
        double sum = 0;
        double squares = 0;
        for (int s = 0; s < steps; s++) {
            long[] batch = sampler.next();
            for (int k = 0; k < batch.length; k++) {
                assertTrue(batch[k] >= 0 && batch[k] < n, "index " + batch[k]);
                assertTrue(k == 0 || batch[k] > batch[k - 1], "indices must be ascending and distinct");
                included[(int) batch[k]]++;
            }
            sum += batch.length;
            squares += (double) batch.length * batch.length;
        }
        double mean = sum / steps;
        double variance = squares / steps - mean * mean;
        double expectedVariance = q * (1 - q) * n;
        // standard errors: sqrt(var / steps) for the mean; about var * sqrt(2 / steps) for the variance
        assertEquals(q * n, mean, 4 * Math.sqrt(expectedVariance / steps), "mean batch size");
        assertEquals(expectedVariance, variance, 4 * expectedVariance * Math.sqrt(2.0 / steps), "batch size variance");
        double perExample = q * steps;
        double worst = 0;
        for (int c : included) {
            worst = Math.max(worst, Math.abs(c - perExample));
        }
        // each count is Binomial(steps, q): 5 standard deviations bound all 1000 of them
        assertTrue(worst < 5 * Math.sqrt(perExample * (1 - q)), "an example's inclusion count is off by " + worst);
    }

    @Test
    void rateOneTakesEveryExample() {
        long[] all = new PoissonSampler(7, 1.0, new Random(1)).next();
        assertEquals(7, all.length);
        assertEquals(6, all[6]);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PoissonSampler(10, 0, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new PoissonSampler(0, 0.5, new Random()));
        assertThrows(IllegalArgumentException.class, () -> DifferentialPrivacy.noiseMultiplier(-1));
        assertThrows(IllegalArgumentException.class, () -> DifferentialPrivacy.targetEpsilon(0));
        assertThrows(IllegalArgumentException.class, () -> DifferentialPrivacy.noiseMultiplier(1).l2NormClip(0));
        assertThrows(IllegalArgumentException.class, () -> DifferentialPrivacy.noiseMultiplier(1).delta(1));
    }
}
