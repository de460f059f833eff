package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** BatchSource: one pass per epoch, prefetched, its file-like iterators closed, errors carried over. */
class BatchSourceTest {
    /** {@code count} batches of one row holding 0, 1, 2, ...; counts its closes; fails at {@code failAt}. */
    private static final class Counting implements Iterator<Batch>, AutoCloseable {
        final AtomicInteger closes;
        final int count;
        final int failAt;
        int next;

        Counting(int count, int failAt, AtomicInteger closes) {
            this.count = count;
            this.failAt = failAt;
            this.closes = closes;
        }

        @Override
        public boolean hasNext() {
            return next < count;
        }

        @Override
        public Batch next() {
            if (next == failAt) {
                throw new IllegalArgumentException("bad row " + next);
            }
            return new Batch(Nd4j.scalar(DataType.FLOAT, next++).reshape(1, 1), null);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void eachEpochIsANewPassAndItsSourceIsClosedAtTheEnd() {
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        BatchSource source = BatchSource.of(() -> {
            passes.incrementAndGet();
            return new Counting(3, -1, closes);
        });
        for (int epoch = 0; epoch < 2; epoch++) {
            int sum = 0;
            try (BatchIterator it = source.batches(epoch)) {
                assertEquals(-1, it.size(), "a stream does not know its length");
                while (it.hasNext()) {
                    sum += it.next().features().getInt(0, 0);
                }
            }
            assertEquals(0 + 1 + 2, sum);
        }
        assertEquals(2, passes.get());
        assertEquals(2, closes.get());
    }

    @Test
    void leavingEarlyClosesTheSourceAndAFailureIsRethrownWithItsBatch() {
        AtomicInteger closes = new AtomicInteger();
        BatchIterator early = BatchSource.of(() -> new Counting(100, -1, closes)).batches(0);
        early.next();
        early.close();
        assertFalse(early.producerAlive());
        assertEquals(1, closes.get());

        BatchIterator failing = BatchSource.of(() -> new Counting(5, 2, closes)).batches(0);
        failing.next();
        failing.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, failing::hasNext);
        assertTrue(e.getMessage().contains("batch 3") && e.getCause().getMessage().equals("bad row 2"), e.getMessage());
        assertEquals(2, closes.get());
    }

    @Test
    void onceGivesOnePass() {
        BatchSource once = BatchSource.once(new Counting(1, -1, new AtomicInteger()));
        once.epoch(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> once.epoch(1));
        assertTrue(e.getMessage().contains("BatchSource.of"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchSource.of(null));
    }

    @Test
    void sampleWeightsFollowTheirRowsThroughShuffling() {
        Dataset data = DatasetTest.numbered(10, 3);
        Batches batches = data.batches(4, true, 5).withSampleWeight(Nd4j.arange(10).castTo(DataType.FLOAT).addi(100));
        for (Batch batch : batches) {
            int[] ids = batch.features().getColumn(0).toIntVector();
            float[] w = batch.sampleWeight().toFloatVector();
            for (int i = 0; i < ids.length; i++) {
                assertEquals(100 + ids[i], w[i], 0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> batches.withSampleWeight(Nd4j.ones(DataType.FLOAT, 9)));
    }
}
