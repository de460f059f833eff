package org.neurite.privacy;

/**
 * Privacy accountant for DP-SGD: the Rényi differential privacy (RDP) of the <b>sampled Gaussian
 * mechanism</b>, composed over training steps and converted to {@code (epsilon, delta)}.
 *
 * <pre>{@code
 * double eps = RdpAccountant.epsilon(256.0 / 60_000, 1.1, 14_063, 1e-5);       // about 2.6
 * double sigma = RdpAccountant.noiseMultiplier(3.0, 1e-5, 256.0 / 60_000, 14_063);
 *
 * RdpAccountant accountant = new RdpAccountant();     // during training
 * accountant.step(256.0 / 60_000, 1.1, 235);          // one epoch of 235 steps
 * accountant.epsilon(1e-5);
 * }</pre>
 *
 * <p><b>The mechanism.</b> Each step samples every example independently with probability
 * {@code q} (Poisson sampling), sums the clipped gradients and adds Gaussian noise of standard
 * deviation {@code sigma} times the clipping norm. With {@code mu0 = N(0, sigma^2)},
 * {@code mu1 = N(1, sigma^2)} and {@code mu = (1-q) mu0 + q mu1}, its RDP at order
 * {@code alpha > 1} is (Mironov, Talwar, Zhang 2019, "Rényi Differential Privacy of the Sampled
 * Gaussian Mechanism")
 *
 * <pre>
 *   rdp(alpha) = log(A_alpha) / (alpha - 1),   A_alpha = E_{z ~ mu0} [ (mu(z) / mu0(z))^alpha ]
 * </pre>
 *
 * <ul>
 *   <li><b>Integer alpha</b>: the exact binomial expansion
 *       {@code A_alpha = sum_{k=0..alpha} C(alpha,k) (1-q)^(alpha-k) q^k exp((k^2 - k) / (2 sigma^2))},
 *       summed in log space (log-sum-exp).</li>
 *   <li><b>Fractional alpha</b> (their §3.3): with {@code z0 = sigma^2 log(1/q - 1) + 1/2},
 *       {@code A_alpha = A1 + A2},
 *       <pre>
 *   A1 = sum_{i>=0} C(alpha,i) (1-q)^(alpha-i) q^i       exp((i^2 - i) / (2 sigma^2))                 erfc((i - z0) / (sqrt(2) sigma)) / 2
 *   A2 = sum_{i>=0} C(alpha,i) (1-q)^i       q^(alpha-i) exp(((alpha-i)^2 - (alpha-i)) / (2 sigma^2)) erfc((z0 - (alpha-i)) / (sqrt(2) sigma)) / 2
 *       </pre>
 *       where {@code C(alpha,i)} is the generalised binomial coefficient (its sign alternates for
 *       {@code i > alpha}). Every term is computed in log space with a log-erfc that stays accurate
 *       far into the tail, positive and negative terms are summed separately, and the sums stop once
 *       the terms are below {@code e^-32} of the total.</li>
 *   <li>{@code q = 0} gives 0; {@code q = 1} gives exactly {@code alpha / (2 sigma^2)} (the
 *       Gaussian mechanism); {@code sigma = 0} (with {@code q > 0}) gives infinity.</li>
 * </ul>
 *
 * <p><b>Composition.</b> RDP adds: {@code steps} steps at the same {@code q} and {@code sigma}
 * have {@code steps * rdp(alpha)} at every order; the instance API adds steps of different
 * settings.
 *
 * <p><b>Conversion to (epsilon, delta).</b> The improved conversion of Balle et al. 2020
 * ("Hypothesis Testing Interpretations and Renyi Differential Privacy", Theorem 21), as used by
 * TF-Privacy and Opacus, minimised over the orders and clamped at 0:
 *
 * <pre>
 *   epsilon = max(0, min_alpha [ rdp(alpha) + log((alpha-1)/alpha) - (log(delta) + log(alpha)) / (alpha-1) ])
 * </pre>
 *
 * The classic conversion of Mironov 2017, {@code min_alpha [rdp(alpha) + log(1/delta)/(alpha-1)]},
 * is {@link #classicEpsilon}; it is never smaller. When nothing was released (no steps, or
 * {@code q = 0}) the epsilon is 0.
 *
 * <p>The orders are {@link #DEFAULT_ORDERS}: 1.1 to 10.9 in steps of 0.1, 12 to 64, and 80, 96,
 * 128, 256. An instance is not thread-safe.
 */
public final class RdpAccountant {

    /** The orders alpha at which RDP is tracked. */
    private static final double[] DEFAULT_ORDERS = defaultOrders();

    private final double[] orders;
    private final double[] rdp;

    /** An accountant with nothing spent yet, over the default orders. */
    public RdpAccountant() {
        this.orders = DEFAULT_ORDERS.clone();
        this.rdp = new double[orders.length];
    }

    /**
     * Adds {@code steps} steps of the sampled Gaussian mechanism with sampling rate {@code q} and
     * noise multiplier {@code sigma}.
     *
     * @return this accountant
     */
    public RdpAccountant step(double q, double sigma, long steps) {
        checkMechanism(q, sigma, steps);
        if (q == 0 || steps == 0) {
            return this;
        }
        double[] add = rdp(q, sigma, orders);
        for (int i = 0; i < orders.length; i++) {
            rdp[i] += add[i] * steps;
        }
        return this;
    }

