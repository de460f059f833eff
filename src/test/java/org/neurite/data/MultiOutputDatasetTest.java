package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Datasets with one label array per output of a model with several outputs. */
class MultiOutputDatasetTest {
    /** Row r: input [r, r], first labels [10 r], second labels [-r, 2 r]. */
    private static Dataset rows(int n) {
        INDArray r = Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1);
        return Dataset.of(List.of(Nd4j.hstack(r, r)), List.of(r.mul(10), Nd4j.hstack(r.neg(), r.mul(2))));
    }

    private static void assertAligned(List<INDArray> inputs, List<INDArray> targets) {
        double[] id = column(inputs.get(0), 0);
        double[] first = column(targets.get(0), 0);
        double[] negated = column(targets.get(1), 0);
        double[] doubled = column(targets.get(1), 1);
        for (int i = 0; i < id.length; i++) {
            assertEquals(10 * id[i], first[i], 0, "row " + i);
            assertEquals(-id[i], negated[i], 0, "row " + i);
            assertEquals(2 * id[i], doubled[i], 0, "row " + i);
        }
    }

    private static double[] column(INDArray a, int c) {
        return a.getColumn(c).dup().reshape(a.size(0)).toDoubleVector();
    }

    @Test
    void everyOperationKeepsTheLabelArraysWithTheirRows() {
        Dataset d = rows(10);
        assertEquals(2, d.targets().size());
        assertTrue(d.hasLabels());
        assertAligned(d.shuffle(3).inputs(), d.shuffle(3).targets());
        Dataset.Split split = d.split(0.3, 1);
        assertAligned(split.test().inputs(), split.test().targets());
        assertEquals(3, split.test().size());
        assertAligned(d.slice(2, 6).inputs(), d.slice(2, 6).targets());
        Dataset mapped = d.map(x -> x.add(0));
        assertAligned(mapped.inputs(), mapped.targets());
        long seen = 0;
        for (Batch batch : d.batches(4, true, 9)) {
            assertEquals(2, batch.targets().size());
            assertAligned(batch.inputs(), batch.targets());
            seen += batch.size();
        }
        assertEquals(10, seen);
    }

    @Test
    void oneLabelArrayIsAskedForByTheMethodsThatNeedOne() {
        Dataset d = rows(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, d::labels);
        assertTrue(e.getMessage().contains("targets()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> d.stratifiedSplit(0.5, 1));
        Batch batch = d.batches(4, false, 0).iterator().next();
        assertThrows(IllegalStateException.class, batch::labels);
        assertEquals(List.of(d.targets().get(0)), rows(4).take(4).targets().subList(0, 1));
    }

    @Test
    void aLabelArrayOfTheWrongLengthIsNamed() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(List.of(x), List.of(Nd4j.zeros(DataType.FLOAT, 5, 1), Nd4j.zeros(DataType.FLOAT, 4, 1))));
        assertTrue(e.getMessage().contains("label array 1") && e.getMessage().contains("5 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(List.of(x), List.of()));
        Dataset one = Dataset.of(List.of(x), List.of(Nd4j.ones(DataType.FLOAT, 5, 1)));
        assertEquals(Nd4j.ones(DataType.FLOAT, 5, 1), one.labels());
    }
}
