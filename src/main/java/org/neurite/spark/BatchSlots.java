package org.neurite.spark;

import org.apache.spark.Partitioner;

/**
 * Sends example {@code i} (its index in the data) to the worker that owns its position in its
 * global batch: positions {@code [k*B/W, (k+1)*B/W)} of every batch of {@code B} go to worker
 * {@code k} of {@code W}. Each worker then holds, in index order, its slice of every global batch,
 * so step {@code t} is the union of the workers' {@code t}-th local batches: exactly the batch
 * {@code fit} would take with shuffling off.
 */
final class BatchSlots extends Partitioner {
    private final int workers;
    private final int batchSize;

    BatchSlots(int workers, int batchSize) {
        this.workers = workers;
        this.batchSize = batchSize;
    }

    @Override
    public int numPartitions() {
        return workers;
    }

    @Override
    public int getPartition(Object key) {
        long position = (Long) key % batchSize;
        return (int) (position * workers / batchSize);
    }

    /** How many positions of a full global batch worker {@code k} owns: its local batch size. */
    static int localBatch(int k, int workers, int batchSize) {
        return (int) (first(k + 1, workers, batchSize) - first(k, workers, batchSize));
    }

    /** The first position of worker {@code k}: the smallest p with p*W/B >= k. */
    private static long first(int k, int workers, int batchSize) {
        return ((long) k * batchSize + workers - 1) / workers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchSlots s && s.workers == workers && s.batchSize == batchSize;
    }

    @Override
    public int hashCode() {
        return 31 * workers + batchSize;
    }
}
