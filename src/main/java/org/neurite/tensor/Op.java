package org.neurite.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable operation: its forward computation and, right beside it, its derivative.
 * One instance is created per application, so it can keep what backward needs in fields.
 *
 * <p>To add an op, extend this class, write {@link #forward} and {@link #backward} with ND4J
 * calls (never Java loops over elements), apply it with {@link Tensor#apply(Op, Tensor...)}, and
 * check it with {@link GradientCheck}.
 */
public abstract class Op {

    /** Computes the output from the input values. */
    public abstract INDArray forward(INDArray... inputs);

    /**
     * Gradients of the loss with respect to each input, given the gradient with respect to the
     * output. Entries whose {@code needsGrad} is false may be null and should not be computed.
     * Each returned gradient has its input's shape.
     */
    public abstract INDArray[] backward(INDArray gradOutput, boolean[] needsGrad);

    /**
     * {@link #backward(INDArray, boolean[])} with destinations: {@code into[j]}, when not null, is
     * a zero-filled array of input {@code j}'s shape (a parameter's gradient buffer) that the
     * gradient may be written into directly, saving the addition that would put it there. An op
     * that does so returns {@code into[j]} itself; ignoring {@code into} is always correct.
     */
    public INDArray[] backward(INDArray gradOutput, boolean[] needsGrad, INDArray[] into) {
        return backward(gradOutput, needsGrad);
    }

    /**
     * Per-example gradients of input {@code input} (a parameter) for differentially private
     * training, called after {@link #backward} with the same {@code gradOutput} while a
     * {@link PerExampleGradients} collector is open (inside a {@link MemoryScope}, so the arrays
     * the answer keeps stay valid until the step ends). Null (the default) when this op cannot
     * separate the examples of its batch of {@code examples}.
     */
    public PerExampleGradient perExample(INDArray gradOutput, int input, int examples) {
        return null;
    }

    /**
     * Called once the op is no longer needed (after its backward, or at once when nothing is
     * recorded). Override it only to free something the op owns outright; fields need no
     * nulling, since the graph drops the op itself.
     */
    public void release() {
    }

    /** The name used in error messages and profiles. */
    public String name() {
        return getClass().getSimpleName();
    }
}
