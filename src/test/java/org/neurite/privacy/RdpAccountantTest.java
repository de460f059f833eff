package org.neurite.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RdpAccountantTest {

    private static final double Q = 256.0 / 60_000;
    private static final long STEPS = 14_063;   // 60 epochs of 60,000 examples in batches of 256
    private static final double DELTA = 1e-5;

    @Test
    void anchorMnistSixtyEpochs() {
        double eps = RdpAccountant.epsilon(Q, 1.1, STEPS, DELTA);
        double classic = RdpAccountant.classicEpsilon(Q, 1.1, STEPS, DELTA);
        System.out.printf("anchor q=256/60000 sigma=1.1 steps=14063 delta=1e-5: epsilon %.4f (Balle), %.4f (classic)%n",
                eps, classic);
        assertEquals(2.60, eps, 0.01 * 2.60);
        assertEquals(3.01, classic, 0.01 * 3.01);
        assertTrue(eps < classic);
    }

    @Test
    void instanceAccumulatesLikeTheStaticApi() {
        RdpAccountant accountant = new RdpAccountant();
        assertEquals(0, accountant.epsilon(DELTA));
        for (int epoch = 0; epoch < 60; epoch++) {
            accountant.step(Q, 1.1, epoch < 59 ? 234 : STEPS - 59 * 234);
        }
        assertEquals(RdpAccountant.epsilon(Q, 1.1, STEPS, DELTA), accountant.epsilon(DELTA), 1e-9);
        assertEquals(accountant.orders().length, accountant.rdp().length);
        double[] orders = accountant.orders();
        assertEquals(1.1, orders[0], 1e-12);
        assertTrue(contains(orders, 10.9) && contains(orders, 12) && contains(orders, 63) && contains(orders, 2.5));
    }

    private static boolean contains(double[] a, double v) {
        for (double x : a) {
            if (Math.abs(x - v) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    @Test
    void fullBatchIsTheGaussianMechanism() {
        for (double sigma : new double[] {0.5, 1.0, 2.3}) {
            for (double alpha : new double[] {1.5, 2, 3, 7.3, 32}) {
                assertEquals(alpha / (2 * sigma * sigma), RdpAccountant.rdp(1, sigma, alpha), 0.0);
            }
        }
        // epsilon for q = 1: steps * alpha / (2 sigma^2) through the conversion, minimised over the orders
        double sigma = 5;
        long steps = 10;
        RdpAccountant accountant = new RdpAccountant().step(1, sigma, steps);
        double best = Double.POSITIVE_INFINITY;
        for (double a : accountant.orders()) {
            double rdp = steps * a / (2 * sigma * sigma);
            best = Math.min(best, rdp + Math.log((a - 1) / a) - (Math.log(DELTA) + Math.log(a)) / (a - 1));
        }
        assertEquals(best, RdpAccountant.epsilon(1, sigma, steps, DELTA), 1e-12);
        assertEquals(best, accountant.epsilon(DELTA), 1e-12);
    }

    @Test
    void edgeCases() {
        assertEquals(0, RdpAccountant.rdp(0, 1.0, 3));
        assertEquals(0, RdpAccountant.epsilon(0, 1.0, 1000, DELTA));
        assertEquals(0, RdpAccountant.epsilon(Q, 1.0, 0, DELTA));
        assertEquals(Double.POSITIVE_INFINITY, RdpAccountant.rdp(Q, 0, 2.5));
        assertEquals(Double.POSITIVE_INFINITY, RdpAccountant.epsilon(Q, 0, 10, DELTA));
        assertEquals(0, RdpAccountant.noiseMultiplier(1.0, DELTA, 0, 100));
    }

    @Test
    void invalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(-0.1, 1, 10, DELTA));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(1.1, 1, 10, DELTA));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(Double.NaN, 1, 10, DELTA));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(Q, -1, 10, DELTA));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(Q, 1, -1, DELTA));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(Q, 1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(Q, 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> RdpAccountant.rdp(Q, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().step(Q, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RdpAccountant().epsilon(1.5));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> RdpAccountant.noiseMultiplier(0, DELTA, Q, STEPS));
        assertTrue(zero.getMessage().contains("targetEpsilon"));
        IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class,
                () -> RdpAccountant.noiseMultiplier(1e-3, DELTA, Q, STEPS));
        assertTrue(unreachable.getMessage().contains("unreachable"), unreachable.getMessage());
    }

    @Test
    void integerAndFractionalOrdersAgree() {
        double[][] cases = {{Q, 1.1}, {0.01, 1.0}, {0.3, 0.7}, {0.05, 4.0}};
        for (double[] c : cases) {
            double q = c[0];
            double sigma = c[1];
            for (int alpha : new int[] {2, 3, 5, 12}) {
                double exact = RdpAccountant.rdp(q, sigma, alpha);
                // the fractional series evaluated at the integer order itself
                double series = SampledGaussianRdp.fractionalLogA(q, sigma, alpha) / (alpha - 1);
                assertEquals(exact, series, 1e-9 * Math.max(1, exact), "q=" + q + " sigma=" + sigma + " alpha=" + alpha);
                double below = RdpAccountant.rdp(q, sigma, alpha - 0.001);
                double above = RdpAccountant.rdp(q, sigma, alpha + 0.001);
                assertTrue(below <= exact && exact <= above, "monotone in alpha around " + alpha);
                assertEquals(exact, below, 0.01 * exact);
                assertEquals(exact, above, 0.01 * exact);
            }
        }
    }

    @Test
    void monotoneInSamplingRateNoiseAndSteps() {
        double previous = 0;
        for (double q : new double[] {0.001, 0.004, 0.01, 0.05, 0.2, 1}) {
            double eps = RdpAccountant.epsilon(q, 1.1, 1000, DELTA);
            assertTrue(eps > previous, "q " + q);
            previous = eps;
        }
        previous = Double.POSITIVE_INFINITY;
        for (double sigma : new double[] {0.5, 0.8, 1.1, 2, 4, 8}) {
            double eps = RdpAccountant.epsilon(Q, sigma, STEPS, DELTA);
            assertTrue(eps < previous, "sigma " + sigma);
            previous = eps;
        }
        previous = 0;
        for (long steps : new long[] {1, 10, 100, 1000, 10_000, 100_000}) {
            double eps = RdpAccountant.epsilon(Q, 1.1, steps, DELTA);
            assertTrue(eps >= previous, "steps " + steps);
            previous = eps;
        }
        assertTrue(previous > RdpAccountant.epsilon(Q, 1.1, 1, DELTA));
        for (double alpha : new double[] {1.5, 2, 4.4, 20}) {
            assertTrue(RdpAccountant.rdp(0.01, 1.0, alpha) < RdpAccountant.rdp(0.02, 1.0, alpha));
            assertTrue(RdpAccountant.rdp(0.01, 1.0, alpha) > RdpAccountant.rdp(0.01, 1.2, alpha));
        }
    }

    @Test
    void noiseMultiplierRoundTrips() {
        for (double target : new double[] {0.5, 1, 2.6, 3, 8}) {
            double sigma = RdpAccountant.noiseMultiplier(target, DELTA, Q, STEPS);
            double eps = RdpAccountant.epsilon(Q, sigma, STEPS, DELTA);
            assertEquals(target, eps, 0.01 * target, "target " + target + " sigma " + sigma);
            assertTrue(eps <= target * (1 + 1e-9));
        }
        double sigma = RdpAccountant.noiseMultiplier(2.6, DELTA, Q, STEPS);
        System.out.printf("noiseMultiplier(2.6, 1e-5, 256/60000, 14063) = %.4f%n", sigma);
        assertEquals(1.1, sigma, 0.02);
    }

    @Test
    void logErfcMatchesKnownValues() {
        assertEquals(Math.log(0.157299207050285131), SampledGaussianRdp.logErfc(1), 1e-12);
        assertEquals(Math.log(1.842700792949714869), SampledGaussianRdp.logErfc(-1), 1e-12);
        assertEquals(Math.log(2.209049699858544137e-5), SampledGaussianRdp.logErfc(3), 1e-11);
        assertEquals(Math.log(2.088487583762544757e-45), SampledGaussianRdp.logErfc(10), 1e-11);
        assertEquals(Math.log(4.069520174449589842e-4), SampledGaussianRdp.logErfc(2.5), 1e-11);
        assertEquals(0, SampledGaussianRdp.logErfc(0), 1e-15);
        // far tail: erfc(x) ~ exp(-x^2) / (x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4))
        double x = 100;
        assertEquals(-x * x - Math.log(x * Math.sqrt(Math.PI)) + Math.log1p(-1 / (2 * x * x) + 3 / (4 * x * x * x * x)),
                SampledGaussianRdp.logErfc(x), 1e-11);
        assertEquals(Math.log(2), SampledGaussianRdp.logErfc(-40), 1e-15);
    }

    /** RDP by direct quadrature of E_{z ~ mu0}[(mu(z)/mu0(z))^alpha], independent of the series. */
    private static double quadratureRdp(double q, double sigma, double alpha) {
        double lo = -15 * sigma - 1;
        double hi = alpha + 15 * sigma + 1;
        int n = 400_000; // even
        double h = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double z = lo + i * h;
            double mu0 = Math.exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
            double ratio = (1 - q) + q * Math.exp((2 * z - 1) / (2 * sigma * sigma));
            double f = mu0 * Math.pow(ratio, alpha);
            sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return Math.log(sum * h / 3) / (alpha - 1);
    }

    @Test
    void agreesWithDirectNumericalIntegration() {
        double[][] cases = {
            {0.01, 1.0, 2}, {0.01, 1.0, 3}, {Q, 1.1, 2}, {Q, 1.1, 3}, {0.05, 0.8, 2}, {0.05, 0.8, 3},
            {0.01, 1.0, 2.5}, {0.1, 1.5, 3.7}, {0.02, 0.9, 1.3}, {0.2, 2.0, 6.6},
        };
        double worst = 0;
        for (double[] c : cases) {
            double expected = quadratureRdp(c[0], c[1], c[2]);
            double actual = RdpAccountant.rdp(c[0], c[1], c[2]);
            worst = Math.max(worst, Math.abs(actual - expected) / expected);
            assertEquals(expected, actual, 0.01 * expected,
                    "q=" + c[0] + " sigma=" + c[1] + " alpha=" + c[2]);
        }
        System.out.printf("RDP vs quadrature: largest relative difference %.2e%n", worst);
    }
}
