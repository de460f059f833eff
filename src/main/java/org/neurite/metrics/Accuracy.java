package org.neurite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code "accuracy"} before it knows which accuracy it is: {@link Metrics#accuracy()}
 * returns one, and a model replaces it through {@link Metrics#resolve(Metric, org.neurite.losses.Loss)}
 * according to its loss. Used directly, it picks the accuracy from the shapes of the first
 * batch, by Keras's rule (the one Keras 3 applies for every loss):
 * <ul>
 * <li>{@code yPred}'s last axis is 1 (or {@code yPred} is {@code [N]}): {@link BinaryAccuracy};</li>
 * <li>else {@code yTrue} has lower rank, or a last axis of 1: {@link SparseCategoricalAccuracy};</li>
 * <li>else: {@link CategoricalAccuracy}.</li>
 * </ul>
 * The choice survives {@link #reset()} and is kept by {@link #fresh()}.
 */
public final class Accuracy implements Metric {
    private final String name;
    private Metric resolved;

    /** Named {@code "accuracy"}. */
    public Accuracy() {
        this("accuracy");
    }

    /** @param name the reported name, such as {@code "accuracy"} or {@code "acc"} */
    public Accuracy(String name) {
        this.name = name;
    }

    /** The accuracy Keras picks for these shapes, named {@code name}. */
    public static Metric forShapes(String name, long[] yTrue, long[] yPred) {
        long predLast = yPred.length == 0 ? 1 : yPred[yPred.length - 1];
        long trueLast = yTrue.length == 0 ? 1 : yTrue[yTrue.length - 1];
        if (yPred.length <= 1 || predLast == 1) {
            return new BinaryAccuracy(name, 0.5);
        }
        if (yTrue.length < yPred.length || trueLast == 1) {
            return new SparseCategoricalAccuracy(name);
        }
        return new CategoricalAccuracy(name);
    }

    /** The accuracy chosen by the first batch, or null before it. */
    public Metric resolved() {
        return resolved;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        if (resolved == null) {
            resolved = forShapes(name, yTrue.shape(), yPred.shape());
        }
        resolved.update(yTrue, yPred);
    }

    @Override
    public double result() {
        return resolved == null ? 0 : resolved.result();
    }

    @Override
    public void reset() {
        if (resolved != null) {
            resolved.reset();
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** An accuracy of the same name; one already resolved stays resolved to the same kind. */
    @Override
    public Accuracy fresh() {
        Accuracy copy = new Accuracy(name);
        copy.resolved = resolved == null ? null : resolved.fresh();
        return copy;
    }
}
