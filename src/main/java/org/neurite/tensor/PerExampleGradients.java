package org.neurite.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects per-example parameter gradients during one {@code backward()} on this thread, for
 * differentially private training (DP-SGD clips each example's gradient before summing).
 *
 * <p>While one is open, {@link Backward} gives a parameter no ordinary gradient: it asks the op
 * that used the parameter for {@link Op#perExample} instead and keeps the answer. Afterwards
 * {@link #squaredNorms()} gives each example's squared gradient norm over all parameters and
 * {@link #addWeightedSums} writes {@code sum_i w_i grad_i} into every parameter's gradient.
 * An op that cannot separate the examples (one that mixes them, such as batch normalisation) makes
 * backward fail naming the op; so does a parameter used by two ops (a shared layer), whose
 * per-op norms would not add up to the example's norm.
 *
 * <pre>{@code
 * try (MemoryScope scope = MemoryScope.open("step");
 *      PerExampleGradients g = PerExampleGradients.open(n)) {
 *     loss.backward();
 *     INDArray norms = g.squaredNorms();     // [n]
 *     g.addWeightedSums(weights);            // weights [n]: the clipping factors
 * }
 * }</pre>
 */
public final class PerExampleGradients implements AutoCloseable {
    private static final ThreadLocal<PerExampleGradients> ACTIVE = new ThreadLocal<>();

    private record Part(String op, Tensor parameter, PerExampleGradient gradient) {
    }

    private final int examples;
    private final List<Part> parts = new ArrayList<>();

    private PerExampleGradients(int examples) {
        this.examples = examples;
    }

    /** Starts collecting on this thread for a batch of {@code examples} rows; needs an open memory scope. */
    public static PerExampleGradients open(int examples) {
        if (ACTIVE.get() != null) {
            throw new IllegalStateException("per-example gradients are already being collected on this thread");
        }
        if (!MemoryScope.isOpen()) {
            throw new IllegalStateException("per-example gradients keep the step's arrays: open a MemoryScope first");
        }
        if (examples < 1) {
            throw new IllegalArgumentException("per-example gradients need at least one example, got " + examples);
        }
        PerExampleGradients g = new PerExampleGradients(examples);
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

    /** Keeps {@code op}'s per-example gradients of {@code parameter}. */
    void add(Op op, Tensor parameter, PerExampleGradient gradient) {
        if (gradient == null) {
            throw new UnsupportedOperationException(op.name() + " cannot give per-example gradients for its "
                    + "parameter of shape " + Arrays.toString(parameter.shape()) + " (it mixes the examples of a "
                    + "batch, or is not supported); differentially private training cannot use it");
        }
        if (parameter.grad() == null) {
            throw new IllegalStateException("a parameter of shape " + Arrays.toString(parameter.shape())
                    + " used by " + op.name() + " has no gradient buffer");
        }
        for (Part p : parts) {
            if (p.parameter() == parameter) {
                throw new UnsupportedOperationException("a parameter of shape " + Arrays.toString(parameter.shape())
                        + " is used by both " + p.op() + " and " + op.name() + " (a shared layer); differentially "
                        + "private training needs each parameter used once per step");
            }
        }
        parts.add(new Part(op.name(), parameter, gradient));
    }

    /** {@code [examples]}: each example's squared gradient norm over every parameter collected. */
    public INDArray squaredNorms() {
        INDArray total = null;
        for (Part p : parts) {
            INDArray norms = p.gradient().squaredNorms();
            total = total == null ? norms.dup() : total.addi(norms);
        }
        return total;
    }

    /** {@code grad += sum_i weights_i grad_i} for every parameter collected. */
    public void addWeightedSums(INDArray weights) {
        for (Part p : parts) {
            p.gradient().addWeightedSum(weights, p.parameter().grad());
        }
    }

    @Override
    public void close() {
        ACTIVE.remove();
    }
}
