package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;

class BatchesTest {
    private static List<Integer> epoch(Batches batches, List<Long> sizes) {
        List<Integer> rows = new ArrayList<>();
        for (Batch batch : batches) {
            sizes.add(batch.size());
            int[] ids = batch.features().getColumn(0).toIntVector();
            assertArrayEquals(Arrays.stream(ids).map(i -> i % 3).toArray(), batch.labels().toIntVector());
            Arrays.stream(ids).forEach(rows::add);
        }
        return rows;
    }

    @Test
    void everyRowOncePerEpochWithPartialLastBatch() {
        Batches batches = DatasetTest.numbered(10, 3).batches(4, true, 11);
        assertEquals(3, batches.size());
        List<Long> sizes = new ArrayList<>();
        List<Integer> first = epoch(batches, sizes);
        assertEquals(List.of(4L, 4L, 2L), sizes);
        assertEquals(10, first.stream().distinct().count());
        List<Integer> second = epoch(batches, new ArrayList<>());
        assertEquals(10, second.stream().distinct().count());
        assertNotEquals(first, second, "a new order each epoch");

        Batches again = DatasetTest.numbered(10, 3).batches(4, true, 11);
        assertEquals(first, epoch(again, new ArrayList<>()), "the seed fixes the order of every epoch");
        assertEquals(second, epoch(again, new ArrayList<>()));
    }

    @Test
    void anEpochCanBeStartedDirectlyAsAResumedRunDoes() {
        Batches full = DatasetTest.numbered(10, 3).batches(4, true, 11);
        List<List<Integer>> orders = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            orders.add(epoch(full, new ArrayList<>()));
        }
        Batches resumed = DatasetTest.numbered(10, 3).batches(4, true, 11);
        List<Integer> third = new ArrayList<>();
        try (BatchIterator it = resumed.iterator(2)) {
            it.forEachRemaining(b -> Arrays.stream(b.features().getColumn(0).toIntVector()).forEach(third::add));
        }
        assertEquals(orders.get(2), third);
        assertEquals(orders.get(3), epoch(resumed, new ArrayList<>()), "iterator() continues after the resumed epoch");
        assertThrows(IllegalArgumentException.class, () -> resumed.iterator(-1));
    }

    @Test
    void inOrderWithoutShuffleAndOneBatchWhenLarger() {
        List<Long> sizes = new ArrayList<>();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), epoch(DatasetTest.numbered(7, 3).batches(3, false, 0), sizes));
        assertEquals(List.of(3L, 3L, 1L), sizes);
        sizes.clear();
        epoch(DatasetTest.numbered(7, 3).batches(100, true, 0), sizes);
        assertEquals(List.of(7L), sizes);
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        Dataset d = DatasetTest.numbered(5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.batches(0, true, 1));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void batchesLiveOutsideTheTrainingWorkspace() {
        List<Batch> kept = new ArrayList<>();
        for (Batch batch : DatasetTest.numbered(9, 3).batches(2, true, 1)) {
            try (MemoryScope step = MemoryScope.open("batches-test")) {
                assertFalse(batch.features().isAttached());
                assertFalse(batch.labels().isAttached());
                batch.features().mul(2).sumNumber();
            }
            kept.add(batch);
        }
        double total = kept.stream().mapToDouble(b -> b.features().getColumn(0).sumNumber().doubleValue()).sum();
        assertEquals(36.0, total, "0 + 1 + ... + 8, readable after every scope closed");
    }

    @Test
    void labelsAbsentGiveNullLabels() {
        Dataset d = Dataset.of(Nd4j.zeros(DataType.FLOAT, 3, 2), null);
        for (Batch b : d.batches(2, false, 0)) {
            assertEquals(null, b.labels());
        }
    }

    @Test
    void producerErrorsReachTheConsumer() {
        RuntimeException boom = new IllegalArgumentException("bad row");
        Batches batches = new Batches(6, 2, false, 0, rows -> {
            if (rows[0] == 2) {
                throw boom;
            }
            return new Batch(Nd4j.zeros(DataType.FLOAT, rows.length, 1), null);
        });
        BatchIterator it = batches.iterator();
        assertTrue(it.hasNext());
        it.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().contains("batch 2 of 3") && e.getMessage().contains("bad row"), e.getMessage());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void closeStopsThePrefetchThread() throws Exception {
        Batches batches = new Batches(1000, 1, false, 0,
                rows -> new Batch(Nd4j.zeros(DataType.FLOAT, 1, 1), null));
        BatchIterator it = batches.iterator();
        it.next();
        assertTrue(it.producerAlive(), "blocked on the full queue");
        it.close();
        assertFalse(it.producerAlive());
        assertFalse(it.hasNext());
        it.close();

        BatchIterator done = batches.iterator();
        while (done.hasNext()) {
            done.next();
        }
        done.close();
        assertFalse(done.producerAlive(), "ends by itself after the last batch");
    }
}
