package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Native#gemm} through libnd4j's matmul op and through OpenBLAS, against a plain Java product. */
class NativeGemmTest {
    @AfterEach
    void restore() {
        Native.matmulOp(true);
    }

    @Test
    void bothRoutesGiveThePlainProductForEveryTransposition() {
        Nd4j.getRandom().setSeed(3);
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                // a thin, deep product like a convolution's kernel gradient (9 x 600 x 4)
                INDArray a = Nd4j.rand(DataType.FLOAT, ta ? new long[]{600, 9} : new long[]{9, 600});
                INDArray b = Nd4j.rand(DataType.FLOAT, tb ? new long[]{4, 600} : new long[]{600, 4});
                float[] expected = reference(a, b, ta, tb);
                for (boolean op : new boolean[]{true, false}) {
                    Native.matmulOp(op);
                    INDArray c = Native.gemm(a, b, ta, tb);
                    assertArrayEquals(new long[]{9, 4}, c.shape(), "shape, matmul op " + op);
                    assertArrayEquals(expected, c.dup().data().asFloat(), 1e-3f,
                            "transposed a " + ta + ", b " + tb + ", matmul op " + op);
                }
            }
        }
    }

    private static float[] reference(INDArray a, INDArray b, boolean ta, boolean tb) {
        float[][] x = (ta ? a.transpose() : a).toFloatMatrix();
        float[][] y = (tb ? b.transpose() : b).toFloatMatrix();
        float[] out = new float[x.length * y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < y.length; k++) {
                    sum += (double) x[i][k] * y[k][j];
                }
                out[i * y[0].length + j] = (float) sum;
            }
        }
        return out;
    }
}
