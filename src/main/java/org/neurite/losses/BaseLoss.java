package org.neurite.losses;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * The shared pipeline of the built-in losses, and a starting point for custom ones: it checks
 * and aligns the shapes, validates the sample weights, and applies Keras's
 * {@code "sum_over_batch_size"} reduction. A subclass writes only {@link #perExample} with
 * {@link Tensor} ops (autograd supplies the gradient) and, optionally, a {@link #fused} fast path.
 *
 * <p>Target alignment follows Keras ({@code squeeze_or_expand_to_same_rank}): targets of shape
 * {@code [N]} fit a prediction of shape {@code [N, 1]} and the other way round; otherwise the
 * shapes must be equal. Targets are cast to the prediction's data type.
 */
public abstract class BaseLoss implements Loss {
    private final String name;

    protected BaseLoss(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Tensor compute(Tensor yTrue, Tensor yPred, INDArray sampleWeight) {
        INDArray weights = checkInputs(yTrue, yPred, sampleWeight);
        Tensor target = alignTarget(yTrue, yPred);
        Tensor fast = fused(target, yPred, weights);
        return fast != null ? fast : reduce(perExample(target, yPred), weights);
    }

    /** The loss built from Tensor ops only, never the fused op: the reference the tests compare against. */
    final Tensor composed(Tensor yTrue, Tensor yPred, INDArray sampleWeight) {
        INDArray weights = checkInputs(yTrue, yPred, sampleWeight);
        return reduce(perExample(alignTarget(yTrue, yPred), yPred), weights);
    }

    /**
     * The loss of each example, shape {@code [N]}, from the aligned target and the prediction.
     * Built from Tensor ops so that autograd differentiates it.
     */
    protected abstract Tensor perExample(Tensor yTrue, Tensor yPred);

    /**
     * An optional fast path computing the whole reduced loss (a scalar) in one op, or null when
     * there is none. {@code weights} is the validated {@code [N]} weight array or null.
     */
    protected Tensor fused(Tensor yTrue, Tensor yPred, INDArray weights) {
        return null;
    }

    /** Reshapes and casts {@code yTrue} to fit {@code yPred}, or throws naming both shapes. */
    protected Tensor alignTarget(Tensor yTrue, Tensor yPred) {
        long[] t = yTrue.shape();
        long[] p = yPred.shape();
        Tensor target = yTrue;
        if (!Arrays.equals(t, p)) {
            boolean squeeze = t.length == p.length - 1 && p[p.length - 1] == 1
                    && Arrays.equals(t, Arrays.copyOf(p, t.length));
            boolean expand = p.length == t.length - 1 && t[t.length - 1] == 1
                    && Arrays.equals(p, Arrays.copyOf(t, p.length));
            if (!squeeze && !expand) {
                throw new IllegalArgumentException(name + ": yTrue shape " + Arrays.toString(t)
                        + " does not match yPred shape " + Arrays.toString(p));
            }
            target = Tensor.constant(yTrue.value().reshape(p));
        }
        if (target.dataType() != yPred.dataType()) {
            target = Tensor.constant(target.value().castTo(yPred.dataType()));
        }
        return target;
    }

    /** The mean of an elementwise loss over every axis but the batch axis: {@code [N, ...] -> [N]}. */
    protected static Tensor meanPerExample(Tensor elementwise) {
        if (elementwise.rank() <= 1) {
            return elementwise;
        }
        int[] axes = new int[elementwise.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return elementwise.mean(axes);
    }

    /** False: a loss compares values directly unless it has a logits mode (the cross-entropies). */
    @Override
    public boolean fromLogits() {
        return false;
    }

    /**
     * Returns this loss for {@code false}; throws {@link IllegalArgumentException} for {@code true}.
     * The cross-entropies override it with their logits mode.
     */
    @Override
    public Loss withFromLogits(boolean fromLogits) {
        return withoutLogitsMode(fromLogits);
    }

    /** Empty: the loss has no options (losses with options override it). */
    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    /** Rejects {@code fromLogits = true} for a loss that compares values directly. */
    protected final Loss withoutLogitsMode(boolean fromLogits) {
        if (fromLogits) {
            throw new IllegalArgumentException(name + " has no from_logits mode: it compares yPred with yTrue "
                    + "directly; from_logits exists for binary_crossentropy, categorical_crossentropy and "
                    + "sparse_categorical_crossentropy");
        }
        return this;
    }

    private Tensor reduce(Tensor perExample, INDArray weights) {
        if (weights == null) {
            return perExample.mean();
        }
        INDArray scaled = weights.castTo(perExample.dataType()).div(weights.length());
        return perExample.mul(Tensor.constant(scaled)).sum();
    }

    private INDArray checkInputs(Tensor yTrue, Tensor yPred, INDArray sampleWeight) {
        Objects.requireNonNull(yTrue, () -> name + ": yTrue is null");
        Objects.requireNonNull(yPred, () -> name + ": yPred is null");
        if (yPred.rank() == 0 || yPred.size(0) == 0) {
            throw new IllegalArgumentException(name + ": yPred needs a batch axis with at least one example, got shape "
                    + Arrays.toString(yPred.shape()));
        }
        if (!yPred.dataType().isFPType()) {
            throw new IllegalArgumentException(name + ": yPred must be floating point, got " + yPred.dataType());
        }
        if (sampleWeight == null) {
            return null;
        }
        long n = yPred.size(0);
        long[] w = sampleWeight.shape();
        boolean fits = (w.length == 1 && w[0] == n) || (w.length == 2 && w[0] == n && w[1] == 1);
        if (!fits) {
            throw new IllegalArgumentException(name + ": sampleWeight shape " + Arrays.toString(w)
                    + " does not fit the batch of yPred " + Arrays.toString(yPred.shape()) + "; expected ["
                    + n + "] or [" + n + ", 1]");
        }
        return sampleWeight.reshape(n).castTo(yPred.dataType());
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((Loss) o).config().equals(config());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), config());
    }

    @Override
    public String toString() {
        Map<String, Object> config = config();
        return getClass().getSimpleName() + (config.isEmpty() ? "" : config.toString());
    }
}
