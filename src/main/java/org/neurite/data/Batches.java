package org.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mini-batches of a {@link Dataset}; each {@link #iterator()} is one epoch.
 *
 * <pre>{@code
 * Batches batches = data.batches(32, true, 42);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : batches) {          // a new order every epoch
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Every epoch visits each example exactly once; the last batch is smaller when the batch size does
 * not divide the dataset. With shuffling, epoch {@code e} has an order fixed by {@code seed} and
 * {@code e}, so a run can be repeated. The next batch is prepared on a background thread while the
 * current one is used (see {@link BatchIterator}).
 */
public final class Batches implements Iterable<Batch> {
    private static final long EPOCH_STRIDE = 0x9E3779B97F4A7C15L;

    private final int examples;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final Function<int[], Batch> loader;
    private final AtomicLong epoch = new AtomicLong();

    Batches(Dataset data, int batchSize, boolean shuffle, long seed) {
        this(data.size(), batchSize, shuffle, seed, loader(data));
    }

    /** For tests: batches whose content comes from {@code loader(rows)}. */
    Batches(long examples, int batchSize, boolean shuffle, long seed, Function<int[], Batch> loader) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.examples = Indices.rows(examples);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.loader = loader;
    }

    private static Function<int[], Batch> loader(Dataset data) {
        if (data.targets().size() > 1) {
            return rows -> new Batch(data.gatherInputs(rows), data.gatherTargets(rows));
        }
        if (data.inputCount() == 1) {
            INDArray features = data.features();
            return rows -> new Batch(Rows.gather(features, rows), Rows.gather(data.labels(), rows));
        }
        return rows -> new Batch(data.gatherInputs(rows), Rows.gather(data.labels(), rows));
    }

    /**
     * The same batches, each carrying the rows of {@code weights} ({@code [examples]}) that match
     * its examples as its {@link Batch#sampleWeight()}; null gives these batches unchanged.
     *
     * @throws IllegalArgumentException when {@code weights} does not hold one value per example
     */
    public Batches withSampleWeight(INDArray weights) {
        if (weights == null) {
            return this;
        }
        if (weights.length() != examples || weights.rank() > 2) {
            throw new IllegalArgumentException("sampleWeight needs one weight per example, [" + examples + "], got "
                    + Rows.shape(weights));
        }
        INDArray column = Rows.detach(weights.reshape(examples));
        Function<int[], Batch> unweighted = loader;
        return new Batches(examples, batchSize, shuffle, seed,
                rows -> unweighted.apply(rows).withSampleWeight(Rows.gather(column, rows)));
    }

    /** The number of examples per batch (the last one may have fewer). */
    public int batchSize() {
        return batchSize;
    }

    /** The number of batches per epoch, {@code ceil(examples / batchSize)}. */
    public int size() {
        return (int) ((examples + (long) batchSize - 1) / batchSize);
    }

    /** The next epoch's batches (epochs count from 0). Close the iterator when leaving a loop early. */
    @Override
    public BatchIterator iterator() {
        return iterator(epoch.getAndIncrement());
    }

    /**
     * The batches of epoch {@code e} (0-based), in the same order {@link #iterator()} gives that
     * epoch; a resumed run starts here. Later calls of {@link #iterator()} continue with {@code e + 1}.
     */
    public BatchIterator iterator(long e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        epoch.set(e + 1);
        int[] order = shuffle ? Indices.permutation(examples, seed + e * EPOCH_STRIDE) : Indices.range(0, examples);
        List<int[]> chunks = new ArrayList<>(size());
        for (int from = 0; from < examples; from += batchSize) {
            chunks.add(Arrays.copyOfRange(order, from, Math.min(examples, from + batchSize)));
        }
        return new BatchIterator(chunks, loader, "epoch " + e);
    }

    @Override
    public String toString() {
        return "Batches[" + size() + " x " + batchSize + " of " + examples + " examples, "
                + (shuffle ? "shuffled, seed " + seed : "in order") + "]";
    }
}
