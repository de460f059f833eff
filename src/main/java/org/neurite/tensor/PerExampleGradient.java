package org.neurite.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-example gradients of one parameter in one op application, in the two forms DP-SGD's
 * clipping needs, so an op may answer without building every example's gradient (for a
 * product {@code x W}, {@code ||x_i^T g_i||^2 = ||x_i||^2 ||g_i||^2} and the weighted sum is
 * {@code x^T diag(w) g}, Goodfellow 2015). Example {@code i}'s gradient is its share of the batch
 * loss's gradient: the rows sum to the ordinary gradient.
 */
public interface PerExampleGradient {

    /** {@code [n]}: the squared L2 norm of each example's gradient. */
    INDArray squaredNorms();

    /** {@code into += sum_i w_i grad_i}, for {@code weights [n]} and {@code into} of the parameter's shape. */
    void addWeightedSum(INDArray weights, INDArray into);
}
