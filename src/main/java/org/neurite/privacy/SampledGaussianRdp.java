package org.neurite.privacy;

/**
 * The special-function math behind {@link RdpAccountant}: {@code log A_alpha} of the sampled
 * Gaussian mechanism (the binomial expansion for integer orders, the series of Mironov, Talwar,
 * Zhang 2019 §3.3 for fractional ones), with the log-erfc and log-sum-exp helpers they need.
 * See {@link RdpAccountant} for the formulas.
 */
final class SampledGaussianRdp {

    private static final double LOG_2 = Math.log(2);
    private static final double LOG_PI = Math.log(Math.PI);
    private static final double SQRT_2 = Math.sqrt(2);
    /** The fractional series stops when a term is below e^-STOP of the running sum. */
    private static final double STOP = 32;
    private static final int MAX_TERMS = 200_000;

    private SampledGaussianRdp() {}

    /** log A_alpha for integer alpha >= 2 by the binomial expansion, 0 < q < 1, sigma > 0. */
    static double integerLogA(double q, double sigma, int alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoVar = 2 * sigma * sigma;
        double[] t = new double[alpha + 1];
        double logBinom = 0; // log C(alpha, k)
        for (int k = 0; k <= alpha; k++) {
            if (k > 0) {
                logBinom += Math.log(alpha - k + 1) - Math.log(k);
            }
            t[k] = logBinom + k * logQ + (alpha - k) * log1mQ + ((double) k * k - k) / twoVar;
        }
        return logSumExp(t);
    }

    /** log A_alpha for fractional alpha > 1 by the series of Mironov et al. §3.3, 0 < q < 1, sigma > 0. */
    static double fractionalLogA(double q, double sigma, double alpha) {
        double logQ = Math.log(q);
        double log1mQ = Math.log1p(-q);
        double twoVar = 2 * sigma * sigma;
        double z0 = sigma * sigma * (Math.log(1 / q - 1)) + 0.5;
        double scale = SQRT_2 * sigma;
        double pos = Double.NEGATIVE_INFINITY; // log of the sum of the positive terms
        double neg = Double.NEGATIVE_INFINITY; // log of the sum of |negative terms|
        double logBinom = 0; // log |C(alpha, i)|
        int sign = 1;
        for (int i = 0; i < MAX_TERMS; i++) {
            if (i > 0) {
                double f = alpha - (i - 1);
                logBinom += Math.log(Math.abs(f)) - Math.log(i);
                if (f < 0) {
                    sign = -sign;
                }
            }
            double j = alpha - i;
            double t1 = logBinom + i * logQ + j * log1mQ + ((double) i * i - i) / twoVar
                    + logErfc((i - z0) / scale) - LOG_2;
            double t2 = logBinom + j * logQ + i * log1mQ + (j * j - j) / twoVar
                    + logErfc((z0 - j) / scale) - LOG_2;
            double t = logAddExp(t1, t2);
            if (sign > 0) {
                pos = logAddExp(pos, t);
            } else {
                neg = logAddExp(neg, t);
            }
            if (i > alpha && t < pos - STOP) {
                break;
            }
        }
        if (neg == Double.NEGATIVE_INFINITY) {
            return pos;
        }
        return pos + Math.log1p(-Math.exp(neg - pos));
    }

    /** log(erfc(x)), accurate for all x (also far into the tail, where erfc underflows). */
    static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return Math.log(2 - Math.exp(logErfc(-x)));
        }
        if (x < 2.5) {
            return Math.log1p(-erfSeries(x));
        }
        // erfc(x) = exp(-x^2) / sqrt(pi) * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))),
        // the continued fraction evaluated by the modified Lentz method.
        double tiny = 1e-300;
        double f = x;
        double c = f;
        double d = 0;
        for (int n = 1; n < 10_000; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return -x * x - 0.5 * LOG_PI - Math.log(f);
    }

    /** erf(x) for 0 <= x < 2.5: (2/sqrt(pi)) exp(-x^2) sum_n x^(2n+1) 2^n / (1*3*...*(2n+1)), all terms positive. */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
    }

    private static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    private static double logSumExp(double[] t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            m = Math.max(m, v);
        }
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (double v : t) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }
}
