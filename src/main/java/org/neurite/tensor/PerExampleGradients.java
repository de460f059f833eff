package org.neurite.tensor;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Collects per-example parameter gradients during one {@code backward()} on this thread, for
 * differentially private training (DP-SGD clips each example's gradient before summing).
 *
 * <p>While one is open, {@link Backward} gives a parameter no ordinary gradient: it asks the op
 * that used the parameter for {@link Op#perExample} instead and adds the rows into
 * {@link #matrix()}, {@code [examples, P]}, whose columns are the positions of the parameters'
 * gradient buffers in the model's flat gradient buffer. Every parameter must therefore have its
 * gradient buffer inside {@code flatGradient}. An op that cannot separate the examples (one that
 * mixes them, such as batch normalisation) makes backward fail naming the op.
 *
 * <pre>{@code
 * try (PerExampleGradients g = PerExampleGradients.open(flatGrads, n)) {
 *     loss.backward();
 *     INDArray rows = g.matrix();   // row i: example i's share of the gradient
 * }
 * }</pre>
 */
public final class PerExampleGradients implements AutoCloseable {
    private static final ThreadLocal<PerExampleGradients> ACTIVE = new ThreadLocal<>();

    private final INDArray flatGradient;
    private final int examples;
    private final INDArray matrix;

    private PerExampleGradients(INDArray flatGradient, int examples) {
        this.flatGradient = flatGradient;
        this.examples = examples;
        this.matrix = Allocator.zeros(flatGradient.dataType(), examples, flatGradient.length());
    }

    /**
     * Starts collecting on this thread for a batch of {@code examples} rows; the matrix lives in
     * the current memory scope, if any.
     */
    public static PerExampleGradients open(INDArray flatGradient, int examples) {
        if (ACTIVE.get() != null) {
            throw new IllegalStateException("per-example gradients are already being collected on this thread");
        }
        if (examples < 1) {
            throw new IllegalArgumentException("per-example gradients need at least one example, got " + examples);
        }
        PerExampleGradients g = new PerExampleGradients(flatGradient, examples);
        ACTIVE.set(g);
        return g;
    }

    /** The collector open on this thread, or null. */
    static PerExampleGradients active() {
        return ACTIVE.get();
    }

    int examples() {
        return examples;
    }

    /** {@code [examples, P]}: row i is example i's share of the gradient of every parameter. */
    public INDArray matrix() {
        return matrix;
    }

    /** Adds {@code op}'s per-example gradients of {@code parameter} into the parameter's columns. */
    void add(Op op, Tensor parameter, INDArray rows) {
        INDArray buffer = parameter.grad();
        long length = parameter.value().length();
        if (rows == null) {
            throw new UnsupportedOperationException(op.name() + " cannot give per-example gradients for its "
                    + "parameter of shape " + Arrays.toString(parameter.shape()) + " (it mixes the examples of a "
                    + "batch, or is not supported); differentially private training cannot use it");
        }
        if (rows.length() != examples * length) {
            throw new IllegalStateException(op.name() + " gave per-example gradients of shape "
                    + Arrays.toString(rows.shape()) + " for a parameter of shape " + Arrays.toString(parameter.shape())
                    + " and " + examples + " examples");
        }
        long start = buffer == null ? -1 : buffer.offset() - flatGradient.offset();
        if (buffer == null || buffer.data().address() != flatGradient.data().address() || start < 0
                || start + length > flatGradient.length()) {
            throw new IllegalStateException("a parameter of shape " + Arrays.toString(parameter.shape())
                    + " used by " + op.name() + " has no gradient buffer inside the flat gradient buffer");
        }
        INDArray columns = matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(start, start + length));
        columns.addi(rows.reshape('c', examples, length));
    }

    @Override
    public void close() {
        ACTIVE.remove();
    }
}
