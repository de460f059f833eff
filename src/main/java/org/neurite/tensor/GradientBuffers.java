package org.neurite.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient-buffer protocol, for code that owns parameters' gradient memory (a model's flat
 * parameter store, layer weights): a parameter may accumulate its gradient into a preallocated
 * buffer, and its owner, after zeroing that buffer, may say so, so the next backward pass writes
 * the gradient into it instead of adding. Kept off {@link Tensor}, whose users never need it;
 * tensors made elsewhere have no buffer.
 */
public final class GradientBuffers {
    private GradientBuffers() {
    }

    /**
     * A trainable leaf whose gradient accumulates into {@code gradBuffer}, a preallocated array of
     * the same shape (typically a view of a model's flat gradient buffer).
     *
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public static Tensor parameter(INDArray value, INDArray gradBuffer) {
        return new Tensor(value, new Autograd(true, true, null, null, Autograd.checkGradBuffer(value, gradBuffer)));
    }

    /** Declares that {@code parameter}'s gradient buffer holds zeros because its owner zeroed it. */
    public static void markZeroed(Tensor parameter) {
        parameter.node().markGradZeroed();
    }
}
