package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class Conv1DTest {

    @Test
    void harness() {
        LayerHarness.of(new Conv1D(3, 2), 6, 2).checkAll(new long[]{5, 3}, 15);
        LayerHarness.of(new Conv1D(2, 3, "tanh").padding("same").strides(2), 7, 2).checkAll(new long[]{4, 2}, 14);
        LayerHarness.of(new Conv1D(2, 2).dilationRate(3).useBias(false), 7, 1).checkAll(new long[]{4, 2}, 4);
    }

    @Test
    void shapeInference() {
        assertArrayEquals(new long[]{116, 128}, new Conv1D(128, 5).build(new long[]{120, 16}));
        assertArrayEquals(new long[]{60, 8}, new Conv1D(8, 5).padding("same").strides(2).build(new long[]{120, 16}));
    }

    @Test
    void forwardMatchesPlainLoops() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 9, 3).subi(0.5);
        for (boolean same : new boolean[]{false, true}) {
            Conv1D conv = new Conv1D(4, 3).strides(2).padding(same ? "same" : "valid");
            conv.build(new long[]{9, 3}, DataType.DOUBLE);
            List<INDArray> w = conv.getWeights();
            w.get(1).assign(Nd4j.createFromArray(0.5, -0.5, 0.25, 1.0));
            conv.setWeights(w);
            INDArray expected = ConvReference.conv1d(x, w.get(0), w.get(1), 2, same, 1);
            INDArray actual = conv.forward(Tensor.constant(x), false).value();
            assertArrayEquals(expected.shape(), actual.shape());
            assertTrue(expected.equalsWithEps(actual, 1e-10), "padding same=" + same);
        }
    }

    @Test
    void wrongInputRank() {
        Conv1D conv = new Conv1D(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.build(new long[]{120}));
        assertEquals(conv.name() + " (Conv1D): expected input shape [steps, channels] but found [120]", e.getMessage());
        conv.build(new long[]{10, 2}, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 10, 2, 1)), false));
    }

    @Test
    void configUsesKerasKeys() {
        assertEquals(List.of(5), new Conv1D(128, 5, "relu").config().get("kernel_size"));
        assertEquals(128, new Conv1D(128, 5, "relu").config().get("filters"));
    }
}
