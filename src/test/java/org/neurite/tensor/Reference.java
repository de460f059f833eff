package org.neurite.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution and pooling written from their definitions with plain loops (DOUBLE, channels-last),
 * with TensorFlow's SAME rule: total padding {@code max((out-1)*s + extent - in, 0)}, the extra
 * row/column at the bottom/right. Independent of libnd4j, for checking forward values.
 */
final class Reference {
    private Reference() {
    }

    /** x [N,H,W,C], kernel [kH,kW,C,O], bias [O] or null. */
    static INDArray conv2d(INDArray x, INDArray kernel, INDArray bias, int[] s, Padding padding, int[] d) {
        int n = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        int kh = (int) kernel.size(0), kw = (int) kernel.size(1), o = (int) kernel.size(3);
        int[] oh = out(h, kh, s[0], d[0], padding);
        int[] ow = out(w, kw, s[1], d[1], padding);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, oh[0], ow[0], o);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh[0]; i++) {
                for (int j = 0; j < ow[0]; j++) {
                    for (int f = 0; f < o; f++) {
                        double sum = bias == null ? 0 : bias.getDouble(f);
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                int r = i * s[0] - oh[1] + p * d[0];
                                int t = j * s[1] - ow[1] + q * d[1];
                                if (r < 0 || r >= h || t < 0 || t >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    sum += x.getDouble(b, r, t, ch) * kernel.getDouble(p, q, ch, f);
                                }
                            }
                        }
                        y.putScalar(new int[]{b, i, j, f}, sum);
                    }
                }
            }
        }
        return y;
    }

    /** Max (or average over the non-padded elements) pooling of x [N,H,W,C]. */
    static INDArray pool2d(INDArray x, int[] size, int[] s, Padding padding, boolean max) {
        int n = (int) x.size(0), h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        int[] oh = out(h, size[0], s[0], 1, padding);
        int[] ow = out(w, size[1], s[1], 1, padding);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, oh[0], ow[0], c);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh[0]; i++) {
                for (int j = 0; j < ow[0]; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int p = 0; p < size[0]; p++) {
                            for (int q = 0; q < size[1]; q++) {
                                int r = i * s[0] - oh[1] + p;
                                int t = j * s[1] - ow[1] + q;
                                if (r < 0 || r >= h || t < 0 || t >= w) {
                                    continue;
                                }
                                double v = x.getDouble(b, r, t, ch);
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y.putScalar(new int[]{b, i, j, ch}, max ? acc : acc / count);
                    }
                }
            }
        }
        return y;
    }

    /** {output size, padding before} along one axis. */
    private static int[] out(int in, int k, int s, int d, Padding padding) {
        int extent = (k - 1) * d + 1;
        if (padding == Padding.VALID) {
            return new int[]{(in - extent) / s + 1, 0};
        }
        int size = (in + s - 1) / s;
        int total = Math.max((size - 1) * s + extent - in, 0);
        return new int[]{size, total / 2};
    }
}
