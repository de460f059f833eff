package org.neurite.privacy;

import java.security.SecureRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds Gaussian noise to a gradient: from ND4J's generator (seeded, reproducible, generated
 * natively) or from a {@link SecureRandom} (each value drawn in Java).
 */
public final class GaussianNoise {
    private final SecureRandom secure;

    private GaussianNoise(SecureRandom secure) {
        this.secure = secure;
    }

    /** Noise from {@code Nd4j.getRandom()}. */
    public static GaussianNoise seeded() {
        return new GaussianNoise(null);
    }

    /** Noise from a cryptographically secure generator. */
    public static GaussianNoise secure(SecureRandom random) {
        return new GaussianNoise(random);
    }

    /** {@code target += N(0, std^2)} independently for every element. */
    public void addTo(INDArray target, double std) {
        if (std == 0) {
            return;
        }
        INDArray z;
        if (secure == null) {
            z = Nd4j.randn(target.dataType(), target.shape());
        } else {
            double[] values = new double[(int) target.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = secure.nextGaussian();
            }
            z = Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape());
        }
        target.addi(z.muli(std));
    }
}
