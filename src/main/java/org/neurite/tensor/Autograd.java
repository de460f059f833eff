package org.neurite.tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The autograd state of one {@link Tensor}: whether it requires a gradient and is a leaf, the op
 * and inputs that made it (dropped once backward has passed through) and, for a parameter, its
 * gradient buffer. Also the op dispatch behind {@link Tensor#apply}, which records this state.
 */
final class Autograd {
    private final boolean requiresGrad;
    private final boolean leaf;
    private Op creator;
    private Tensor[] inputs;
    private boolean graphReleased;
    private INDArray grad;
    private boolean gradZero;

    Autograd(boolean requiresGrad, boolean leaf, Op creator, Tensor[] inputs, INDArray grad) {
        this.requiresGrad = requiresGrad;
        this.leaf = leaf;
        this.creator = creator;
        this.inputs = inputs;
        this.grad = grad;
    }

    /**
     * Applies {@code op} to {@code inputs}; the graph is recorded only when gradients are enabled
     * and some input requires one.
     */
    static Tensor apply(Op op, Tensor... inputs) {
        INDArray[] values = new INDArray[inputs.length];
        boolean record = false;
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value();
            record |= inputs[i].requiresGrad();
        }
        record &= GradMode.isEnabled();
        Profiler.Timer timer = Profiler.start("op:" + op.name());
        INDArray out;
        try {
            out = op.forward(values);
        } finally {
            timer.stop();
        }
        if (!record) {
            op.release();
            return Tensor.constant(out);
        }
        return new Tensor(out, new Autograd(true, false, op, inputs.clone(), null));
    }

    /** Checks that {@code gradBuffer} can hold the gradient of a parameter with value {@code value}. */
    static INDArray checkGradBuffer(INDArray value, INDArray gradBuffer) {
        if (!Arrays.equals(value.shape(), gradBuffer.shape())) {
            throw new IllegalArgumentException("gradient buffer shape " + Arrays.toString(gradBuffer.shape())
                    + " does not match parameter shape " + Arrays.toString(value.shape()));
        }
        return gradBuffer;
    }

    boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for constants and parameters, false for op results. */
    boolean isLeaf() {
        return leaf;
    }

    // ------------------------------------------------------------------ graph access for Backward

    Op creator() {
        return creator;
    }

    Tensor[] inputs() {
        return inputs;
    }

    boolean graphReleased() {
        return graphReleased;
    }

    /** Drops the op and its inputs once backward has passed through this tensor. */
    void releaseGraph() {
        creator.release();
        creator = null;
        inputs = null;
        graphReleased = true;
    }

    // ------------------------------------------------------------------ gradient buffer

    INDArray grad() {
        return grad;
    }

    /** Sets the accumulated gradient to zero (keeping its buffer). */
    void zeroGrad() {
        if (grad != null) {
            grad.assign(0);
            gradZero = true;
        }
    }

    /** Declares that the gradient buffer holds zeros because the caller zeroed it. */
    void markGradZeroed() {
        gradZero = grad != null;
    }

    /** The gradient buffer an op may write into directly: zeroed, and this is its only contribution. */
    INDArray gradDestination() {
        return leaf && gradZero ? grad : null;
    }

    /** Adds {@code g} into this parameter's gradient (copied on first use, outside any workspace). */
    void accumulate(INDArray g) {
        gradZero = false;
        if (g == grad) {
            return;   // an op wrote it in place (see gradDestination)
        }
        if (grad == null) {
            grad = Allocator.persistentCopy(g);
        } else {
            Native.into("add", new INDArray[]{grad, g}, new INDArray[]{grad}, null, null, null);
        }
    }
}
