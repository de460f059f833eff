package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;
import org.neurite.tensor.PerExampleGradient;

/**
 * {@code x W + b} in one kernel: x {@code [n, in]}, W {@code [in, out]}, b {@code [out]} or absent.
 * Backward: {@code dx = g W^T}, {@code dW = x^T g}, {@code db = sum over rows of g}, each computed
 * only when needed (a first layer needs no {@code dx}). Per example {@code i} (its rows of x and
 * g): {@code dW_i = x_i^T g_i}, {@code db_i = sum of g_i}.
 */
public final class Linear extends Op {
    private INDArray x;
    private INDArray w;
    private boolean hasBias;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        w = in[1];
        hasBias = in.length > 2;
        if (x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(0)
                || hasBias && (in[2].length() != w.size(1))) {
            throw new IllegalArgumentException("linear: cannot apply kernel " + Arrays.toString(w.shape())
                    + (hasBias ? " and bias " + Arrays.toString(in[2].shape()) : "") + " to input "
                    + Arrays.toString(x.shape()));
        }
        if (!hasBias) {
            return Native.call("matmul", x, w)[0];
        }
        // an explicit c-order output: the op would otherwise choose its own ordering
        INDArray out = Allocator.empty(x.dataType(), x.size(0), w.size(1));
        return Native.into("xw_plus_b", new INDArray[]{x, w, in[2]}, new INDArray[]{out}, null, null, null)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return backward(g, needs, new INDArray[3]);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs, INDArray[] into) {
        INDArray[] out = new INDArray[hasBias ? 3 : 2];
        // custom ops through Native, so repeated steps reuse their contexts (see ContextCache);
        // dW and db straight into the parameters' gradient buffers when Backward offers them
        out[0] = needs[0] ? Native.call("matmul", new INDArray[]{g, w}, new long[]{0, 1}, null, null)[0] : null;
        out[1] = needs[1] ? run("matmul", new INDArray[]{x, g}, into[1], new long[]{1, 0}) : null;
        if (hasBias && needs[2]) {
            out[2] = run("reduce_sum", new INDArray[]{g}, into.length > 2 ? into[2] : null, new long[]{0});
        }
        return out;
    }

    @Override
    public PerExampleGradient perExample(INDArray g, int input, int examples) {
        return switch (input) {
            case 1 -> PerExampleKernels.products(x, g, examples);
            case 2 -> PerExampleKernels.rowSums(g, examples);
            default -> null;
        };
    }

    private static INDArray run(String name, INDArray[] inputs, INDArray into, long[] iargs) {
        return into == null ? Native.call(name, inputs, iargs, null, null)[0]
                : Native.into(name, inputs, new INDArray[]{into}, iargs, null, null)[0];
    }
}
