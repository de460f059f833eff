package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;

class DatasetTest {
    /** Features [n, 2] whose row i is (i, -i); labels [n] with row i = i % classes. */
    static Dataset numbered(int n, int classes) {
        INDArray ids = Nd4j.arange(n).castTo(DataType.FLOAT);
        INDArray x = Nd4j.concat(1, ids.reshape(n, 1), ids.neg().reshape(n, 1));
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return Dataset.of(x, Nd4j.createFromArray(y));
    }

    static int[] rowIds(Dataset d) {
        return d.features().getColumn(0).toIntVector();
    }

    @Test
    void ofRejectsMismatchedCountsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Nd4j.zeros(DataType.FLOAT, 100, 5), Nd4j.zeros(DataType.FLOAT, 99, 1)));
        assertTrue(e.getMessage().contains("100") && e.getMessage().contains("99"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of((INDArray) null, null));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(Nd4j.create(DataType.FLOAT, 0, 3), null));
    }

    @Test
    void labelsMayBeAbsent() {
        Dataset d = Dataset.of(Nd4j.zeros(DataType.FLOAT, 4, 3), null);
        assertEquals(4, d.size());
        assertNull(d.labels());
        assertFalse(d.hasLabels());
        assertNull(d.split(0.25, 1).test().labels());
        assertThrows(IllegalStateException.class, () -> d.stratifiedSplit(0.5, 1));
    }

    @Test
    void splitSizesAndDisjointCover() {
        Dataset d = numbered(10, 2);
        Dataset.Split s = d.split(0.3, 7);
        assertEquals(7, s.train().size());
        assertEquals(3, s.test().size());
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(rowIds(s.train())).forEach(seen::add);
        Arrays.stream(rowIds(s.test())).forEach(seen::add);
        assertEquals(10, seen.size());
        // labels travel with their rows
        assertArrayEquals(Arrays.stream(rowIds(s.test())).map(i -> i % 2).toArray(), s.test().labels().toIntVector());
        assertArrayEquals(rowIds(s.test()), rowIds(d.split(0.3, 7).test()), "same seed, same split");
        assertEquals(1, d.split(0.01, 1).test().size(), "never an empty test set");
        assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> d.split(0, 1));
    }

    @Test
    void stratifiedSplitKeepsClassRatios() {
        // 60 of class 0, 30 of class 1, 10 of class 2 (ids [n, 1])
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        Dataset d = Dataset.of(Nd4j.arange(100).castTo(DataType.FLOAT).reshape(100, 1),
                Nd4j.createFromArray(y).reshape(100, 1));
        Dataset.Split s = d.stratifiedSplit(0.2, 3);
        assertEquals(20, s.test().size());
        assertEquals(80, s.train().size());
        int[] counts = new int[3];
        for (int c : s.test().labels().toIntVector()) {
            counts[c]++;
        }
        assertArrayEquals(new int[] {12, 6, 2}, counts);
        assertFalse(isSorted(s.train().features().toIntVector()), "parts are shuffled");

        // one-hot labels give the same grouping
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 100, 3);
        for (int i = 0; i < 100; i++) {
            oneHot.putScalar(i, (int) y[i], 1);
        }
        Dataset.Split h = Dataset.of(d.features(), oneHot).stratifiedSplit(0.2, 3);
        assertArrayEquals(new long[] {20, 3}, h.test().labels().shape());
        assertEquals(2.0, h.test().labels().getColumn(2).sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(d.features(),
                Nd4j.rand(DataType.FLOAT, 100).addi(0.1)).stratifiedSplit(0.2, 1));
    }

    @Test
    void shuffleTakeAndMap() {
        Dataset d = numbered(20, 4);
        int[] shuffled = rowIds(d.shuffle(5));
        assertFalse(isSorted(shuffled));
        assertArrayEquals(shuffled, rowIds(d.shuffle(5)));
        assertNotEquals(Arrays.toString(shuffled), Arrays.toString(rowIds(d.shuffle(6))));
        int[] sorted = shuffled.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Indices.range(0, 20), sorted);

        assertArrayEquals(new int[] {0, 1, 2}, rowIds(d.take(3)));
        assertSame(d, d.take(100));
        Dataset doubled = d.map(x -> x.mul(2));
        assertEquals(38.0, doubled.features().getDouble(19, 0));
        assertSame(d.labels(), doubled.labels());
        assertThrows(IllegalArgumentException.class, () -> d.map(x -> x.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3))));
    }

    @Test
    void arraysOutliveTheWorkspaceTheyWereMadeIn() {
        Dataset d;
        Dataset.Split s;
        try (MemoryScope scope = MemoryScope.open("dataset-test")) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3);
            assertTrue(x.isAttached());
            d = Dataset.of(x, Nd4j.zeros(DataType.FLOAT, 6));
            s = d.split(0.5, 1);
        }
        assertFalse(d.features().isAttached());
        assertFalse(s.train().features().isAttached());
        assertEquals(3, s.test().size());
        assertTrue(Double.isFinite(s.test().features().sumNumber().doubleValue()));
    }

    @Test
    void gathersImageShapedRows() {
        INDArray x = Nd4j.arange(5 * 4).castTo(DataType.FLOAT).reshape(5, 2, 2, 1);
        Dataset d = Dataset.of(x, Nd4j.arange(5).castTo(DataType.FLOAT));
        Dataset s = d.subset(new int[] {4, 0});
        assertArrayEquals(new long[] {2, 2, 2, 1}, s.features().shape());
        assertEquals(16.0, s.features().getDouble(0, 0, 0, 0));
        assertEquals(0.0, s.features().getDouble(1, 0, 0, 0));
        assertArrayEquals(new int[] {4, 0}, s.labels().toIntVector());
        assertTrue(d.toString().contains("[5, 2, 2, 1]"), d.toString());
    }

    private static boolean isSorted(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
