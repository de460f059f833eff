package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/** Per-example weights inside the fused loss ops: reshaped to broadcast over an example's elements. */
final class FusedWeights {
    private FusedWeights() {
    }

    /** {@code [N]} weights as {@code [N, 1, ..., 1]} with the rank of {@code like}, or null for none. */
    static INDArray broadcastable(INDArray weights, INDArray like) {
        if (weights == null) {
            return null;
        }
        long[] shape = new long[like.rank()];
        Arrays.fill(shape, 1);
        shape[0] = like.size(0);
        return weights.castTo(like.dataType()).reshape(shape);
    }

    /** {@code grad * weights * scale}, in place on {@code grad}; weights may be null. */
    static INDArray scale(INDArray grad, INDArray weights, double scale) {
        INDArray weighted = weights == null ? grad : Native.call("multiply", grad, weights)[0];
        return scale == 1 ? weighted : weighted.muli(scale);
    }
}
