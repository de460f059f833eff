package org.neurite.data;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Features and labels held in memory as ND4J arrays; the first dimension counts examples.
 *
 * <pre>{@code
 * Dataset data = Dataset.of(x, y);                 // x [n, 5], y [n, 1]
 * Dataset.Split parts = data.split(0.2, 42);       // shuffled 80/20
 * for (Batch batch : parts.train().batches(32, true, 7)) {
 *     model.trainOnBatch(batch.features(), batch.labels());
 * }
 * }</pre>
 *
 * A dataset never changes: {@link #take}, {@link #split}, {@link #shuffle} and {@link #map} return
 * new ones, whose arrays live outside every ND4J workspace.
 */
public final class Dataset {
    /** A train part and a test part. */
    public record Split(Dataset train, Dataset test) {
    }

    private final INDArray features;
    private final INDArray labels;

    private Dataset(INDArray features, INDArray labels) {
        this.features = features;
        this.labels = labels;
    }

    /**
     * Wraps {@code features} (shape {@code [n, ...]}) and {@code labels} (shape {@code [n, ...]}, or
     * {@code null} for data that is only predicted on). The arrays are not copied unless they live in
     * a workspace.
     *
     * @throws IllegalArgumentException when {@code features} is null, a scalar or empty, or the two
     *     arrays count different numbers of examples
     */
    public static Dataset of(INDArray features, INDArray labels) {
        if (features == null) {
            throw new IllegalArgumentException("Dataset.of: features are null");
        }
        if (features.rank() < 1 || features.isEmpty() || features.size(0) < 1) {
            throw new IllegalArgumentException("Dataset.of: features need at least one example along "
                    + "the first dimension, got shape " + Arrays.toString(features.shape()));
        }
        if (labels != null && (labels.rank() < 1 || labels.size(0) != features.size(0))) {
            throw new IllegalArgumentException("Dataset.of: features have " + features.size(0)
                    + " examples but labels have " + (labels.rank() < 1 ? 0 : labels.size(0))
                    + " (features " + Rows.shape(features) + ", labels " + Rows.shape(labels) + ")");
        }
        Indices.rows(features.size(0));
        return new Dataset(Rows.detach(features), Rows.detach(labels));
    }

    /** The features, shape {@code [n, ...]}. */
    public INDArray features() {
        return features;
    }

    /** The labels, shape {@code [n, ...]}, or {@code null} when this dataset has none. */
    public INDArray labels() {
        return labels;
    }

    /** Whether {@link #labels()} is not null. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The number of examples {@code n}. */
    public long size() {
        return features.size(0);
    }

    /** The first {@code n} examples (all of them when {@code n >= size()}). */
    public Dataset take(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("take(n) needs n >= 1, got " + n);
        }
        return n >= size() ? this : subset(Indices.range(0, (int) n));
    }

    /** Examples {@code [from, to)} in their current order. */
    public Dataset slice(long from, long to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is out of range for "
                    + size() + " examples");
        }
        return subset(Indices.range((int) from, (int) to));
    }

    /**
     * A shuffled split: {@code round(testFraction * size())} examples (at least one, and at least
     * one left for training) go to the test part.
     *
     * @param testFraction in {@code (0, 1)}
     * @param seed the same seed gives the same split
     */
    public Split split(double testFraction, long seed) {
        int[][] parts = Indices.split(Indices.rows(size()), testFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    /**
     * A shuffled split that keeps the class proportions: each class sends
     * {@code round(testFraction * classCount)} of its examples to the test part. Labels must be
     * integer class ids, shape {@code [n]} or {@code [n, 1]}, or one-hot, shape {@code [n, k]}.
     */
    public Split stratifiedSplit(double testFraction, long seed) {
        int[][] parts = Indices.stratified(classIds(), testFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    /** The same examples in a random order fixed by {@code seed}. */
    public Dataset shuffle(long seed) {
        return subset(Indices.permutation(Indices.rows(size()), seed));
    }

    /**
     * A dataset whose features are {@code featureFn.apply(features())} (applied once, to the whole
     * array) and whose labels are these labels; {@code featureFn} must keep the number of examples.
     * For example {@code data.map(x -> x.div(255))}.
     */
    public Dataset map(UnaryOperator<INDArray> featureFn) {
        return of(Rows.detached(() -> featureFn.apply(features)), labels);
    }

    /**
     * Mini-batches of {@code batchSize} examples; the last batch holds the rest. Each pass over the
     * returned {@link Batches} is one epoch, in a new order when {@code shuffle} is true.
     *
     * @param seed fixes the order of every epoch
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public Batches batches(int batchSize, boolean shuffle, long seed) {
        return new Batches(this, batchSize, shuffle, seed);
    }

    /** The examples at {@code rows}, in that order. */
    Dataset subset(int[] rows) {
        return new Dataset(Rows.gather(features, rows), Rows.gather(labels, rows));
    }

    /** Labels as one integer class id per example. */
    int[] classIds() {
        if (labels == null) {
            throw new IllegalStateException("stratifiedSplit needs labels, but this dataset has none");
        }
        boolean oneHot = labels.rank() == 2 && labels.size(1) > 1;
        if (labels.rank() > 2 || labels.rank() == 2 && labels.size(1) < 1) {
            throw new IllegalArgumentException("stratifiedSplit needs labels of shape [n], [n, 1] or one-hot "
                    + "[n, k], got " + Rows.shape(labels));
        }
        if (oneHot) {
            return Rows.detached(() -> labels.argMax(1).castTo(DataType.INT)).toIntVector();
        }
        double[] values = Rows.detached(() -> labels.reshape(labels.length()).castTo(DataType.DOUBLE))
                .toDoubleVector();
        int[] ids = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = (int) values[i];
            if (ids[i] != values[i]) {
                throw new IllegalArgumentException("stratifiedSplit needs integer class ids, found "
                        + values[i] + " at example " + i);
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples, features " + Rows.shape(features) + ", labels "
                + Rows.shape(labels) + "]";
    }

    /** TEMPORARY until multi-input datasets land: one input only. */
    public static Dataset of(java.util.List<INDArray> inputs, INDArray labels) {
        if (inputs.size() != 1) {
            throw new UnsupportedOperationException("several inputs are not supported yet");
        }
        return of(inputs.get(0), labels);
    }

    /** TEMPORARY until multi-input datasets land. */
    public java.util.List<INDArray> inputs() {
        return java.util.List.of(features);
    }
}
