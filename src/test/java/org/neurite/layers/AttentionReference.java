package org.neurite.layers;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's attention, layer norm and dense equations in plain Java loops over doubles, written
 * independently of the layers' code, for comparing their outputs. Weights come as
 * {@link Layer#getWeights()} lists them.
 */
final class AttentionReference {
    private AttentionReference() {
    }

    /**
     * Keras MultiHeadAttention on {@code query [N][Tq][dq]}, {@code value [N][Tk][dv]},
     * {@code key [N][Tk][dk]}, with weights {q kernel [dq,H,k], q bias [H,k], k kernel, k bias,
     * v kernel [dv,H,vd], v bias, o kernel [H,vd,dOut], o bias [dOut]}; {@code keyMask [N][Tk]}
     * (null: all visible) and the causal mask hide keys. A query that sees no key attends to all.
     */
    static double[][][] attention(double[][][] query, double[][][] value, double[][][] key, List<INDArray> w,
                                  double[][] keyMask, boolean causal) {
        INDArray qk = w.get(0);
        INDArray kk = w.get(2);
        INDArray vk = w.get(4);
        INDArray ok = w.get(6);
        int heads = (int) qk.size(1);
        int keyDim = (int) qk.size(2);
        int valueDim = (int) vk.size(2);
        int out = (int) ok.size(2);
        int n = query.length;
        int tq = query[0].length;
        int tk = key[0].length;
        double[][][] result = new double[n][tq][out];
        for (int b = 0; b < n; b++) {
            double[][][] q = project(query[b], qk, w.get(1));
            double[][][] k = project(key[b], kk, w.get(3));
            double[][][] v = project(value[b], vk, w.get(5));
            double[][][] context = new double[tq][heads][valueDim];
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tq; t++) {
                    double[] p = new double[tk];
                    boolean any = false;
                    for (int u = 0; u < tk; u++) {
                        any |= visible(keyMask, causal, b, t, u);
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < tk; u++) {
                        double s = 0;
                        for (int j = 0; j < keyDim; j++) {
                            s += q[t][h][j] * k[u][h][j];
                        }
                        p[u] = s / Math.sqrt(keyDim);
                        if (!any || visible(keyMask, causal, b, t, u)) {
                            max = Math.max(max, p[u]);
                        }
                    }
                    double sum = 0;
                    for (int u = 0; u < tk; u++) {
                        p[u] = any && !visible(keyMask, causal, b, t, u) ? 0 : Math.exp(p[u] - max);
                        sum += p[u];
                    }
                    for (int u = 0; u < tk; u++) {
                        for (int m = 0; m < valueDim; m++) {
                            context[t][h][m] += p[u] / sum * v[u][h][m];
                        }
                    }
                }
            }
            for (int t = 0; t < tq; t++) {
                for (int o = 0; o < out; o++) {
                    double s = w.get(7).getDouble(o);
                    for (int h = 0; h < heads; h++) {
                        for (int m = 0; m < valueDim; m++) {
                            s += context[t][h][m] * ok.getDouble(h, m, o);
                        }
                    }
                    result[b][t][o] = s;
                }
            }
        }
        return result;
    }

    private static boolean visible(double[][] keyMask, boolean causal, int b, int t, int u) {
        return (keyMask == null || keyMask[b][u] != 0) && (!causal || u <= t);
    }

    /** {@code x [T][d]} times kernel {@code [d, H, k]} plus bias {@code [H, k]}: {@code [T][H][k]}. */
    private static double[][][] project(double[][] x, INDArray kernel, INDArray bias) {
        int heads = (int) kernel.size(1);
        int size = (int) kernel.size(2);
        double[][][] y = new double[x.length][heads][size];
        for (int t = 0; t < x.length; t++) {
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < size; j++) {
                    double s = bias.getDouble(h, j);
                    for (int i = 0; i < x[t].length; i++) {
                        s += x[t][i] * kernel.getDouble(i, h, j);
                    }
                    y[t][h][j] = s;
                }
            }
        }
        return y;
    }

    /** Keras LayerNormalization over the last axis (biased variance). */
    static double[][][] layerNorm(double[][][] x, INDArray gamma, INDArray beta, double epsilon) {
        double[][][] y = new double[x.length][x[0].length][];
        for (int b = 0; b < x.length; b++) {
            for (int t = 0; t < x[b].length; t++) {
                double[] row = x[b][t];
                double mean = 0;
                for (double v : row) {
                    mean += v / row.length;
                }
                double var = 0;
                for (double v : row) {
                    var += (v - mean) * (v - mean) / row.length;
                }
                y[b][t] = new double[row.length];
                for (int i = 0; i < row.length; i++) {
                    y[b][t][i] = (row[i] - mean) / Math.sqrt(var + epsilon) * gamma.getDouble(i) + beta.getDouble(i);
                }
            }
        }
        return y;
    }

    /** {@code x W + b} on the last axis, then relu when asked. */
    static double[][][] dense(double[][][] x, INDArray kernel, INDArray bias, boolean relu) {
        int units = (int) kernel.size(1);
        double[][][] y = new double[x.length][x[0].length][units];
        for (int b = 0; b < x.length; b++) {
            for (int t = 0; t < x[b].length; t++) {
                for (int o = 0; o < units; o++) {
                    double s = bias.getDouble(o);
                    for (int i = 0; i < x[b][t].length; i++) {
                        s += x[b][t][i] * kernel.getDouble(i, o);
                    }
                    y[b][t][o] = relu ? Math.max(0, s) : s;
                }
            }
        }
        return y;
    }

    static double[][][] add(double[][][] a, double[][][] b) {
        double[][][] y = new double[a.length][a[0].length][a[0][0].length];
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < a[i].length; t++) {
                for (int j = 0; j < a[i][t].length; j++) {
                    y[i][t][j] = a[i][t][j] + b[i][t][j];
                }
            }
        }
        return y;
    }

    /** The largest absolute difference between a reference and a layer's output. */
    static double maxDiff(double[][][] expected, INDArray actual) {
        double worst = 0;
        for (int b = 0; b < expected.length; b++) {
            for (int t = 0; t < expected[b].length; t++) {
                for (int j = 0; j < expected[b][t].length; j++) {
                    worst = Math.max(worst, Math.abs(expected[b][t][j] - actual.getDouble(b, t, j)));
                }
            }
        }
        return worst;
    }

    static double[][][] array(INDArray x) {
        double[][][] y = new double[(int) x.size(0)][(int) x.size(1)][(int) x.size(2)];
        for (int b = 0; b < y.length; b++) {
            for (int t = 0; t < y[b].length; t++) {
                for (int j = 0; j < y[b][t].length; j++) {
                    y[b][t][j] = x.getDouble(b, t, j);
                }
            }
        }
        return y;
    }
}
