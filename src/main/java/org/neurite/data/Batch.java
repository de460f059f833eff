package org.neurite.data;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: the {@code inputs}, each of shape {@code [b, ...]} (one array for a one-input
 * dataset, one per model input otherwise), {@code labels} of shape {@code [b, ...]} (null for a
 * dataset without labels) and optional per-example loss weights {@code sampleWeight} of shape
 * {@code [b]} (null: every example weighs 1, as Keras's {@code sample_weight}). All are fresh
 * arrays outside every ND4J workspace, owned by whoever receives the batch.
 */
public record Batch(List<INDArray> inputs, List<INDArray> targets, INDArray sampleWeight) {
    /** A weighted batch of several inputs and one label array per model output, all row-aligned. */
    public Batch {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("a Batch needs at least one input array, got "
                    + (inputs == null ? "null" : "an empty list"));
        }
        inputs = List.copyOf(inputs);
        targets = targets == null ? List.of() : List.copyOf(targets);
        long n = inputs.get(0).size(0);
        if (sampleWeight != null && (sampleWeight.length() != n || sampleWeight.rank() > 2)) {
            throw new IllegalArgumentException("a Batch of " + n + " examples needs sampleWeight [" + n + "], got "
                    + Rows.shape(sampleWeight));
        }
    }

    /** A batch of several inputs and one label array per model output, all row-aligned. */
    public Batch(List<INDArray> inputs, List<INDArray> targets) {
        this(inputs, targets, null);
    }

    /** A batch of several inputs and one label array (null: none). */
    public Batch(List<INDArray> inputs, INDArray labels) {
        this(inputs, labels == null ? List.of() : List.of(labels), null);
    }

    /** A batch of one input. */
    public Batch(INDArray features, INDArray labels) {
        this(List.of(features), labels);
    }

    /**
     * The features of a one-input batch, shape {@code [b, ...]}.
     *
     * @throws IllegalStateException when the batch has several inputs (use {@link #inputs()})
     */
    public INDArray features() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("this Batch has " + inputs.size() + " inputs; use inputs() "
                    + "(features() is for a batch of one input)");
        }
        return inputs.get(0);
    }

    /**
     * The labels of the batch, shape {@code [b, ...]}, or null without labels.
     *
     * @throws IllegalStateException when the batch has one label array per output of a model with
     *     several (use {@link #targets()})
     */
    public INDArray labels() {
        if (targets.size() > 1) {
            throw new IllegalStateException("this Batch has " + targets.size() + " label arrays; use targets()");
        }
        return targets.isEmpty() ? null : targets.get(0);
    }

    /** The number of input arrays. */
    public int inputCount() {
        return inputs.size();
    }

    /** The number of examples {@code b} in this batch. */
    public long size() {
        return inputs.get(0).size(0);
    }

    /**
     * Frees the batch's off-heap memory (every input and the labels) now rather than when the
     * garbage collector gets to it; for a training loop that is done with the batch. Views of the
     * dataset (consecutive rows) and arrays in a workspace are left alone.
     */
    public void release() {
        for (INDArray x : inputs) {
            free(x);
        }
        for (INDArray y : targets) {
            free(y);
        }
        free(sampleWeight);
    }

    /** This batch with {@code weights} ({@code [b]}, or null for none) as its sample weights. */
    public Batch withSampleWeight(INDArray weights) {
        return new Batch(inputs, targets, weights);
    }

    private static void free(INDArray a) {
        if (a != null && !a.isView() && !a.isAttached() && a.closeable()) {
            a.close();
        }
    }
}
