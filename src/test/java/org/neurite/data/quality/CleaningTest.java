package org.neurite.data.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.data.DataFixtures.INF;
import static org.neurite.data.DataFixtures.NAN;
import static org.neurite.data.DataFixtures.ids;
import static org.neurite.data.DataFixtures.rows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;

class CleaningTest {
    /** The first feature of every row, which the tests use as the row's name. */
    static float[] firstColumn(Dataset d) {
        return d.features().getColumn(0).toFloatVector();
    }

    @Test
    void dropMissingRemovesRowsWithNanOrInfinityInFeaturesOrLabels() {
        Dataset data = Dataset.of(rows(new float[] {0, 1}, new float[] {1, NAN}, new float[] {2, INF},
                new float[] {3, 3}, new float[] {4, 4}, new float[] {5, -INF}), ids(0, 1, 0, NAN, 1, 0));
        Cleaned cleaned = Cleaning.dropMissing(data);
        assertEquals(4, cleaned.removedRows());
        assertEquals(0, cleaned.imputedValues());
        assertArrayEquals(new float[] {0, 4}, firstColumn(cleaned.dataset()));
        assertArrayEquals(new float[] {0, 1}, cleaned.dataset().labels().toFloatVector());
        assertTrue(cleaned.description().contains("removed 4 of 6 rows"), cleaned.description());
        assertEquals(6, data.size(), "the input is unchanged");
    }

    @Test
    void dropMissingWithoutMissingValuesReturnsTheSameDataset() {
        Dataset data = Dataset.of(rows(new float[] {1}, new float[] {2}), null);
        Cleaned cleaned = Cleaning.dropMissing(data);
        assertSame(data, cleaned.dataset());
        assertEquals(0, cleaned.removedRows());
    }

    @Test
    void droppingEveryRowIsAnErrorNamingTheCount() {
        Dataset data = Dataset.of(rows(new float[] {NAN}, new float[] {INF}), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cleaning.dropMissing(data));
        assertTrue(e.getMessage().contains("all 2 rows"), e.getMessage());
    }

    /** Column 0 {1, NaN, 3, 10}, column 1 {NaN, 4, 8, inf}. */
    static Dataset gappy() {
        return Dataset.of(rows(new float[] {1, NAN}, new float[] {NAN, 4}, new float[] {3, 8},
                new float[] {10, INF}), ids(0, 1, 0, 1));
    }

    @Test
    void imputationValuesPerStrategy() {
        assertArrayEquals(new double[] {14 / 3.0, 6}, Cleaning.imputationValues(gappy(), Cleaning.Strategy.MEAN), 1e-6);
        assertArrayEquals(new double[] {3, 6}, Cleaning.imputationValues(gappy(), Cleaning.Strategy.MEDIAN), 1e-6);
        assertArrayEquals(new double[] {0, 0}, Cleaning.imputationValues(gappy(), Cleaning.Strategy.ZERO), 0);
        Dataset even = Dataset.of(rows(new float[] {20}, new float[] {1}, new float[] {NAN}, new float[] {10},
                new float[] {3}), null);
        assertArrayEquals(new double[] {6.5}, Cleaning.imputationValues(even, Cleaning.Strategy.MEDIAN), 1e-6);
        Dataset precise = Dataset.of(Nd4j.createFromArray(new double[][] {{1 + 1e-10}, {Double.NaN}, {3}}), null);
        assertEquals(2 + 0.5e-10, Cleaning.imputationValues(precise, Cleaning.Strategy.MEDIAN)[0], 1e-13,
                "DOUBLE features keep their precision");
        Dataset empty = Dataset.of(rows(new float[] {NAN, 1}, new float[] {NAN, 2}), null);
        assertArrayEquals(new double[] {0, 1.5}, Cleaning.imputationValues(empty, Cleaning.Strategy.MEAN), 1e-6,
                "a column without finite values gets 0");
    }

