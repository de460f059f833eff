package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GruTest {

    @Test
    void harness() {
        LayerHarness.of(new GRU(3), 4, 2).checkAll(new long[]{3}, 3 * (2 * 3 + 3 * 3) + 2 * 3 * 3);
        LayerHarness.of(new GRU(2).returnSequences(true).goBackwards(true), 3, 2).checkAll(new long[]{3, 2},
                3 * (2 * 2 + 2 * 2) + 2 * 3 * 2);
        LayerHarness.of(new GRU(2).useBias(false).dropout(0.3).recurrentDropout(0.2), 3, 2)
                .checkAll(new long[]{2}, 3 * (2 * 2 + 2 * 2));
    }

    @Test
    void matchesKerasEquations() {
        RecurrentChecks.matchesReference(RecurrentReference.Cell.GRU, () -> new GRU(RecurrentChecks.UNITS));
    }

    @Test
    void gradientsWithMaskAndDropout() {
        RecurrentChecks.maskedGradients(new GRU(3).returnSequences(true));
        RecurrentChecks.maskedGradients(new GRU(3).goBackwards(true).dropout(0.25).recurrentDropout(0.25));
    }

    @Test
    void paddedBatchEqualsUnpaddedSequences() {
        RecurrentChecks.paddedEqualsUnpadded(new GRU(4), false, false);
        RecurrentChecks.paddedEqualsUnpadded(new GRU(4).returnSequences(true), true, false);
        RecurrentChecks.paddedEqualsUnpadded(new GRU(4).goBackwards(true), false, true);
    }

    @Test
    void kerasLayoutAndConfig() {
        GRU gru = new GRU(5);
        gru.build(new long[]{7, 3});
        List<INDArray> w = gru.getWeights();
        assertArrayEquals(new long[]{3, 15}, w.get(0).shape());
        assertArrayEquals(new long[]{5, 15}, w.get(1).shape());
        assertArrayEquals(new long[]{2, 15}, w.get(2).shape());
        assertEquals(3L * (3 * 5 + 5 * 5) + 2 * 3 * 5, gru.countParams());
        Map<String, Object> c = gru.config();
        assertEquals(true, c.get("reset_after"));
        assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("GRU", Map.of("units", 2, "reset_after", false)));
    }
}
