package org.neurite.losses;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.layers.ActivationFunction;
import org.neurite.tensor.Tensor;

/**
 * A training objective: compares the targets with the model's output and returns a scalar
 * {@link Tensor} whose {@link Tensor#backward()} gives the gradient.
 *
 * <p>Every built-in loss follows Keras's {@code "sum_over_batch_size"} reduction: a loss per
 * example (averaged over the non-batch axes where Keras averages), then
 * {@code sum(loss_i * w_i) / N} over the {@code N} examples of the batch, with {@code w_i = 1}
 * when no sample weights are given.
 *
 * <pre>{@code
 * Loss loss = Losses.get("sparse_categorical_crossentropy");
 * Tensor value = loss.compute(Tensor.constant(labels), logits);   // labels [N], logits [N, K]
 * value.backward();
 * }</pre>
 *
 * @see Losses for the built-in losses and their Keras names
 */
public interface Loss {

    /** The mean loss over the batch: a scalar (rank 0) Tensor. {@code yTrue} is a constant. */
    default Tensor compute(Tensor yTrue, Tensor yPred) {
        return compute(yTrue, yPred, null);
    }

    /**
     * The weighted mean loss over the batch, {@code sum(loss_i * w_i) / N}, as a scalar Tensor.
     *
     * @param yTrue        targets, a constant; its shape depends on the loss (see each class)
     * @param yPred        the model output, {@code [N, ...]}
     * @param sampleWeight per-example weights of shape {@code [N]} or {@code [N, 1]}, or null
     * @throws IllegalArgumentException when the shapes do not fit, naming the loss and both shapes
     */
    Tensor compute(Tensor yTrue, Tensor yPred, INDArray sampleWeight);

    /** The Keras name, such as {@code "mean_squared_error"} or {@code "binary_crossentropy"}. */
    String name();

    /** Whether {@code yPred} holds logits (true) or probabilities (false). */
    boolean fromLogits();

    /**
     * The same loss taking {@code yPred} as logits or as probabilities. A model uses it to fuse
     * its final softmax or sigmoid into the loss for speed and numerical stability.
     *
     * @throws IllegalArgumentException for a loss without a logits mode (the regression losses)
     *                                  when asked for {@code fromLogits = true}
     */
    Loss withFromLogits(boolean fromLogits);

    /**
     * This loss on the outputs of {@code activation}, computed from the activation's input (the
     * logits) instead, or null when there is no such form. A model whose output layer ends in
     * {@code activation} then skips the activation and uses the returned loss: the same value,
     * stable for extreme logits and with a cheaper gradient (the fast path; a cross-entropy on
     * probabilities answers for the activation that makes its kind of probabilities).
     */
    default Loss onLogitsOf(ActivationFunction activation) {
        return null;
    }

    /**
     * The Keras configuration keys of this loss, such as {@code from_logits} or {@code delta};
     * {@link Losses#fromConfig(String, Map)} rebuilds the loss from {@link #name()} and this map.
     */
    Map<String, Object> config();
}
