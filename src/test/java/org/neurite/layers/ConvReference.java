package org.neurite.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plain-loop channels-last convolution with TensorFlow's SAME padding, the reference for the conv layers. */
final class ConvReference {
    private ConvReference() {
    }

    /** {@code x [N,H,W,C]}, {@code kernel [kH,kW,C,F]}, {@code bias [F]} or null. */
    static INDArray conv2d(INDArray x, INDArray kernel, INDArray bias, int[] strides, boolean same, int[] dilation) {
        long n = x.size(0);
        long h = x.size(1);
        long w = x.size(2);
        long c = x.size(3);
        long kh = kernel.size(0);
        long kw = kernel.size(1);
        long f = kernel.size(3);
        long eh = (kh - 1) * dilation[0] + 1;
        long ew = (kw - 1) * dilation[1] + 1;
        long oh = same ? (h + strides[0] - 1) / strides[0] : (h - eh) / strides[0] + 1;
        long ow = same ? (w + strides[1] - 1) / strides[1] : (w - ew) / strides[1] + 1;
        long top = same ? Math.max((oh - 1) * strides[0] + eh - h, 0) / 2 : 0;
        long left = same ? Math.max((ow - 1) * strides[1] + ew - w, 0) / 2 : 0;
        INDArray out = Nd4j.zeros(DataType.DOUBLE, n, oh, ow, f);
        for (long b = 0; b < n; b++) {
            for (long i = 0; i < oh; i++) {
                for (long j = 0; j < ow; j++) {
                    for (long o = 0; o < f; o++) {
                        double s = bias == null ? 0 : bias.getDouble(o);
                        for (long p = 0; p < kh; p++) {
                            for (long q = 0; q < kw; q++) {
                                long y = i * strides[0] + p * dilation[0] - top;
                                long z = j * strides[1] + q * dilation[1] - left;
                                if (y < 0 || y >= h || z < 0 || z >= w) {
                                    continue;
                                }
                                for (long ch = 0; ch < c; ch++) {
                                    s += x.getDouble(b, y, z, ch) * kernel.getDouble(p, q, ch, o);
                                }
                            }
                        }
                        out.putScalar(new long[]{b, i, j, o}, s);
                    }
                }
            }
        }
        return out;
    }

    /** {@code x [N,W,C]}, {@code kernel [k,C,F]}: the 2-D reference on a height of one. */
    static INDArray conv1d(INDArray x, INDArray kernel, INDArray bias, int stride, boolean same, int dilation) {
        INDArray x4 = x.reshape(x.size(0), 1, x.size(1), x.size(2));
        INDArray k4 = kernel.reshape(1, kernel.size(0), kernel.size(1), kernel.size(2));
        INDArray y = conv2d(x4, k4, bias, new int[]{1, stride}, same, new int[]{1, dilation});
        return y.reshape(y.size(0), y.size(2), y.size(3));
    }
}
