package org.neurite.losses;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.layers.ActivationFunction;
import org.neurite.tensor.Tensor;
import org.neurite.tensor.ops.SoftmaxCrossEntropy;

/**
 * Categorical cross-entropy for one-hot (or soft) targets: per row {@code -sum_k y_k log p_k}
 * over the class axis (the last), averaged over any middle axes, then the (weighted) batch mean.
 * Keras name {@code "categorical_crossentropy"}.
 *
 * <p>Shapes: {@code yTrue} and {@code yPred} both {@code [N, K]} (or {@code [N, ..., K]}).
 * <ul>
 * <li>probabilities (default): as Keras, each row of {@code p} is first divided by its sum, then
 *     clipped to {@code [1e-7, 1 - 1e-7]}.</li>
 * <li>{@code fromLogits = true}: {@code -sum(y * logSoftmax(z))}, computed by the fused
 *     {@link SoftmaxCrossEntropy} op (gradient {@code (softmax(z) - y) w / N} for one-hot rows).
 *     Logits of any magnitude give finite values and gradients.</li>
 * </ul>
 */
public final class CategoricalCrossentropy extends BaseLoss {
    private final boolean fromLogits;

    /** On probabilities ({@code fromLogits = false}), as Keras's default. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when {@code yPred} holds logits rather than probabilities */
    public CategoricalCrossentropy(boolean fromLogits) {
        super("categorical_crossentropy");
        this.fromLogits = fromLogits;
    }

    @Override
    protected Tensor alignTarget(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() < 2) {
            throw new IllegalArgumentException(name() + ": yPred must have shape [N, numClasses], got "
                    + Arrays.toString(yPred.shape()));
        }
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException(name() + ": yTrue shape " + Arrays.toString(yTrue.shape())
                    + " does not match yPred shape " + Arrays.toString(yPred.shape())
                    + " (one-hot targets expected; use sparse_categorical_crossentropy for integer labels)");
        }
        return super.alignTarget(yTrue, yPred);
    }

    @Override
    protected Tensor perExample(Tensor yTrue, Tensor yPred) {
        int classAxis = yPred.rank() - 1;
        Tensor logP;
        if (fromLogits) {
            logP = yPred.logSoftmax(classAxis);
        } else {
            Tensor normalized = yPred.div(yPred.sum(true, classAxis));
            logP = normalized.clip(BinaryCrossentropy.EPSILON, 1 - BinaryCrossentropy.EPSILON).log();
        }
        return meanPerExample(yTrue.mul(logP).sum(classAxis).neg());
    }

    @Override
    protected Tensor fused(Tensor yTrue, Tensor yPred, INDArray weights) {
        return fromLogits ? Tensor.apply(new SoftmaxCrossEntropy(weights), yPred, yTrue) : null;
    }

    @Override
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Loss withFromLogits(boolean fromLogits) {
        return fromLogits == this.fromLogits ? this : new CategoricalCrossentropy(fromLogits);
    }

    /** The from-logits form for an activation that outputs softmax probabilities. */
    @Override
    public Loss onLogitsOf(ActivationFunction activation) {
        return !fromLogits() && activation.probabilities() == ActivationFunction.Probabilities.SOFTMAX
                ? withFromLogits(true) : null;
    }

    /** {@code {"from_logits": fromLogits}}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("from_logits", fromLogits);
    }
}
