package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.layers.Dense;
import org.neurite.layers.Dropout;
import org.neurite.layers.Input;

class DeterminismTest {

    /** Losses and final weights of a seeded run: random data, initialisation, shuffling, dropout, Adam. */
    static Object[] run(long seed) {
        Neurite.seed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 96, 6);
        INDArray y = x.sum(1).reshape(96, 1).gt(3).castTo(DataType.FLOAT);
        Sequential model = new Sequential(new Input(6), new Dense(16, "relu"), new Dropout(0.3),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        History h = model.fit(x, y, Fit.epochs(3).batchSize(16).validationSplit(0.25).verbose(0));
        return new Object[]{h.get("loss"), h.get("val_loss"), model.snapshotWeights()};
    }

    @Test
    void oneSeedCallMakesTwoRunsIdentical() {
        Object[] a = run(2024);
        Nd4j.rand(DataType.FLOAT, 7);   // disturb the generator between the runs
        new Dense(3).name("unrelated"); // and the layer-name counters
        Object[] b = run(2024);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
        assertEquals(a[2], b[2]);
        Object[] c = run(2025);
        assertNotEquals(a[2], c[2], "another seed gives other weights");
    }

    @Test
    void anExplicitFitSeedOverridesTheGlobalOneForShufflingAndDropout() {
        Neurite.seed(5);
        assertEquals(5, Fit.epochs(1).seed());
        assertEquals(9, Fit.epochs(1).seed(9).seed());
        assertEquals(5, Neurite.currentSeed());
    }

    @AfterEach
    void restoreTheDefaultSeed() {
        Neurite.seed(0);
    }
}
