package org.neurite.data.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.data.DataFixtures.INF;
import static org.neurite.data.DataFixtures.NAN;
import static org.neurite.data.DataFixtures.ids;
import static org.neurite.data.DataFixtures.rows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.preprocessing.OneHot;

class DataReportTest {
    /** Column 0 {1, 4, NaN, 7}, column 1 {NaN, 5, NaN, 8}, column 2 {3, inf, 6, 9}. */
    static Dataset withMissing() {
        return Dataset.of(rows(new float[] {1, NAN, 3}, new float[] {4, 5, INF}, new float[] {NAN, NAN, 6},
                new float[] {7, 8, 9}), ids(0, 1, 0, 1));
    }

    @Test
    void countsNanAndInfinityByValueRowAndColumn() {
        DataReport report = DataReport.of(withMissing());
        assertEquals(3, report.nanValues());
        assertEquals(2, report.nanRows());
        assertEquals(1, report.infValues());
        assertEquals(1, report.infRows());
        assertArrayEquals(new long[] {1, 2, 0}, report.data().nanPerColumn());
        assertArrayEquals(new long[] {0, 0, 1}, report.data().infPerColumn());
        assertEquals(0, report.data().missingLabelRows());
    }

    @Test
    void valueRangesUseOnlyFiniteValues() {
        SplitReport part = DataReport.of(withMissing()).data();
        assertArrayEquals(new double[] {1, 5, 3}, part.columnMin(), 1e-6);
        assertArrayEquals(new double[] {7, 8, 9}, part.columnMax(), 1e-6);
        assertArrayEquals(new double[] {4, 6.5, 6}, part.columnMean(), 1e-6);
        assertArrayEquals(new double[] {Math.sqrt(6), 1.5, Math.sqrt(6)}, part.columnStd(), 1e-6);
        // finite values 1 4 7 5 8 3 6 9: mean 43/8, population variance 281/8 - (43/8)^2
        assertEquals(1, part.min(), 1e-9);
        assertEquals(9, part.max(), 1e-9);
        assertEquals(5.375, part.mean(), 1e-6);
        assertEquals(Math.sqrt(281 / 8.0 - 5.375 * 5.375), part.std(), 1e-6);
    }

    @Test
    void cleanDataUsesThePlainReductions() {
        SplitReport part = DataReport.of(Dataset.of(rows(new float[] {1, 2}, new float[] {3, 6}), null)).data();
        assertEquals(0, part.nanValues());
        assertArrayEquals(new double[] {2, 4}, part.columnMean(), 1e-6);
        assertArrayEquals(new double[] {1, 2}, part.columnStd(), 1e-6);
        assertEquals(3, part.mean(), 1e-6);
        assertEquals(Math.sqrt(3.5), part.std(), 1e-6);
        assertEquals("none", part.labelDescription());
        assertTrue(part.classCounts().isEmpty());
    }

    @Test
    void missingLabelsAreCountedByRow() {
        Dataset data = Dataset.of(rows(new float[] {1}, new float[] {2}, new float[] {3}), ids(0, NAN, INF));
        assertEquals(2, DataReport.of(data).data().missingLabelRows());
    }

    @Test
    void findsConstantColumnsOfTablesAndConstantPixelsOfImages() {
        Dataset table = Dataset.of(rows(new float[] {1, 2, 5, 0}, new float[] {3, 2, 6, 0},
                new float[] {4, 2, 7, 0}), null);
        assertEquals(List.of(1, 3), DataReport.of(table).constantColumns());
        // 3 grey 2x2 images: pixel (0,0) always 0, pixel (1,1) always 1
        float[] pixels = {0, 5, 6, 1, 0, 7, 8, 1, 0, 9, 2, 1};
        Dataset images = Dataset.of(Nd4j.createFromArray(pixels).reshape(3, 2, 2, 1), ids(0, 1, 2));
        DataReport report = DataReport.of(images);
        assertEquals(List.of(0, 3), report.constantColumns());
        assertFalse(report.data().isTabular());
        assertTrue(report.toString().contains("2 of 4"), report.toString());
    }

