package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Scaled batched matrix product with transpose flags, as attention needs it:
 * {@code C = alpha op(A) op(B)} for every index of the leading (batch) axes, where {@code op(X)}
 * is {@code X} or its transpose on the last two axes. A is {@code [..., n, k]} ({@code [..., k, n]}
 * when {@code transA}), B is {@code [..., k, m]} ({@code [..., m, k]} when {@code transB}), both of
 * the same rank (3 or more) with equal leading axes; C is {@code [..., n, m]}. One call of the
 * {@code matmul} kernel, the transposes as its flags and the scale as its alpha, never copies.
 *
 * <p>Backward, with {@code g = dL/dC}:
 * <pre>
 *   C = a A B      dA = a g B^T      dB = a A^T g
 *   C = a A B^T    dA = a g B        dB = a g^T A
 *   C = a A^T B    dA = a B g^T      dB = a A g
 *   C = a A^T B^T  dA = a B^T g^T    dB = a g^T A^T
 * </pre>
 */
public final class BatchedMatMul extends Op {
    private final boolean transA;
    private final boolean transB;
    private final double alpha;
    private INDArray a;
    private INDArray b;

    public BatchedMatMul(boolean transA, boolean transB, double alpha) {
        this.transA = transA;
        this.transB = transB;
        this.alpha = alpha;
    }

    @Override
    public INDArray forward(INDArray... in) {
        a = in[0];
        b = in[1];
        check();
        return product(a, transA, b, transB);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray da = null;
        INDArray db = null;
        if (needs[0]) {
            da = transA ? product(b, transB, g, true)    // (g op(B)^T)^T = op(B) g^T
                    : product(g, false, b, !transB);     // g op(B)^T
        }
        if (needs[1]) {
            db = transB ? product(g, true, a, transA)    // (op(A)^T g)^T = g^T op(A)
                    : product(a, !transA, g, false);     // op(A)^T g
        }
        return new INDArray[]{da, db};
    }

    private INDArray product(INDArray x, boolean tx, INDArray y, boolean ty) {
        return Native.call("matmul", new INDArray[]{x, y}, new long[]{tx ? 1 : 0, ty ? 1 : 0},
                new double[]{alpha, 0.0}, null)[0];
    }

    private void check() {
        int r = a.rank();
        boolean ok = r >= 3 && b.rank() == r
                && Arrays.equals(Arrays.copyOf(a.shape(), r - 2), Arrays.copyOf(b.shape(), r - 2))
                && a.size(transA ? r - 2 : r - 1) == b.size(transB ? r - 1 : r - 2);
        if (!ok) {
            throw new IllegalArgumentException("batched matmul: cannot multiply " + Arrays.toString(a.shape())
                    + (transA ? "^T" : "") + " by " + Arrays.toString(b.shape()) + (transB ? "^T" : "")
                    + " (same rank >= 3, equal leading axes, matching inner sizes)");
        }
    }
}
