package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SimpleRNNTest {

    @Test
    void harness() {
        LayerHarness.of(new SimpleRNN(3), 4, 2).checkAll(new long[]{3}, 2 * 3 + 3 * 3 + 3);
        LayerHarness.of(new SimpleRNN(2).returnSequences(true).goBackwards(true), 3, 2).checkAll(new long[]{3, 2},
                2 * 2 + 2 * 2 + 2);
        LayerHarness.of(new SimpleRNN(2).activation("relu"), 3, 2).checkAll(new long[]{2}, 2 * 2 + 2 * 2 + 2);
        LayerHarness.of(new SimpleRNN(3).dropout(0.2).recurrentDropout(0.2), 3, 2).checkAll(new long[]{3},
                2 * 3 + 3 * 3 + 3);
    }

    @Test
    void matchesKerasEquations() {
        RecurrentChecks.matchesReference(RecurrentReference.Cell.RNN, () -> new SimpleRNN(RecurrentChecks.UNITS));
    }

    @Test
    void gradientsWithMaskAndDropout() {
        RecurrentChecks.maskedGradients(new SimpleRNN(3).returnSequences(true));
        RecurrentChecks.maskedGradients(new SimpleRNN(3).goBackwards(true).dropout(0.25).recurrentDropout(0.25));
    }

    @Test
    void paddedBatchEqualsUnpaddedSequences() {
        RecurrentChecks.paddedEqualsUnpadded(new SimpleRNN(4), false, false);
        RecurrentChecks.paddedEqualsUnpadded(new SimpleRNN(4).returnSequences(true), true, false);
        RecurrentChecks.paddedEqualsUnpadded(new SimpleRNN(4).goBackwards(true), false, true);
    }

    @Test
    void configHasNoRecurrentActivation() {
        Map<String, Object> c = new SimpleRNN(2).config();
        assertFalse(c.containsKey("recurrent_activation"));
        assertEquals("tanh", c.get("activation"));
        Layer copy = LayerRegistry.fromConfig("SimpleRNN", c);
        copy.build(new long[]{4, 2});
        assertEquals(2 * 2 + 2 * 2 + 2, copy.countParams());
    }
}