    @Test
    void classBalanceFromIdsColumnAndOneHot() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 6, 1).addi(Nd4j.arange(6).reshape(6, 1));
        Map<Integer, Long> expected = Map.of(0, 3L, 1, 1L, 2, 2L);
        INDArray ids = ids(0, 0, 2, 1, 2, 0);
        for (INDArray labels : List.of(ids, ids.reshape(6, 1), OneHot.encode(ids, 3))) {
            DataReport report = DataReport.of(Dataset.of(x, labels));
            assertEquals(expected, report.classCounts());
            assertEquals(3.0, report.imbalanceRatio(), 1e-12);
            assertEquals(0.5, report.data().classFractions().get(0), 1e-12);
            assertEquals(1 / 6.0, report.data().classFractions().get(1), 1e-12);
        }
        DataReport regression = DataReport.of(Dataset.of(x, ids(0.5f, 1, 2, 3, 4, 5)));
        assertTrue(regression.classCounts().isEmpty());
        assertTrue(Double.isNaN(regression.imbalanceRatio()));
    }

    @Test
    void duplicatesWithinASplitSeparateConflictingLabels() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = {5, 6};
        // A/0 B/1 A/0 (exact) A/1 (conflict) C/2 B/0 (conflict) A/1 (exact, repeats row 3)
        Dataset data = Dataset.of(rows(a, b, a, a, c, b, a), ids(0, 1, 0, 1, 2, 0, 1));
        DataReport report = DataReport.of(data);
        assertEquals(2, report.duplicateRows());
        assertEquals(2, report.conflictingLabelRows());
    }

    @Test
    void rowsCompareByValueWithNanEqualToNanAndNegativeZeroEqualToZero() {
        Dataset data = Dataset.of(rows(new float[] {NAN, 0f}, new float[] {NAN, -0f}, new float[] {NAN, 1f}), null);
        assertEquals(1, DataReport.of(data).duplicateRows());
        INDArray wide = Nd4j.createFromArray(new double[][] {{1.0}, {1.0 + 1e-12}, {1.0}});
        assertEquals(1, DataReport.of(Dataset.of(wide, null)).duplicateRows(), "DOUBLE keeps full precision");
    }

    @Test
    void manyRowsWithPlantedDuplicatesAndNonContiguousInput() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 300, 2000).transpose();   // [2000, 300], a strided view
        for (int i = 0; i < 50; i++) {
            x.putRow(1000 + i, x.getRow(i));
        }
        DataReport report = DataReport.of(Dataset.of(x, null));
        assertEquals(50, report.duplicateRows());
        assertEquals(0, report.conflictingLabelRows());
    }

    @Test
    void leakageCountsTestRowsWhoseFeaturesOccurInTrain() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = {5, 6};
        float[] d = {7, 8};
        Dataset train = Dataset.of(rows(a, b, c), ids(0, 1, 2));
        Dataset test = Dataset.of(rows(b, d, c, b), ids(1, 3, 0, 1));
        DataReport report = DataReport.compare(train, test);
        assertTrue(report.isComparison());
        assertEquals(3, report.leakedRows());
        assertEquals(1, report.leakedWithOtherLabel());
        assertEquals(1, report.test().duplicateRows());
        assertEquals(0, report.data().duplicateRows());
        assertEquals(Map.of(0, 1L, 1, 2L, 3, 1L), report.test().classCounts());
        assertEquals(0, DataReport.of(train).leakedRows());
        assertThrows(IllegalStateException.class, () -> DataReport.of(train).test());
    }

    @Test
    void compareRejectsDifferentExampleShapes() {
        Dataset train = Dataset.of(Nd4j.zeros(DataType.FLOAT, 4, 3), null);
        Dataset test = Dataset.of(Nd4j.zeros(DataType.FLOAT, 2, 5), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataReport.compare(train, test));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[2, 5]"), e.getMessage());
    }

    @Test
    void tableShowsTheKeyNumbers() {
        Dataset train = withMissing();
        Dataset test = Dataset.of(rows(new float[] {7, 8, 9}, new float[] {0, 0, 0}), ids(1, 1));
        String table = DataReport.compare(train, test).toString();
        assertTrue(table.startsWith("Data report (train vs test)"), table);
        assertTrue(table.matches("(?s).*\\nNaN values +3 +0\\n.*"), table);
        assertTrue(table.matches("(?s).*\\n  rows with NaN +2 \\(50\\.0%\\) +0\\n.*"), table);
        assertTrue(table.matches("(?s).*\\ninfinite values +1 +0\\n.*"), table);
        assertTrue(table.matches("(?s).*\\ntest rows also in train \\(leak\\) +- +1 \\(50\\.0%\\)\\n.*"), table);
        assertTrue(table.matches("(?s).*\\n0 +2 \\(50\\.0%\\) +0 \\(0\\.0%\\)\\n.*"), table);
        assertTrue(table.matches("(?s).*\\n1 +5\\.0000 +8\\.0000 +6\\.5000 +1\\.5000 +2 +0\\n.*"), table);
        assertTrue(table.contains("column (test)"), table);
        int width = table.lines().filter(l -> l.startsWith("summary")).findFirst().orElseThrow().length();
        assertTrue(table.lines().filter(l -> l.startsWith("examples")).allMatch(l -> l.length() == width), table);
    }

    @Test
    void tableListsAtMostTwentyColumns() {
        String table = DataReport.of(Dataset.of(Nd4j.rand(DataType.FLOAT, 5, 25), null)).toString();
        assertTrue(table.contains("\n19 ") && !table.contains("\n20 "), table);
        assertTrue(table.contains("... 5 more columns"), table);
    }
}
