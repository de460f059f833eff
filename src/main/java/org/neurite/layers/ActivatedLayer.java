package org.neurite.layers;

import org.neurite.tensor.Tensor;

/**
 * A layer whose output is {@code activation(linear(x))}. A model whose last layer ends in softmax
 * or sigmoid trains on {@link #forwardLinear} with the loss's from-logits form, which is
 * numerically stable and cheaper than differentiating through the activation.
 */
public interface ActivatedLayer {
    ActivationFunction activation();

    /** The output before the activation (the logits). */
    Tensor forwardLinear(Tensor x, boolean training);
}
