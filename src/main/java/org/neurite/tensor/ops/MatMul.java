package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Matrix product. Shapes: {@code [n,k] x [k,m]}, batched {@code [B,n,k] x [B,k,m]}, and
 * {@code [B,n,k] x [k,m]} (one right operand shared by the batch). Backward:
 * {@code dA = g B^T}, {@code dB = A^T g}, with transposes as BLAS flags rather than copies.
 */
public final class MatMul extends Op {
    private INDArray a;
    private INDArray b;

    @Override
    public INDArray forward(INDArray... in) {
        a = in[0];
        b = in[1];
        check();
        if (a.rank() == 2) {
            return Native.gemm(a, b, false, false);
        }
        if (b.rank() == 2) {
            return Native.gemm(flat(a), b, false, false).reshape(a.size(0), a.size(1), b.size(1));
        }
        return Native.call("matmul", a, b)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray da = null;
        INDArray db = null;
        if (a.rank() == 2) {
            da = needs[0] ? Native.gemm(g, b, false, true) : null;
            db = needs[1] ? Native.gemm(a, g, true, false) : null;
        } else if (b.rank() == 2) {
            INDArray g2 = flat(g);
            da = needs[0] ? Native.gemm(g2, b, false, true).reshape(a.shape()) : null;
            db = needs[1] ? Native.gemm(flat(a), g2, true, false) : null;
        } else {
            da = needs[0] ? Native.call("matmul", new INDArray[]{g, b}, new long[]{0, 1}, null, null)[0] : null;
            db = needs[1] ? Native.call("matmul", new INDArray[]{a, g}, new long[]{1, 0}, null, null)[0] : null;
        }
        return new INDArray[]{da, db};
    }

    private static INDArray flat(INDArray x) {
        return x.reshape('c', x.size(0) * x.size(1), x.size(2));
    }

    private void check() {
        boolean ok = (a.rank() == 2 || a.rank() == 3) && (b.rank() == 2 || b.rank() == 3)
                && !(a.rank() == 2 && b.rank() == 3)
                && a.size(a.rank() - 1) == b.size(b.rank() - 2)
                && (a.rank() != 3 || b.rank() != 3 || a.size(0) == b.size(0));
        if (!ok) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Arrays.toString(a.shape())
                    + " by " + Arrays.toString(b.shape()));
        }
    }
}
