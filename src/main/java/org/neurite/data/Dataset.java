package org.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

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
 *
 * <p>A model with several inputs reads a dataset of several input arrays, one per model input,
 * row-aligned: {@code Dataset.of(List.of(ids, numbers), y)}. Every operation (take, slice, the
 * splits, shuffle, batches) keeps the rows of all inputs and the labels together; {@link #inputs()}
 * and {@link Batch#inputs()} give the arrays, while {@link #features()} is for one-input data only.
 */
public final class Dataset {
    /** A train part and a test part. */
    public record Split(Dataset train, Dataset test) {
    }

    /** The only input of a one-input dataset, else null. */
    private final INDArray features;
    /** Every input, in order; {@code List.of(features)} for one input. */
    private final List<INDArray> inputs;
    /** The only label array, else null (none, or one per output of a model with several). */
    private final INDArray labels;
    /** Every label array, one per model output; empty without labels. */
    private final List<INDArray> targets;

    private Dataset(INDArray features, INDArray labels) {
        this.features = features;
        this.inputs = List.of(features);
        this.labels = labels;
        this.targets = labels == null ? List.of() : List.of(labels);
    }

    private Dataset(List<INDArray> inputs, INDArray labels) {
        this(inputs, labels == null ? List.of() : List.of(labels));
    }

    private Dataset(List<INDArray> inputs, List<INDArray> targets) {
        this.features = inputs.size() == 1 ? inputs.get(0) : null;
        this.inputs = List.copyOf(inputs);
        this.targets = List.copyOf(targets);
        this.labels = targets.size() == 1 ? targets.get(0) : null;
    }

    /** Why an array of {@code shape} holds no example: no rows, or a 0 in a per-example dimension. */
    private static String emptyReason(long[] shape, String need, String hold) {
        return shape.length >= 1 && shape[0] >= 1
                ? "of shape " + Arrays.toString(shape) + " " + hold + " no values: every dimension after the first must "
                + "be at least 1"
                : need + " at least one example along the first dimension, got shape " + Arrays.toString(shape);
    }

    /**
     * Wraps {@code features} (shape {@code [n, ...]}) and {@code labels} (shape {@code [n, ...]}, or
     * {@code null} for data that is only predicted on). The arrays are not copied unless they live in
     * a workspace or are views (columns or rows of a larger array) or otherwise not 'c'-ordered and
     * contiguous: those are copied once, so every batch is taken from a plain array. Arrays of any
     * numeric type are kept as they are; {@code fit}, {@code evaluate} and {@code predict} cast them
     * to the model's type.
     *
     * @throws IllegalArgumentException when {@code features} is null, a scalar or empty, or the two
     *     arrays count different numbers of examples
     */
    public static Dataset of(INDArray features, INDArray labels) {
        if (features == null) {
            throw new IllegalArgumentException("Dataset.of: features are null");
        }
        if (features.rank() < 1 || features.isEmpty() || features.size(0) < 1) {
            throw new IllegalArgumentException("Dataset.of: features " + emptyReason(features.shape(), "need", "hold"));
        }
        if (labels != null && (labels.rank() < 1 || labels.size(0) != features.size(0))) {
            throw new IllegalArgumentException("Dataset.of: features have " + features.size(0)
                    + " examples but labels have " + (labels.rank() < 1 ? 0 : labels.size(0))
                    + " (features " + Rows.shape(features) + ", labels " + Rows.shape(labels) + ")");
        }
        Indices.rows(features.size(0));
        return new Dataset(Rows.detach(features), Rows.detach(labels));
    }

    /**
     * A dataset of several inputs for a model with several inputs: {@code inputs.get(i)} (shape
     * {@code [n, ...]}) feeds model input {@code i}, row {@code r} of every input and of the labels
     * is example {@code r}. A list of one input is the same as {@link #of(INDArray, INDArray)}.
     *
     * @throws IllegalArgumentException when the list is null or empty, an input is null, a scalar or
     *     empty, or the inputs and the labels do not all count the same number of examples (the
     *     message names the input that differs)
     */
    public static Dataset of(List<INDArray> inputs, INDArray labels) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("Dataset.of: needs at least one input array, got "
                    + (inputs == null ? "null" : "an empty list"));
        }
        if (inputs.size() == 1) {
            return of(inputs.get(0), labels);
        }
        for (int i = 0; i < inputs.size(); i++) {
            INDArray x = inputs.get(i);
            if (x == null) {
                throw new IllegalArgumentException("Dataset.of: input " + i + " of " + inputs.size() + " is null");
            }
            if (x.rank() < 1 || x.isEmpty() || x.size(0) < 1) {
                throw new IllegalArgumentException("Dataset.of: input " + i + " " + emptyReason(x.shape(), "needs", "holds"));
            }
        }
        long n = inputs.get(0).size(0);
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i).size(0) != n) {
                throw new IllegalArgumentException("Dataset.of: input " + i + " has " + inputs.get(i).size(0)
                        + " examples but input 0 has " + n + " (input 0 " + Rows.shape(inputs.get(0)) + ", input "
                        + i + " " + Rows.shape(inputs.get(i)) + "); every input needs one row per example");
            }
        }
        if (labels != null && (labels.rank() < 1 || labels.size(0) != n)) {
            throw new IllegalArgumentException("Dataset.of: inputs have " + n + " examples but labels have "
                    + (labels.rank() < 1 ? 0 : labels.size(0)) + " (inputs " + shapes(inputs) + ", labels "
                    + Rows.shape(labels) + ")");
        }
        Indices.rows(n);
        List<INDArray> detached = new ArrayList<>(inputs.size());
        inputs.forEach(x -> detached.add(Rows.detach(x)));
        return new Dataset(detached, Rows.detach(labels));
    }

    /** A dataset of one or several inputs without labels, for {@code predict}. */
    public static Dataset of(List<INDArray> inputs) {
        return of(inputs, (INDArray) null);
    }

    /**
     * A dataset for a model with several outputs: {@code labels.get(j)} (shape {@code [n, ...]})
     * is the target of model output {@code j}, as Keras takes {@code y} as a list. A list of one
     * label array is the same as {@link #of(List, INDArray)}.
     *
     * @throws IllegalArgumentException when a label array is null, a scalar, or counts a different
     *     number of examples than the inputs (the message names it)
     */
    public static Dataset of(List<INDArray> inputs, List<INDArray> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("Dataset.of: needs at least one label array, got "
                    + (labels == null ? "null" : "an empty list") + "; pass null labels with of(inputs, (INDArray) null)");
        }
        if (labels.size() == 1) {
            return of(inputs, labels.get(0));
        }
        Dataset x = of(inputs);
        long n = x.size();
        List<INDArray> detached = new ArrayList<>(labels.size());
        for (int j = 0; j < labels.size(); j++) {
            INDArray y = labels.get(j);
            if (y == null || y.rank() < 1 || y.size(0) != n) {
                throw new IllegalArgumentException("Dataset.of: the inputs have " + n + " examples but label array "
                        + j + " has " + (y == null ? "none (null)" : y.rank() < 1 ? "0" : String.valueOf(y.size(0)))
                        + " (labels " + (y == null ? "null" : Rows.shape(y)) + "); every label array needs one row "
                        + "per example");
            }
            detached.add(Rows.detach(y));
        }
        return new Dataset(x.inputs, detached);
    }

    /**
     * The features, shape {@code [n, ...]}, of a dataset with one input.
     *
     * @throws IllegalStateException when the dataset has several inputs (use {@link #inputs()})
     */
    public INDArray features() {
        if (features == null) {
            throw new IllegalStateException("this Dataset has " + inputs.size() + " inputs; use inputs() "
                    + "(features() is for a dataset with one input)");
        }
        return features;
    }

    /** Every input array in order, each {@code [n, ...]}; a list of one for a one-input dataset. */
    public List<INDArray> inputs() {
        return inputs;
    }

    /** The number of input arrays (1 unless made with {@link #of(List, INDArray)} from several). */
    public int inputCount() {
        return inputs.size();
    }

    /**
     * The features of a one-input dataset for {@code operation}, which works on one input only;
     * a clear error for several (preprocessing and data reports use it).
     */
    public INDArray singleInput(String operation) {
        if (features == null) {
            throw new IllegalStateException(operation + " works on a dataset with one input, but this one has "
                    + inputs.size() + " inputs; apply it to inputs().get(i), or use map(i, fn)");
        }
        return features;
    }

    /**
     * The labels, shape {@code [n, ...]}, or {@code null} when this dataset has none.
     *
     * @throws IllegalStateException when the dataset has one label array per output of a model
     *     with several (use {@link #targets()})
     */
    public INDArray labels() {
        if (targets.size() > 1) {
            throw new IllegalStateException("this Dataset has " + targets.size() + " label arrays (one per model "
                    + "output); use targets() (labels() is for one label array)");
        }
        return labels;
    }

    /** Every label array in order, one per model output; empty when the dataset has no labels. */
    public List<INDArray> targets() {
        return targets;
    }

    /** Whether the dataset has labels. */
    public boolean hasLabels() {
        return !targets.isEmpty();
    }

    /** The number of examples {@code n}. */
    public long size() {
        return inputs.get(0).size(0);
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
     *
     * @throws IllegalStateException for a dataset with several inputs (use {@link #map(int, UnaryOperator)})
     */
    public Dataset map(UnaryOperator<INDArray> featureFn) {
        if (features == null) {
            throw new IllegalStateException("map(fn) maps the features of a dataset with one input, but this one has "
                    + inputs.size() + " inputs; use map(input, fn)");
        }
        INDArray mapped = Rows.detached(() -> featureFn.apply(features));
        return targets.size() > 1 ? of(List.of(mapped), targets) : of(mapped, labels);
    }

    /**
     * A dataset whose input {@code input} is {@code fn.apply(inputs().get(input))} (applied once, to
     * the whole array) and whose other inputs and labels are these; {@code fn} must keep the
     * number of examples. {@code map(0, fn)} on a one-input dataset is {@link #map(UnaryOperator)}.
     */
    public Dataset map(int input, UnaryOperator<INDArray> fn) {
        if (input < 0 || input >= inputs.size()) {
            throw new IllegalArgumentException("map: input " + input + " does not exist; this dataset has "
                    + inputs.size() + (inputs.size() == 1 ? " input" : " inputs"));
        }
        List<INDArray> mapped = new ArrayList<>(inputs);
        mapped.set(input, Rows.detached(() -> fn.apply(inputs.get(input))));
        return targets.size() > 1 ? of(mapped, targets) : of(mapped, labels);
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
    public Dataset subset(int[] rows) {
        if (features != null && targets.size() <= 1) {
            return new Dataset(Rows.gather(features, rows), Rows.gather(labels, rows));
        }
        return new Dataset(gatherInputs(rows), gatherTargets(rows));
    }

    /** The rows {@code rows} of every label array, in that order. */
    List<INDArray> gatherTargets(int[] rows) {
        List<INDArray> out = new ArrayList<>(targets.size());
        for (INDArray y : targets) {
            out.add(Rows.gather(y, rows));
        }
        return out;
    }

    /** The rows {@code rows} of every input, in that order. */
    List<INDArray> gatherInputs(int[] rows) {
        if (features != null) {
            return List.of(Rows.gather(features, rows));
        }
        List<INDArray> out = new ArrayList<>(inputs.size());
        for (INDArray x : inputs) {
            out.add(Rows.gather(x, rows));
        }
        return out;
    }

    private static String shapes(List<INDArray> arrays) {
        return arrays.stream().map(Rows::shape).toList().toString();
    }

    /** Labels as one integer class id per example. */
    int[] classIds() {
        if (targets.size() > 1) {
            throw new IllegalStateException("stratifiedSplit needs one label array, but this dataset has "
                    + targets.size() + " (one per model output); use split");
        }
        if (labels == null) {
            throw new IllegalStateException("stratifiedSplit needs labels, but this dataset has none");
        }
        return ClassLabels.ids(labels, "stratifiedSplit");
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " examples, " + (features != null ? "features " + Rows.shape(features)
                : inputs.size() + " inputs " + shapes(inputs)) + ", labels "
                + (targets.size() > 1 ? shapes(targets) : Rows.shape(labels)) + "]";
    }
}
