package org.neurite.losses;

import org.neurite.tensor.Tensor;

/**
 * Mean squared error: per example {@code mean((yPred - yTrue)^2)} over the non-batch axes, then
 * the (weighted) batch mean. Keras name {@code "mean_squared_error"}, alias {@code "mse"}.
 *
 * <p>{@code yTrue} and {@code yPred} have the same shape {@code [N, ...]} (or {@code [N]} against
 * {@code [N, 1]}). There is no logits mode.
 */
public final class MeanSquaredError extends BaseLoss {

    public MeanSquaredError() {
        super("mean_squared_error");
    }

    @Override
    protected Tensor perExample(Tensor yTrue, Tensor yPred) {
        Tensor error = yPred.sub(yTrue);
        return meanPerExample(error.mul(error));
    }
}
