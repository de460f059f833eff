package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Tensor;

class BidirectionalTest {
    private static final int U = RecurrentChecks.UNITS;

    @Test
    void harness() {
        LayerHarness.of(new Bidirectional(new LSTM(2)), 3, 2).checkAll(new long[]{4}, 2 * 4 * (2 * 2 + 2 * 2 + 2));
        LayerHarness.of(new Bidirectional(new GRU(2).returnSequences(true)), 3, 2).checkAll(new long[]{3, 4},
                2 * (3 * (2 * 2 + 2 * 2) + 2 * 3 * 2));
        LayerHarness.of(new Bidirectional(new SimpleRNN(2)), 3, 2).checkAll(new long[]{4}, 2 * (2 * 2 + 2 * 2 + 2));
    }

    @Test
    void matchesForwardAndReversedBackwardReference() {
        INDArray x = RecurrentChecks.random(3, 1, RecurrentChecks.N, RecurrentChecks.T, RecurrentChecks.F);
        for (boolean sequences : new boolean[]{false, true}) {
            for (INDArray mask : new INDArray[]{null, RecurrentChecks.mask()}) {
                Bidirectional bi = RecurrentChecks.built(new Bidirectional(new LSTM(U).returnSequences(sequences)));
                List<INDArray> w = bi.getWeights();
                double[][][] fwd = RecurrentChecks.reference(RecurrentReference.Cell.LSTM, w.subList(0, 3), x, mask,
                        false);
                double[][][] bwd = RecurrentChecks.reference(RecurrentReference.Cell.LSTM, w.subList(3, 6), x, mask,
                        true);
                if (sequences) {
                    for (double[][] example : bwd) {                                  // back to time order
                        java.util.Collections.reverse(java.util.Arrays.asList(example));
                    }
                }
                INDArray f = RecurrentChecks.layerOutput(fwd, sequences);
                INDArray b = RecurrentChecks.layerOutput(bwd, sequences);
                if (!sequences) {
                    b = RecurrentChecks.layerOutput(RecurrentChecks.reference(RecurrentReference.Cell.LSTM,
                            w.subList(3, 6), x, mask, true), false);
                }
                INDArray want = Nd4j.concat(sequences ? 2 : 1, f, b);
                INDArray got = bi.call(Tensor.constant(x).withMask(mask), false).value();
                RecurrentChecks.assertClose(want, got, 1e-5, "bidirectional sequences=" + sequences);
            }
        }
    }

    @Test
    void gradientsWithMask() {
        RecurrentChecks.maskedGradients(new Bidirectional(new GRU(2).returnSequences(true)));
        RecurrentChecks.maskedGradients(new Bidirectional(new LSTM(2).dropout(0.2).recurrentDropout(0.2)));
    }

    @Test
    void paddedBatchEqualsUnpaddedSequences() {
        RecurrentChecks.paddedEqualsUnpadded(new Bidirectional(new LSTM(U)), false, false);
        RecurrentChecks.paddedEqualsUnpadded(new Bidirectional(new GRU(U).returnSequences(true)), true, false);
    }

    @Test
    void weightNamesConfigAndMask() {
        Bidirectional bi = new Bidirectional(new LSTM(3).returnSequences(true));
        bi.build(new long[]{5, 2});
        assertEquals(List.of("forward_kernel", "forward_recurrent_kernel", "forward_bias", "backward_kernel",
                "backward_recurrent_kernel", "backward_bias"), bi.weights().stream().map(Weight::name).toList());
        Map<String, Object> c = bi.config();
        assertEquals("concat", c.get("merge_mode"));
        assertEquals("LSTM", ((Map<?, ?>) c.get("layer")).get("class_name"));
        INDArray mask = RecurrentChecks.mask();
        Tensor x = Tensor.constant(Nd4j.rand(3, 5, 2)).withMask(mask.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        assertSame(x.mask(), bi.call(x, false).mask());
        Bidirectional last = new Bidirectional(new GRU(3));
        last.build(new long[]{5, 2});
        assertNull(last.call(x, false).mask());
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new Dense(3)));
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Bidirectional",
                Map.of("layer", Map.of("class_name", "LSTM", "config", Map.of("units", 2)), "merge_mode", "sum")));
        // the backward copy's output order: the last time step of the sequence output holds
        // the backward state after one step
        INDArray out = bi.call(Tensor.constant(Nd4j.rand(1, 5, 2)), false).value();
        assertEquals(6, out.get(NDArrayIndex.point(0), NDArrayIndex.point(4), NDArrayIndex.all()).length());
    }
}
