package org.neurite.losses;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.ClassLabels;
import org.neurite.layers.ActivationFunction;
import org.neurite.tensor.Tensor;

/**
 * Categorical cross-entropy with integer class labels: the same loss as
 * {@link CategoricalCrossentropy} on the labels' one-hot encoding (built with ND4J's
 * {@code OneHot}). Keras name {@code "sparse_categorical_crossentropy"}.
 *
 * <p>Shapes: {@code yPred} is {@code [N, K]} (or {@code [N, ..., K]}); {@code yTrue} holds class
 * ids in {@code [0, K)} as FLOAT, DOUBLE, INT or LONG values, shape {@code [N]} or {@code [N, 1]}
 * ({@code yPred}'s shape without the class axis, optionally with a trailing 1). A label outside the
 * range or not an integer is an {@link IllegalArgumentException}.
 * <ul>
 * <li>probabilities (default): rows divided by their sum, clipped to {@code [1e-7, 1 - 1e-7]}
 *     (Keras's NumPy/JAX backends; TensorFlow's clips before normalising, which differs only
 *     for rows holding values below 1e-7).</li>
 * <li>{@code fromLogits = true}: {@code -logSoftmax(z)[label]} through the fused
 *     {@link SoftmaxCrossEntropy} op (gradient {@code (softmax(z) - onehot) w / N}).</li>
 * </ul>
 */
public final class SparseCategoricalCrossentropy extends BaseLoss {
    private final CategoricalCrossentropy dense;

    /** On probabilities ({@code fromLogits = false}), as Keras's default. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** @param fromLogits true when {@code yPred} holds logits rather than probabilities */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        super("sparse_categorical_crossentropy");
        this.dense = new CategoricalCrossentropy(fromLogits);
    }

    /** The one-hot encoding of the labels, validated against {@code yPred}'s class count. */
    @Override
    protected Tensor alignTarget(Tensor yTrue, Tensor yPred) {
        long[] p = yPred.shape();
        if (p.length < 2 || !ClassLabels.fitsAsSparse(yTrue.shape(), p)) {
            String expected = p.length < 2 ? "yPred of shape [N, numClasses]"
                    : "integer labels of shape " + Arrays.toString(Arrays.copyOf(p, p.length - 1)) + " or "
                    + Arrays.toString(withLastOne(p));
            throw new IllegalArgumentException(name() + ": yTrue shape " + Arrays.toString(yTrue.shape())
                    + " does not fit yPred shape " + Arrays.toString(p) + "; expected " + expected);
        }
        INDArray labels = yTrue.value().reshape(Arrays.copyOf(p, p.length - 1));
        return Tensor.constant(ClassLabels.oneHot(labels, p[p.length - 1], yPred.dataType(), name()));
    }

    private static long[] withLastOne(long[] shape) {
        long[] out = shape.clone();
        out[out.length - 1] = 1;
        return out;
    }

    @Override
    protected Tensor perExample(Tensor oneHot, Tensor yPred) {
        return dense.perExample(oneHot, yPred);
    }

    @Override
    protected Tensor fused(Tensor oneHot, Tensor yPred, INDArray weights) {
        return dense.fused(oneHot, yPred, weights);
    }

    @Override
    public boolean fromLogits() {
        return dense.fromLogits();
    }

    @Override
    public Loss withFromLogits(boolean fromLogits) {
        return fromLogits == fromLogits() ? this : new SparseCategoricalCrossentropy(fromLogits);
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
        return Map.of("from_logits", fromLogits());
    }
}
