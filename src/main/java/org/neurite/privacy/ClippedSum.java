package org.neurite.privacy;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The clipping of DP-SGD: each example's gradient {@code g_i} (all parameters as one vector) is
 * scaled to L2 norm at most {@code C}, {@code g_i min(1, C / ||g_i||)}, and the clipped gradients
 * are summed. One norm per row and one matrix-vector product, whatever the number of parameters.
 */
public final class ClippedSum {
    private ClippedSum() {
    }

    /**
     * {@code sum_i scale g_i min(1, C / ||scale g_i||)} for the rows {@code g_i} of
     * {@code perExample [n, P]}, as a {@code [P]} vector. {@code scale} turns a row into the
     * example's gradient ({@code n} when the rows are shares of a mean loss).
     */
    public static INDArray of(INDArray perExample, double scale, double clip) {
        long n = perExample.size(0);
        INDArray norms = perExample.norm2(1).muli(scale);                  // ||g_i||
        INDArray factors = Transforms.min(norms.rdivi(clip), 1.0, false);   // C / 0 = inf gives 1
        return factors.muli(scale).reshape(1, n).mmul(perExample).reshape(perExample.size(1));
    }
}
