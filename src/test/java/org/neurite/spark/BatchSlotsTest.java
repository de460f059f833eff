package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every position of a global batch goes to exactly one worker, in contiguous runs of the local batch sizes. */
class BatchSlotsTest {
    @ParameterizedTest
    @CsvSource({"2, 16", "2, 15", "3, 32", "3, 7", "4, 4", "1, 5"})
    void workersOwnContiguousSlicesOfEveryBatch(int workers, int batchSize) {
        BatchSlots slots = new BatchSlots(workers, batchSize);
        int[] counts = new int[workers];
        int previous = 0;
        for (long index = 0; index < 3L * batchSize; index++) {
            int worker = slots.getPartition(index);
            if (index % batchSize == 0) {
                assertEquals(0, worker, "a batch starts on worker 0");
            } else {
                assertTrue(worker == previous || worker == previous + 1, "contiguous at " + index);
            }
            previous = worker;
            if (index < batchSize) {
                counts[worker]++;
            }
            assertEquals(worker, slots.getPartition(index + batchSize), "the same position in the next batch");
        }
        int total = 0;
        for (int k = 0; k < workers; k++) {
            assertEquals(counts[k], BatchSlots.localBatch(k, workers, batchSize), "worker " + k);
            assertTrue(Math.abs(counts[k] - batchSize / (double) workers) < 1, "balanced: worker " + k);
            total += counts[k];
        }
        assertEquals(batchSize, total);
    }
}
