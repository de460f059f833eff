package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.quality.Cleaning;
import org.neurite.data.quality.DataReport;
import org.neurite.preprocessing.ClassWeights;
import org.neurite.preprocessing.MinMaxScaler;
import org.neurite.preprocessing.Standardizer;
import org.neurite.tensor.MemoryScope;

/** Datasets and batches of several input arrays. */
class MultiInputDatasetTest {
    /**
     * n examples of three inputs and labels, all derived from the row number i: ids [n, 3] with
     * row (i, i, i); images [n, 2, 2, 1] with all pixels 10 i; a DOUBLE [n] vector -i; labels i % classes.
     */
    static Dataset numbered(int n, int classes) {
        INDArray ids = Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1).repeat(1, 3);
        INDArray images = Nd4j.arange(n).castTo(DataType.FLOAT).muli(10).reshape(n, 1, 1, 1).repeat(1, 2).repeat(2, 2);
        INDArray negative = Nd4j.arange(n).castTo(DataType.DOUBLE).negi();
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return Dataset.of(List.of(ids, images, negative), Nd4j.createFromArray(y));
    }

    /** The row numbers of d, after checking every input and the label agree on them. */
    static int[] aligned(List<INDArray> inputs, INDArray labels, int classes) {
        assertEquals(3, inputs.size());
        long n = inputs.get(0).size(0);
        int[] rows = new int[(int) n];
        for (int r = 0; r < n; r++) {
            int i = inputs.get(0).getInt(r, 0);
            rows[r] = i;
            assertEquals(i, inputs.get(0).getInt(r, 2));
            INDArray image = inputs.get(1).get(NDArrayIndex.point(r));
            assertEquals(10.0 * i, image.minNumber().doubleValue());
            assertEquals(10.0 * i, image.maxNumber().doubleValue());
            assertEquals(-i, inputs.get(2).getDouble(r), 0.0);
            if (labels != null) {
                assertEquals(i % classes, labels.getInt(r));
            }
        }
        return rows;
    }

    static int[] aligned(Dataset d, int classes) {
        assertEquals(3, d.inputCount());
        return aligned(d.inputs(), d.labels(), classes);
    }

    @Test
    void holdsTheInputsInOrder() {
        Dataset d = numbered(6, 2);
        assertEquals(3, d.inputCount());
        assertEquals(6, d.size());
        assertArrayEquals(new long[]{6, 2, 2, 1}, d.inputs().get(1).shape());
        assertEquals(DataType.DOUBLE, d.inputs().get(2).dataType());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5}, aligned(d, 2));
        assertThrows(UnsupportedOperationException.class, () -> d.inputs().set(0, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, d::features);
        assertTrue(e.getMessage().startsWith("this Dataset has 3 inputs; use inputs()"), e.getMessage());
        assertTrue(d.toString().contains("3 inputs") && d.toString().contains("[6, 2, 2, 1]"), d.toString());
    }

    @Test
    void oneInputIsAListOfOne() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
        Dataset d = Dataset.of(x, null);
        assertEquals(1, d.inputCount());
        assertEquals(List.of(x), d.inputs());
        assertSame(x, d.inputs().get(0));
        Dataset fromList = Dataset.of(List.of(x));
        assertSame(x, fromList.features());
        assertEquals(1, fromList.inputCount());
        Batch b = d.batches(4, false, 0).iterator().next();
        assertEquals(1, b.inputCount());
        assertSame(b.features(), b.inputs().get(0));
    }

    @Test
    void ofNamesTheInputThatDiffers() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 10, 3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 10, 2);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 9, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(List.of(a, b, c)));
        assertTrue(e.getMessage().startsWith("Dataset.of: input 2 has 9 examples but input 0 has 10"), e.getMessage());
        assertTrue(e.getMessage().contains("FLOAT [9, 4]"), e.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(List.of(a, b), Nd4j.zeros(DataType.FLOAT, 11)));
        assertTrue(labels.getMessage().contains("inputs have 10 examples but labels have 11"), labels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of((List<INDArray>) null));
        List<INDArray> withNull = new ArrayList<>(Arrays.asList(a, null));
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Dataset.of(withNull));
        assertTrue(n.getMessage().contains("input 1 of 2 is null"), n.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(List.of(a, Nd4j.create(DataType.FLOAT, 0, 3))));
        assertTrue(empty.getMessage().contains("input 1 needs at least one example"), empty.getMessage());
    }

    @Test
    void everyOperationKeepsTheRowsTogether() {
        Dataset d = numbered(20, 3);
        assertArrayEquals(new int[]{0, 1, 2}, aligned(d.take(3), 3));
        assertSame(d, d.take(50));
        assertArrayEquals(new int[]{5, 6, 7}, aligned(d.slice(5, 8), 3));
        int[] shuffled = aligned(d.shuffle(4), 3);
        assertFalse(Arrays.equals(Indices.range(0, 20), shuffled));
        assertArrayEquals(shuffled, aligned(d.shuffle(4), 3));

        Dataset.Split split = d.split(0.25, 9);
        int[] train = aligned(split.train(), 3);
        int[] test = aligned(split.test(), 3);
        assertEquals(15, train.length);
        assertEquals(5, test.length);
        int[] all = new int[20];
        System.arraycopy(train, 0, all, 0, 15);
        System.arraycopy(test, 0, all, 15, 5);
        Arrays.sort(all);
        assertArrayEquals(Indices.range(0, 20), all);

        Dataset.Split strat = numbered(30, 3).stratifiedSplit(0.2, 1);
        int[] stratTest = aligned(strat.test(), 3);
        assertEquals(6, stratTest.length);
        aligned(strat.train(), 3);
        assertArrayEquals(new int[]{2, 2, 2}, Arrays.stream(new int[]{0, 1, 2})
                .map(c -> (int) Arrays.stream(stratTest).filter(i -> i % 3 == c).count()).toArray());

        assertArrayEquals(new int[]{7, 2}, aligned(d.subset(new int[]{7, 2}), 3));
    }

    @Test
    void batchesCarryEveryInputWithShufflingAndPrefetch() {
        Batches batches = numbered(10, 3).batches(4, true, 11);
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> seen = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (Batch batch : batches) {
                assertEquals(3, batch.inputCount());
                sizes.add(batch.size());
                Arrays.stream(aligned(batch.inputs(), batch.labels(), 3)).forEach(seen::add);
                IllegalStateException e = assertThrows(IllegalStateException.class, batch::features);
                assertTrue(e.getMessage().startsWith("this Batch has 3 inputs; use inputs()"), e.getMessage());
                assertFalse(batch.inputs().get(1).isAttached());
            }
            assertEquals(List.of(4L, 4L, 2L), sizes);
            assertEquals(10, seen.stream().distinct().count());
        }
        // the same seed gives the same order for every input
        List<Integer> first = new ArrayList<>();
        numbered(10, 3).batches(4, true, 11).forEach(b -> Arrays.stream(aligned(b.inputs(), b.labels(), 3))
                .forEach(first::add));
        List<Integer> again = new ArrayList<>();
        numbered(10, 3).batches(4, true, 11).forEach(b -> Arrays.stream(aligned(b.inputs(), b.labels(), 3))
                .forEach(again::add));
        assertEquals(first, again);
    }

    @Test
    void batchesWithoutLabelsAndInsideAScope() {
        Dataset d = numbered(5, 2);
        Dataset unlabelled = Dataset.of(d.inputs());
        try (MemoryScope scope = MemoryScope.open("multi-input-batches")) {
            for (Batch batch : unlabelled.batches(2, true, 3)) {
                aligned(batch.inputs(), null, 2);
                assertEquals(null, batch.labels());
            }
        }
    }

    @Test
    void releaseFreesEveryInput() {
        Dataset d = numbered(6, 2);
        Batch batch = d.batches(3, true, 5).iterator().next();
        batch.release();
        for (INDArray x : batch.inputs()) {
            assertTrue(x.wasClosed(), "every input is freed");
        }
        assertTrue(batch.labels().wasClosed());
        assertFalse(d.inputs().get(0).wasClosed(), "the dataset keeps its arrays");
        assertThrows(IllegalArgumentException.class, () -> new Batch(List.of(), (INDArray) null));
    }

    @Test
    void mapOneInput() {
        Dataset d = numbered(4, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.map(x -> x.mul(2)));
        assertTrue(e.getMessage().contains("has 3 inputs; use map(input, fn)"), e.getMessage());
        Dataset scaled = d.map(1, x -> x.div(10));
        assertEquals(3.0, scaled.inputs().get(1).getDouble(3, 1, 1, 0));
        assertSame(d.inputs().get(0), scaled.inputs().get(0));
        assertSame(d.inputs().get(2), scaled.inputs().get(2));
        assertSame(d.labels(), scaled.labels());
        assertThrows(IllegalArgumentException.class, () -> d.map(3, x -> x));
        assertThrows(IllegalArgumentException.class, () -> d.map(0, x -> x.get(NDArrayIndex.interval(0, 2))));
        Dataset one = Dataset.of(Nd4j.ones(DataType.FLOAT, 2, 2), null);
        assertEquals(4.0, one.map(0, x -> x.mul(4)).features().getDouble(1, 1));
    }

    @Test
    void oneInputToolsSayTheyNeedOneInput() {
        Dataset d = numbered(6, 2);
        IllegalStateException report = assertThrows(IllegalStateException.class, () -> DataReport.of(d));
        assertTrue(report.getMessage().startsWith("DataReport.of works on a dataset with one input, but this one "
                + "has 3 inputs"), report.getMessage());
        assertThrows(IllegalStateException.class, () -> DataReport.compare(d, d));
        assertThrows(IllegalStateException.class, () -> Standardizer.fit(d));
        assertThrows(IllegalStateException.class, () -> MinMaxScaler.fit(d));
        assertThrows(IllegalStateException.class, () -> Cleaning.dropDuplicates(d));
        assertThrows(IllegalStateException.class, () -> Cleaning.dropMissing(d));
        // a scaler fitted on one input maps it
        Standardizer s = Standardizer.fit(d.inputs().get(0));
        Dataset standardized = d.map(0, s::transform);
        assertEquals(0.0, standardized.inputs().get(0).meanNumber().doubleValue(), 1e-5);
        assertEquals(2, ClassWeights.balanced(d).size());
    }
}
