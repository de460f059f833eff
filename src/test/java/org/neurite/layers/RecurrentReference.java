package org.neurite.layers;

/**
 * Keras's recurrent cells written out in plain Java double loops, independent of the layers'
 * code: SimpleRNN, LSTM (gates i, f, c, o) and GRU with reset_after (gates z, r, h; bias rows
 * input, recurrent). Masked steps keep the state and repeat the previous output.
 */
final class RecurrentReference {
    enum Cell { RNN, LSTM, GRU }

    private RecurrentReference() {
    }

    /**
     * The output after every step, in processing order: {@code [N][T][u]}. {@code bias} is
     * {@code [k*u]} (RNN, LSTM) or {@code [2][3u]} flattened (GRU), or null.
     */
    static double[][][] run(Cell cell, double[][][] x, double[][] w, double[][] u, double[] bias,
                            double[][] mask, boolean backwards) {
        int n = x.length;
        int steps = x[0].length;
        int units = u.length;
        double[][][] out = new double[n][steps][];
        for (int e = 0; e < n; e++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int k = 0; k < steps; k++) {
                int t = backwards ? steps - 1 - k : k;
                if (mask == null || mask[e][t] != 0) {
                    double[] xp = project(x[e][t], w, bias, 0);
                    double[] hu = project(h, u, cell == Cell.GRU ? bias : null, cell == Cell.GRU ? 3 * units : 0);
                    double[] hNew = new double[units];
                    for (int j = 0; j < units; j++) {
                        switch (cell) {
                            case RNN -> hNew[j] = Math.tanh(xp[j] + hu[j]);
                            case LSTM -> {
                                double i = sigmoid(xp[j] + hu[j]);
                                double f = sigmoid(xp[units + j] + hu[units + j]);
                                double g = Math.tanh(xp[2 * units + j] + hu[2 * units + j]);
                                double o = sigmoid(xp[3 * units + j] + hu[3 * units + j]);
                                c[j] = f * c[j] + i * g;
                                hNew[j] = o * Math.tanh(c[j]);
                            }
                            default -> {
                                double z = sigmoid(xp[j] + hu[j]);
                                double r = sigmoid(xp[units + j] + hu[units + j]);
                                double hh = Math.tanh(xp[2 * units + j] + r * hu[2 * units + j]);
                                hNew[j] = z * h[j] + (1 - z) * hh;
                            }
                        }
                    }
                    h = hNew;
                }
                out[e][k] = h.clone();
            }
        }
        return out;
    }

    /** {@code v m + bias[offset ..]} (bias may be null). */
    private static double[] project(double[] v, double[][] m, double[] bias, int offset) {
        double[] out = new double[m[0].length];
        for (int j = 0; j < out.length; j++) {
            double s = bias == null ? 0 : bias[offset + j];
            for (int i = 0; i < v.length; i++) {
                s += v[i] * m[i][j];
            }
            out[j] = s;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
