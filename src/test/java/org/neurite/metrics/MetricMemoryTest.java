package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;

/** Metrics are updated inside a training step's memory scope; their state must outlive it. */
class MetricMemoryTest {

    @Test
    void stateSurvivesTheScopeOfEachUpdate() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        AUC auc = new AUC();
        F1Score f1 = new F1Score();
        List<Metric> binary = List.of(auc, new BinaryAccuracy());
        // created outside the scopes, like a dataset
        INDArray probabilities = ConfusionMatrixTest.PROBABILITIES;
        INDArray binaryY = PrecisionRecallF1Test.BINARY_Y;
        INDArray binaryP = PrecisionRecallF1Test.BINARY_P;
        for (int step = 0; step < 3; step++) {
            try (MemoryScope scope = MemoryScope.open("metric-test")) {
                INDArray labels = Nd4j.createFromArray(0, 1, 2, 2, 1, 0);
                cm.update(labels, probabilities.dup());
                f1.update(labels, probabilities.dup());
                for (Metric m : binary) {
                    m.update(binaryY.dup(), binaryP.dup());
                }
            }
        }
        long[][] tripled = {{3, 3, 0}, {0, 3, 3}, {0, 3, 3}};
        assertArrayEquals(tripled, cm.matrix());
        assertEquals(47.0 / 90, f1.result(), 1e-12);
        // the ranking of AUCTest.smallRankingByHand, three times over: still 4/9 of the pairs
        assertEquals(4.0 / 9, auc.result(), 1e-12);
        assertEquals(0.5, binary.get(1).result(), 1e-12);
    }
}