    @Test
    void imputeMissingFillsEachColumnAndCountsTheValues() {
        Cleaned cleaned = Cleaning.imputeMissing(gappy(), Cleaning.Strategy.MEDIAN);
        assertEquals(3, cleaned.imputedValues());
        assertEquals(0, cleaned.removedRows());
        INDArray expected = rows(new float[] {1, 6}, new float[] {3, 4}, new float[] {3, 8}, new float[] {10, 6});
        assertEquals(expected, cleaned.dataset().features());
        assertEquals(gappy().labels(), cleaned.dataset().labels());
        assertTrue(cleaned.description().contains("replaced 3 values (2 NaN, 1 infinite) in 2 of 2 columns"), cleaned.description());
    }

    @Test
    void imputeMissingReusesValuesFittedOnTrain() {
        double[] fill = Cleaning.imputationValues(gappy(), Cleaning.Strategy.MEAN);
        Dataset test = Dataset.of(rows(new float[] {NAN, 100}, new float[] {50, NAN}), null);
        Cleaned cleaned = Cleaning.imputeMissing(test, fill);
        assertArrayEquals(new float[] {14 / 3f, 100, 50, 6}, cleaned.dataset().features().reshape(4).toFloatVector(),
                1e-5f);
        assertTrue(Float.isNaN(test.features().getFloat(0, 0)), "the input is unchanged");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cleaning.imputeMissing(test, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("2 columns") && e.getMessage().contains("3 imputation values"),
                e.getMessage());
    }

    @Test
    void imputeMissingWorksPerPixelOfImages() {
        INDArray images = Nd4j.createFromArray(new float[] {1, NAN, 3, 4, 5, 6, NAN, 8}).reshape(2, 2, 2, 1);
        Cleaned cleaned = Cleaning.imputeMissing(Dataset.of(images, null), Cleaning.Strategy.MEAN);
        assertArrayEquals(new long[] {2, 2, 2, 1}, cleaned.dataset().features().shape());
        assertArrayEquals(new float[] {1, 6, 3, 4, 5, 6, 3, 8},
                cleaned.dataset().features().reshape(8).toFloatVector(), 1e-6f);
    }

    @Test
    void dropDuplicatesKeepsFirstOccurrencesAndConflictingLabels() {
        float[] a = {1, 1};
        float[] b = {2, 2};
        // rows: A/0 B/1 A/0 (dup) A/1 (conflict, kept) B/1 (dup) A/1 (dup of row 3)
        Dataset data = Dataset.of(rows(a, b, a, a, b, a), ids(0, 1, 0, 1, 1, 1));
        Cleaned cleaned = Cleaning.dropDuplicates(data);
        assertEquals(3, cleaned.removedRows());
        assertArrayEquals(new float[] {1, 2, 1}, firstColumn(cleaned.dataset()));
        assertArrayEquals(new float[] {0, 1, 1}, cleaned.dataset().labels().toFloatVector());
        assertTrue(cleaned.description().contains("removed 3 of 6 rows")
                && cleaned.description().contains("kept 1 rows"), cleaned.description());
        assertEquals(0, DataReport.of(cleaned.dataset()).duplicateRows());
    }

    @Test
    void dropDuplicatesWithoutLabelsComparesFeaturesOnly() {
        Dataset data = Dataset.of(rows(new float[] {1}, new float[] {2}, new float[] {1}), null);
        assertEquals(1, Cleaning.dropDuplicates(data).removedRows());
    }

    @Test
    void dropLeakedRemovesTestRowsFoundInTrain() {
        Dataset train = Dataset.of(rows(new float[] {1, 1}, new float[] {2, 2}), ids(0, 1));
        Dataset test = Dataset.of(rows(new float[] {2, 2}, new float[] {3, 3}, new float[] {1, 1},
                new float[] {4, 4}), ids(0, 0, 0, 1));
        Cleaned cleaned = Cleaning.dropLeaked(train, test);
        assertEquals(2, cleaned.removedRows());
        assertArrayEquals(new float[] {3, 4}, firstColumn(cleaned.dataset()));
        assertArrayEquals(new float[] {0, 1}, cleaned.dataset().labels().toFloatVector());
        assertEquals(0, DataReport.compare(train, cleaned.dataset()).leakedRows());
        assertTrue(cleaned.description().startsWith("dropLeaked: removed 2 of 4 rows"), cleaned.description());
        assertThrows(IllegalArgumentException.class,
                () -> Cleaning.dropLeaked(train, Dataset.of(rows(new float[] {1, 1, 1}), null)));
    }
}
