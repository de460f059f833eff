package org.neurite.losses;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.layers.ActivationFunction;
import org.neurite.tensor.Tensor;
import org.neurite.tensor.ops.SigmoidCrossEntropy;

/**
 * Binary cross-entropy for 0/1 (or soft) targets, per element, averaged over the non-batch axes
 * per example, then the (weighted) batch mean. Keras name {@code "binary_crossentropy"}.
 *
 * <p>Shapes: {@code yTrue} and {@code yPred} both {@code [N, ...]}, typically {@code [N, 1]}
 * ({@code [N]} targets fit a {@code [N, 1]} prediction).
 * <ul>
 * <li>probabilities (default): {@code p} is clipped to {@code [1e-7, 1 - 1e-7]} (Keras's epsilon),
 *     then {@code -(y log p + (1 - y) log(1 - p))}; the gradient is 0 where clipping is active.</li>
 * <li>{@code fromLogits = true}: the stable form {@code max(z, 0) - z y + log(1 + exp(-|z|))},
 *     computed by the fused {@link SigmoidCrossEntropy} op (gradient {@code (sigmoid(z) - y) w / E}).
 *     Logits of any magnitude give finite values and gradients.</li>
 * </ul>
 */
public final class BinaryCrossentropy extends BaseLoss {
    /** Keras's {@code backend.epsilon()}, the clipping margin for probabilities. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;

    /** On probabilities ({@code fromLogits = false}), as Keras's default. */
    public BinaryCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when {@code yPred} holds logits rather than probabilities */
    public BinaryCrossentropy(boolean fromLogits) {
        super("binary_crossentropy");
        this.fromLogits = fromLogits;
    }

    @Override
    protected Tensor perExample(Tensor yTrue, Tensor yPred) {
        if (fromLogits) {
            Tensor softTail = yPred.abs().neg().exp().add(1.0).log();
            return meanPerExample(yPred.relu().sub(yPred.mul(yTrue)).add(softTail));
        }
        Tensor p = yPred.clip(EPSILON, 1 - EPSILON);
        Tensor positive = yTrue.mul(p.log());
        Tensor negative = yTrue.neg().add(1.0).mul(p.neg().add(1.0).log());
        return meanPerExample(positive.add(negative).neg());
    }

    @Override
    protected Tensor fused(Tensor yTrue, Tensor yPred, INDArray weights) {
        return fromLogits ? Tensor.apply(new SigmoidCrossEntropy(weights), yPred, yTrue) : null;
    }

    @Override
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Loss withFromLogits(boolean fromLogits) {
        return fromLogits == this.fromLogits ? this : new BinaryCrossentropy(fromLogits);
    }

    /** The from-logits form for an activation that outputs sigmoid probabilities. */
    @Override
    public Loss onLogitsOf(ActivationFunction activation) {
        return !fromLogits() && activation.probabilities() == ActivationFunction.Probabilities.SIGMOID
                ? withFromLogits(true) : null;
    }

    /** {@code {"from_logits": fromLogits}}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("from_logits", fromLogits);
    }
}
