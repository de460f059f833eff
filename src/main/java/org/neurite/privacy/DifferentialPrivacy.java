package org.neurite.privacy;

/**
 * The settings of differentially private training (DP-SGD, Abadi et al. 2016), passed to
 * {@code Fit.privacy}: each step samples every example with probability {@code q = batchSize / n}
 * (Poisson sampling), clips each example's gradient to L2 norm {@link #l2NormClip} ({@code C}),
 * sums them, adds Gaussian noise of standard deviation {@code sigma * C} and divides by the
 * expected batch size {@code q n}; {@link RdpAccountant} counts the privacy spent.
 *
 * <pre>{@code
 * DifferentialPrivacy.noiseMultiplier(1.1).l2NormClip(1.0).delta(1e-5);
 * DifferentialPrivacy.targetEpsilon(3.0).l2NormClip(1.0).delta(1e-5);   // sigma solved for the fit
 * }</pre>
 *
 * <p>Defaults: clip {@code C = 1.0}; {@code delta = 0.1 / n} (ten times below {@code 1/n}, the
 * probability that would allow releasing one whole example); noise from ND4J's seeded generator
 * (reproducible; {@link #secureRandom(boolean)} for a cryptographically secure one); no epsilon
 * budget with {@code noiseMultiplier} ({@link #maxEpsilon}), the target with {@code targetEpsilon}.
 */
public final class DifferentialPrivacy {
    private final double noiseMultiplier;   // NaN: solved from the target
    private final double targetEpsilon;     // NaN: noise given
    private double l2NormClip = 1.0;
    private double delta = Double.NaN;      // NaN: 0.1 / n
    private boolean secureRandom;
    private double maxEpsilon = Double.NaN; // NaN: the target, or no budget

    private DifferentialPrivacy(double noiseMultiplier, double targetEpsilon) {
        this.noiseMultiplier = noiseMultiplier;
        this.targetEpsilon = targetEpsilon;
    }

    /** Noise of standard deviation {@code sigma * C} added to each step's sum of clipped gradients. */
    public static DifferentialPrivacy noiseMultiplier(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("DifferentialPrivacy: the noise multiplier must be finite and "
                    + "at least 0, got " + sigma);
        }
        return new DifferentialPrivacy(sigma, Double.NaN);
    }

    /**
     * The smallest noise that spends at most {@code epsilon} over the fit's planned epochs
     * ({@link RdpAccountant#noiseMultiplier}); training stops before an epoch that would exceed it.
     */
    public static DifferentialPrivacy targetEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("DifferentialPrivacy: the target epsilon must be finite and positive, "
                    + "got " + epsilon);
        }
        return new DifferentialPrivacy(Double.NaN, epsilon);
    }

    /** The L2 norm {@code C} each example's gradient (all parameters together) is clipped to. */
    public DifferentialPrivacy l2NormClip(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("DifferentialPrivacy: the L2 norm clip must be finite and positive, "
                    + "got " + c);
        }
        this.l2NormClip = c;
        return this;
    }

    /** The {@code delta} of the {@code (epsilon, delta)} guarantee; keep it well below {@code 1/n}. */
    public DifferentialPrivacy delta(double d) {
        if (!(d > 0 && d < 1)) {
            throw new IllegalArgumentException("DifferentialPrivacy: delta must be in (0, 1), got " + d);
        }
        this.delta = d;
        return this;
    }

    /**
     * Noise and sampling from {@link java.security.SecureRandom} instead of ND4J's seeded generator:
     * not reproducible, slower (each noise value is drawn in Java), and what a deployment should use.
     */
    public DifferentialPrivacy secureRandom(boolean value) {
        this.secureRandom = value;
        return this;
    }

    /** A privacy budget: training stops before an epoch after which epsilon would exceed it. */
    public DifferentialPrivacy maxEpsilon(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("DifferentialPrivacy: the epsilon budget must be positive, got "
                    + epsilon);
        }
        this.maxEpsilon = epsilon;
        return this;
    }

    public double l2NormClip() {
        return l2NormClip;
    }

    public boolean isSecureRandom() {
        return secureRandom;
    }

    /** The delta for {@code examples} training examples: as set, or {@code 0.1 / examples}. */
    public double deltaFor(long examples) {
        return Double.isNaN(delta) ? 0.1 / examples : delta;
    }

    /** The noise multiplier: as given, or solved for the target over {@code steps} steps at rate {@code q}. */
    public double noiseMultiplierFor(double q, long steps, double delta) {
        return Double.isNaN(noiseMultiplier) ? RdpAccountant.noiseMultiplier(targetEpsilon, delta, q, steps)
                : noiseMultiplier;
    }

    /** The epsilon training must not exceed: the budget, else the target, else infinity. */
    public double budget() {
        if (!Double.isNaN(maxEpsilon)) {
            return maxEpsilon;
        }
        return Double.isNaN(targetEpsilon) ? Double.POSITIVE_INFINITY : targetEpsilon;
    }

    @Override
    public String toString() {
        return "DifferentialPrivacy[" + (Double.isNaN(noiseMultiplier) ? "targetEpsilon=" + targetEpsilon
                : "noiseMultiplier=" + noiseMultiplier) + ", l2NormClip=" + l2NormClip
                + (Double.isNaN(delta) ? "" : ", delta=" + delta) + (secureRandom ? ", secureRandom" : "") + "]";
    }
}
