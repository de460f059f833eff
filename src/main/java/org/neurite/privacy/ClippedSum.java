package org.neurite.privacy;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.PerExampleGradients;

/**
 * The clipping of DP-SGD: each example's gradient {@code g_i} (all parameters as one vector) is
 * scaled to L2 norm at most {@code C}, {@code g_i min(1, C / ||g_i||)}, and the clipped gradients
 * are summed into the parameters' gradients: one norm per example, then one weighted sum per
 * parameter.
 */
public final class ClippedSum {
    private ClippedSum() {
    }

    /**
     * Adds {@code sum_i g_i min(1, C / ||g_i||)} into every collected parameter's gradient, where
     * {@code g_i = scale} times the collected gradient of example i ({@code scale = n} when the
     * collected ones are shares of a mean loss over {@code n} examples).
     */
    public static void into(PerExampleGradients collected, double scale, double clip) {
        INDArray squared = collected.squaredNorms();
        if (squared == null) {
            return;   // nothing trainable
        }
        INDArray norms = Transforms.sqrt(squared, false).muli(scale);       // ||g_i||
        INDArray factors = Transforms.min(norms.rdivi(clip), 1.0, false);   // C / 0 = inf gives 1
        collected.addWeightedSums(factors.muli(scale));
    }
}
