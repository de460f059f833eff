package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.optimizers.SGD;
import org.neurite.preprocessing.OneHot;

/** Fit.classWeight with classes the map leaves out, and bad maps and labels (issue 11, case 4). */
class ClassWeightTest {
    private static final int N = 30;

    private static INDArray features() {
        Neurite.seed(11);
        return Nd4j.rand(DataType.FLOAT, N, 4);
    }

    /** Class ids 0, 1, 2, 0, 1, 2, ... as FLOAT [n]. */
    private static INDArray ids() {
        float[] ids = new float[N];
        for (int i = 0; i < N; i++) {
            ids[i] = i % 3;
        }
        return Nd4j.createFromArray(ids);
    }

    private static History fit(String loss, INDArray x, INDArray y, Map<Integer, Double> classWeight) {
        Neurite.seed(5);
        Sequential model = new Sequential(new Input(4), new Dense(3, "softmax"));
        model.compile(new SGD(0.1), loss.equals("sparse") ? Losses.sparseCategoricalCrossentropy()
                : Losses.categoricalCrossentropy());
        return model.fit(x, y, Fit.epochs(3).batchSize(8).seed(42).verbose(0).validationSplit(0.2)
                .classWeight(classWeight));
    }

    @Test
    void aMissingClassWeighsOneAsIfGivenExplicitly() {
        // issue 11, case 4: labels with class 2 and a map without it gave a raw native gather error
        INDArray x = features();
        INDArray y = ids();
        History missing = fit("sparse", x, y, Map.of(0, 1.0, 1, 2.0));
        History explicit = fit("sparse", x, y, Map.of(0, 1.0, 1, 2.0, 2, 1.0));
        assertEquals(explicit.history(), missing.history());
        assertEquals(3, missing.get("loss").size());
        History other = fit("sparse", x, y, Map.of(0, 1.0, 1, 2.0, 2, 3.0));
        assertNotEquals(explicit.get("loss"), other.get("loss"), "the weight of class 2 does count");
        // a map of only classes that never occur weighs everything 1.0, as no map at all
        assertEquals(fit("sparse", x, y, Map.of()).history(), fit("sparse", x, y, Map.of(7, 5.0)).history());
    }

    @Test
    void oneHotLabelsWithAMissingClass() {
        INDArray x = features();
        INDArray y = OneHot.encode(ids(), 3);
        History missing = fit("onehot", x, y, Map.of(1, 2.0));
        History explicit = fit("onehot", x, y, Map.of(0, 1.0, 1, 2.0, 2, 1.0));
        assertEquals(explicit.history(), missing.history());
        // the same weights as for the class ids
        assertEquals(fit("sparse", x, ids(), Map.of(1, 2.0)).get("loss"), missing.get("loss"));
    }

    @Test
    void badWeightsNameTheClassAndTheValue() {
        assertTrue(message(Map.of(0, 1.0, -1, 2.0)).contains("class -1 (weight 2.0)"), message(Map.of(-1, 2.0)));
        assertTrue(message(Map.of(0, 1.0, 2, Double.NaN)).contains("weight of class 2 must be a finite number "
                + ">= 0, got NaN"));
        assertTrue(message(Map.of(3, -0.5)).contains("weight of class 3 must be a finite number >= 0, got -0.5"));
        assertTrue(message(Map.of(1, Double.POSITIVE_INFINITY)).contains("class 1"));
        Map<Integer, Double> nullWeight = new HashMap<>();
        nullWeight.put(4, null);
        assertTrue(message(nullWeight).contains("weight of class 4 must be a finite number >= 0, got null"));
        Map<Integer, Double> nullClass = new HashMap<>();
        nullClass.put(null, 2.0);
        assertTrue(message(nullClass).contains("no class id"));
        assertEquals(0.0, Fit.epochs(1).classWeight(Map.of(0, 0.0)).classWeight().get(0), "a weight of 0 is fine");
        assertNull(Fit.epochs(1).classWeight(Map.of(0, 2.0)).classWeight(null).classWeight());
    }

    private static String message(Map<Integer, Double> weights) {
        return assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).classWeight(weights)).getMessage();
    }

    @Test
    void labelsThatAreNotClassIdsNameTheExampleAndValue() {
        // mean squared error checks no class ids itself, so the class-weight check speaks
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
        assertLabelError(x, Nd4j.createFromArray(0f, 1f, -1f, 0f), "example 2 is class -1.0, which is negative");
        assertLabelError(x, Nd4j.createFromArray(0f, 1.5f, 1f, 0f), "example 1 is class 1.5, which is not a whole number");
        assertLabelError(x, Nd4j.createFromArray(0f, 1f, 0f, 3e9f), "example 3 is class 3.0E9, which is beyond");
        assertLabelError(x, Nd4j.createFromArray(new float[][]{{0}, {1}, {-2}, {0}}), "example 2 is class -2.0");
    }

    private static void assertLabelError(INDArray x, INDArray y, String expected) {
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile(new SGD(0.1), Losses.meanSquaredError());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, y, Fit.epochs(1).verbose(0).classWeight(Map.of(0, 2.0))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith(model.name() + ".fit: classWeight needs integer class ids"), e.getMessage());
    }
}
