package org.neurite.losses;

import org.neurite.tensor.Tensor;

/**
 * Mean absolute error: per example {@code mean(|yPred - yTrue|)} over the non-batch axes, then
 * the (weighted) batch mean. Keras name {@code "mean_absolute_error"}, alias {@code "mae"}.
 *
 * <p>{@code yTrue} and {@code yPred} have the same shape {@code [N, ...]} (or {@code [N]} against
 * {@code [N, 1]}). The gradient at a zero error is 0. There is no logits mode.
 */
public final class MeanAbsoluteError extends BaseLoss {

    public MeanAbsoluteError() {
        super("mean_absolute_error");
    }

    @Override
    protected Tensor perExample(Tensor yTrue, Tensor yPred) {
        return meanPerExample(yPred.sub(yTrue).abs());
    }
}
