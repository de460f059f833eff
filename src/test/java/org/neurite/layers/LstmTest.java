package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class LstmTest {

    @Test
    void harness() {
        LayerHarness.of(new LSTM(3), 4, 2).checkAll(new long[]{3}, 4 * (2 * 3 + 3 * 3 + 3));
        LayerHarness.of(new LSTM(2).returnSequences(true).goBackwards(true), 3, 2).checkAll(new long[]{3, 2},
                4 * (2 * 2 + 2 * 2 + 2));
        LayerHarness.of(new LSTM(2).useBias(false).dropout(0.3).recurrentDropout(0.2), 3, 2)
                .checkAll(new long[]{2}, 4 * (2 * 2 + 2 * 2));
    }

    @Test
    void matchesKerasEquations() {
        RecurrentChecks.matchesReference(RecurrentReference.Cell.LSTM, () -> new LSTM(RecurrentChecks.UNITS));
    }

    @Test
    void gradientsWithMaskAndDropout() {
        RecurrentChecks.maskedGradients(new LSTM(3).returnSequences(true));
        RecurrentChecks.maskedGradients(new LSTM(3).goBackwards(true).dropout(0.25).recurrentDropout(0.25));
    }

    @Test
    void paddedBatchEqualsUnpaddedSequences() {
        RecurrentChecks.paddedEqualsUnpadded(new LSTM(4), false, false);
        RecurrentChecks.paddedEqualsUnpadded(new LSTM(4).returnSequences(true), true, false);
        RecurrentChecks.paddedEqualsUnpadded(new LSTM(4).goBackwards(true), false, true);
        RecurrentChecks.paddedEqualsUnpadded(new LSTM(4).goBackwards(true).returnSequences(true), true, true);
    }

    @Test
    void kerasDefaultsAndWeights() {
        LSTM lstm = new LSTM(5);
        lstm.build(new long[]{7, 3});
        List<INDArray> w = lstm.getWeights();
        assertArrayEquals(new long[]{3, 20}, w.get(0).shape());
        assertArrayEquals(new long[]{5, 20}, w.get(1).shape());
        assertArrayEquals(new long[]{20}, w.get(2).shape());
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), lstm.weights().stream().map(Weight::name).toList());
        // unit forget bias: [0 x5, 1 x5, 0 x10]
        double[] b = w.get(2).toDoubleVector();
        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 5 && i < 10 ? 1.0 : 0.0, b[i], 0.0);
        }
        // orthogonal recurrent kernel: rows orthonormal
        INDArray r = w.get(1).castTo(DataType.DOUBLE);
        RecurrentChecks.assertClose(Nd4j.eye(5).castTo(DataType.DOUBLE), r.mmul(r.transpose()), 1e-5, "U U^T");
        assertEquals(4L * (3 * 5 + 5 * 5 + 5), lstm.countParams());
        Map<String, Object> c = lstm.config();
        assertEquals("tanh", c.get("activation"));
        assertEquals("sigmoid", c.get("recurrent_activation"));
        assertEquals("orthogonal", c.get("recurrent_initializer"));
        assertEquals(true, c.get("unit_forget_bias"));
        assertEquals(false, c.get("return_sequences"));
    }

    @Test
    void outputMaskOnlyWithSequences() {
        INDArray mask = RecurrentChecks.mask();
        Tensor x = Tensor.constant(RecurrentChecks.random(1, 1, 3, 5, 3)).withMask(mask);
        LSTM last = new LSTM(2);
        last.build(new long[]{5, 3}, DataType.DOUBLE);
        assertNull(last.call(x, false).mask());
        LSTM seq = new LSTM(2).returnSequences(true).goBackwards(true);
        seq.build(new long[]{5, 3}, DataType.DOUBLE);
        assertSame(mask, seq.call(x, false).mask());
    }

    @Test
    void errorsNameLayerAndShapes() {
        LSTM lstm = new LSTM(2);
        lstm.name("enc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.build(new long[]{5}));
        assertTrue(e.getMessage().contains("enc (LSTM)") && e.getMessage().contains("[timesteps, features]")
                && e.getMessage().contains("[5]"), e.getMessage());
        lstm.build(new long[]{5, 3}, DataType.DOUBLE);
        e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 5, 4)), false));
        assertTrue(e.getMessage().contains("enc (LSTM)") && e.getMessage().contains("[timesteps, 3]")
                && e.getMessage().contains("[5, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LSTM(2).activation("softmax"));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(2).dropout(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("LSTM", Map.of("units", 2, "return_state", true)));
        assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("LSTM", Map.of("units", 2, "stateful", true)));
    }

    @Test
    void floatMatchesDouble() {
        LSTM d = RecurrentChecks.built(new LSTM(4).returnSequences(true));
        LSTM f = new LSTM(4).returnSequences(true);
        f.build(new long[]{5, 3}, DataType.FLOAT);
        f.setWeights(d.getWeights());
        INDArray x = RecurrentChecks.random(4, 1, 3, 5, 3);
        RecurrentChecks.assertClose(d.forward(Tensor.constant(x), false).value(),
                f.forward(Tensor.constant(x.castTo(DataType.FLOAT)), false).value(), 1e-5, "FLOAT vs DOUBLE");
    }
}