    /** The epsilon spent so far for this {@code delta} (Balle et al. conversion). */
    public double epsilon(double delta) {
        checkDelta(delta);
        return toEpsilon(orders, rdp, delta);
    }

    /** The orders alpha tracked (a copy). */
    public double[] orders() {
        return orders.clone();
    }

    /** The RDP accumulated at each of {@link #orders()} (a copy). */
    public double[] rdp() {
        return rdp.clone();
    }

    // ------------------------------------------------------------------ static API

    /**
     * The epsilon of {@code steps} steps of the sampled Gaussian mechanism with sampling rate
     * {@code q} and noise multiplier {@code sigma}, for this {@code delta}.
     */
    public static double epsilon(double q, double sigma, long steps, double delta) {
        checkMechanism(q, sigma, steps);
        checkDelta(delta);
        return toEpsilon(DEFAULT_ORDERS, composed(q, sigma, steps), delta);
    }

    /** As {@link #epsilon(double, double, long, double)} with the classic conversion {@code rdp + log(1/delta)/(alpha-1)}. */
    public static double classicEpsilon(double q, double sigma, long steps, double delta) {
        checkMechanism(q, sigma, steps);
        checkDelta(delta);
        double[] r = composed(q, sigma, steps);
        if (allZero(r)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < DEFAULT_ORDERS.length; i++) {
            best = Math.min(best, r[i] + Math.log(1 / delta) / (DEFAULT_ORDERS[i] - 1));
        }
        return Math.max(0, best);
    }

    /**
     * The smallest noise multiplier sigma (to a relative 1e-6, rounded up) whose epsilon after
     * {@code steps} steps at sampling rate {@code q} is at most {@code targetEpsilon}; found by
     * bisection, epsilon decreasing in sigma. Returns 0 when nothing is released ({@code q = 0}
     * or {@code steps = 0}).
     *
     * @throws IllegalArgumentException if the target is not positive, or below what any sigma up
     *     to 1e6 reaches (the conversion has a floor above 0 over finite orders)
     */
    public static double noiseMultiplier(double targetEpsilon, double delta, double q, long steps) {
        if (!(targetEpsilon > 0) || Double.isNaN(targetEpsilon)) {
            throw new IllegalArgumentException(
                    "targetEpsilon must be > 0, got " + targetEpsilon + ": no noise level gives epsilon 0");
        }
        checkMechanism(q, 0, steps);
        checkDelta(delta);
        if (q == 0 || steps == 0) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (epsilon(q, hi, steps, delta) > targetEpsilon) {
            lo = hi;
            hi *= 2;
            if (hi > 1e6) {
                throw new IllegalArgumentException("targetEpsilon " + targetEpsilon + " is unreachable for delta "
                        + delta + ", q " + q + " and " + steps + " steps: even sigma 1e6 gives "
                        + epsilon(q, 1e6, steps, delta));
            }
        }
        while (hi - lo > 1e-6 * hi) {
            double mid = 0.5 * (lo + hi);
            if (epsilon(q, mid, steps, delta) > targetEpsilon) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /**
     * The RDP of one step of the sampled Gaussian mechanism at order {@code alpha > 1}: the exact
     * binomial expansion for integer alpha, the series of Mironov et al. §3.3 otherwise.
     */
    public static double rdp(double q, double sigma, double alpha) {
        checkMechanism(q, sigma, 0);
        if (!(alpha > 1) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number > 1, got " + alpha);
        }
        if (q == 0) {
            return 0;
        }
        if (sigma == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        double r = alpha == Math.rint(alpha) ? SampledGaussianRdp.integerLogA(q, sigma, (int) alpha)
                : SampledGaussianRdp.fractionalLogA(q, sigma, alpha);
        return Math.max(0, r / (alpha - 1));
    }

    // ------------------------------------------------------------------ internals

    private static double[] defaultOrders() {
        double[] o = new double[99 + 53 + 4];
        int n = 0;
        for (int x = 11; x <= 109; x++) {
            o[n++] = x / 10.0;
        }
        for (int a = 12; a <= 64; a++) {
            o[n++] = a;
        }
        for (int a : new int[] {80, 96, 128, 256}) {
            o[n++] = a;
        }
        return o;
    }

    private static double[] rdp(double q, double sigma, double[] orders) {
        double[] r = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            r[i] = rdp(q, sigma, orders[i]);
        }
        return r;
    }

    private static double[] composed(double q, double sigma, long steps) {
        if (q == 0 || steps == 0) {
            return new double[DEFAULT_ORDERS.length];
        }
        double[] r = rdp(q, sigma, DEFAULT_ORDERS);
        for (int i = 0; i < r.length; i++) {
            r[i] *= steps;
        }
        return r;
    }

    private static boolean allZero(double[] r) {
        for (double v : r) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Balle et al. 2020 conversion, minimised over the orders, clamped at 0. */
    static double toEpsilon(double[] orders, double[] rdp, double delta) {
        if (allZero(rdp)) {
            return 0;
        }
        double logDelta = Math.log(delta);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double e = rdp[i] + Math.log1p(-1 / a) - (logDelta + Math.log(a)) / (a - 1);
            if (!Double.isNaN(e)) {
                best = Math.min(best, e);
            }
        }
        return Math.max(0, best);
    }


    private static void checkMechanism(double q, double sigma, long steps) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate q must be in [0, 1], got " + q);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise multiplier sigma must be finite and >= 0, got " + sigma);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
    }

    private static void checkDelta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }
}
