package org.neurite.privacy;

import java.util.Arrays;
import java.util.Random;

/**
 * Poisson sampling, as the DP-SGD analysis assumes: each of {@code n} examples joins a step's
 * batch independently with probability {@code q}, so the batch size varies (mean {@code q n}).
 * The members are found by jumping geometric gaps ({@code P(gap = k) = (1-q)^k q}) rather than
 * drawing {@code n} coins, so a step costs about {@code q n} draws.
 */
public final class PoissonSampler {
    private final long n;
    private final double q;
    private final Random random;

    public PoissonSampler(long n, double q, Random random) {
        if (n < 1 || !(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("Poisson sampling needs n >= 1 and q in (0, 1], got n = " + n
                    + ", q = " + q);
        }
        this.n = n;
        this.q = q;
        this.random = random;
    }

    /** The indices of the next batch, ascending; possibly none. */
    public long[] next() {
        long[] out = new long[(int) Math.min(n, Math.max(16, 2 * q * n))];
        int size = 0;
        double logMiss = Math.log1p(-q);   // -infinity for q = 1: every gap is 0
        long i = -1;
        while (true) {
            double u = 1.0 - random.nextDouble();   // (0, 1]
            i += 1 + (q == 1 ? 0 : (long) Math.floor(Math.log(u) / logMiss));
            if (i >= n || i < 0) {
                return Arrays.copyOf(out, size);
            }
            if (size == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
            }
            out[size++] = i;
        }
    }
}
