package org.neurite.data;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Batches read as they are needed, for data that does not fit in memory (Keras's generators and
 * {@code tf.data}): {@code Model.fit}, {@code evaluate} and {@code predict} accept one where they
 * accept a {@link Dataset}, and hold only the batch being used and the next one.
 *
 * <pre>{@code
 * BatchSource train = Csv.stream(Path.of("big.csv"), "label", 256);      // a file read in chunks
 * BatchSource generated = BatchSource.of(() -> new MyBatches(...));     // one Iterator<Batch> per epoch
 * model.fit(train, Fit.epochs(3).validationData(Csv.stream(Path.of("val.csv"), "label", 256)));
 * }</pre>
 *
 * Each epoch asks for a new pass with {@link #epoch(int)}; the batches are produced one ahead on a
 * background thread while the current one trains (see {@link BatchIterator}), and each batch's
 * memory is freed once it has been used. A batch may carry {@link Batch#sampleWeight() sample
 * weights}. The source decides the order: shuffling a stream is its own business (a file is read
 * in order).
 */
@FunctionalInterface
public interface BatchSource {

    /**
     * The batches of epoch {@code epoch} (0-based), produced lazily. It is iterated on a background
     * thread; an iterator that is also {@link AutoCloseable} (an open file) is closed when the epoch
     * ends or is abandoned.
     */
    Iterator<Batch> epoch(int epoch);

    /** The batches of epoch {@code epoch}, prepared one ahead on a background thread. Close it when leaving early. */
    default BatchIterator batches(int epoch) {
        return new BatchIterator(epoch(epoch), -1, "epoch " + epoch);
    }

    /** A source that asks {@code epochs} for a new iterator of batches at every epoch. */
    static BatchSource of(Supplier<? extends Iterator<Batch>> epochs) {
        if (epochs == null) {
            throw new IllegalArgumentException("BatchSource.of: the supplier of batches is null");
        }
        return e -> epochs.get();
    }

    /**
     * A source of one pass over {@code batches}: for one epoch, one {@code evaluate} or one
     * {@code predict}. Asking it for a second pass is an error, since the iterator is used up.
     */
    static BatchSource once(Iterator<Batch> batches) {
        if (batches == null) {
            throw new IllegalArgumentException("BatchSource.once: the iterator of batches is null");
        }
        AtomicBoolean used = new AtomicBoolean();
        return e -> {
            if (used.getAndSet(true)) {
                throw new IllegalStateException("BatchSource.once gives one pass over its iterator, and it was used; "
                        + "for several epochs use BatchSource.of(() -> newIterator())");
            }
            return batches;
        };
    }
}
