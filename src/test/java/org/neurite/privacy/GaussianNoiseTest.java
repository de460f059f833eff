package org.neurite.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both noise sources add N(0, std^2) per element: sample mean and std within 4 standard errors. */
class GaussianNoiseTest {
    private static final int SIZE = 20_000;

    private static void assertNormal(GaussianNoise noise, double std) {
        INDArray base = Nd4j.ones(DataType.FLOAT, 100, SIZE / 100);
        noise.addTo(base, std);
        double[] v = base.data().asDouble();
        double mean = 0;
        for (double x : v) {
            mean += (x - 1) / v.length;
        }
        double square = 0;
        for (double x : v) {
            square += (x - 1 - mean) * (x - 1 - mean) / v.length;
        }
        assertEquals(0, mean, 4 * std / Math.sqrt(SIZE), "mean");
        assertEquals(std, Math.sqrt(square), 4 * std / Math.sqrt(2.0 * SIZE), "standard deviation");
    }

    @Test
    void seededNoise() {
        Nd4j.getRandom().setSeed(4);
        assertNormal(GaussianNoise.seeded(), 0.3);
    }

    @Test
    void secureNoise() {
        assertNormal(GaussianNoise.secure(new SecureRandom()), 2.5);
    }
}
