package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class Conv2DTest {

    @Test
    void harnessValid() {
        // kernel 3*3*2*3 + bias 3
        LayerHarness.of(new Conv2D(3, 3), 5, 5, 2).checkAll(new long[]{3, 3, 3}, 57);
    }

    @Test
    void harnessSameStridedRectangularWithoutBias() {
        LayerHarness.of(new Conv2D(2, new int[]{2, 3}).padding("same").strides(2).useBias(false), 5, 6, 2)
                .checkAll(new long[]{3, 3, 2}, 24);
    }

    @Test
    void harnessDilatedWithActivation() {
        LayerHarness.of(new Conv2D(2, 2, "tanh").dilationRate(2), 5, 5, 1).checkAll(new long[]{3, 3, 2}, 10);
    }

    @Test
    void shapeInference() {
        assertArrayEquals(new long[]{26, 26, 32}, new Conv2D(32, 3).build(new long[]{28, 28, 1}));
        assertArrayEquals(new long[]{14, 14, 8},
                new Conv2D(8, 3).padding("same").strides(2).build(new long[]{28, 28, 3}));
        assertArrayEquals(new long[]{24, 26, 4}, new Conv2D(4, new int[]{5, 3}).build(new long[]{28, 28, 3}));
        assertArrayEquals(new long[]{24, 24, 4}, new Conv2D(4, 3).dilationRate(2).build(new long[]{28, 28, 3}));
        assertArrayEquals(new long[]{9, 9, 4},
                new Conv2D(4, 1).strides(3).padding("same").build(new long[]{25, 25, 1}));
    }

    @Test
    void forwardMatchesPlainLoops() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6, 5, 3).subi(0.5);
        for (boolean same : new boolean[]{false, true}) {
            Conv2D conv = new Conv2D(4, new int[]{3, 2}).strides(2, 1).padding(same ? "same" : "valid");
            conv.build(new long[]{6, 5, 3}, DataType.DOUBLE);
            List<INDArray> w = conv.getWeights();
            w.get(1).assign(Nd4j.createFromArray(0.1, -0.2, 0.3, 0.0));
            conv.setWeights(w);
            INDArray expected = ConvReference.conv2d(x, w.get(0), w.get(1), new int[]{2, 1}, same, new int[]{1, 1});
            INDArray actual = conv.forward(Tensor.constant(x), false).value();
            assertArrayEquals(expected.shape(), actual.shape());
            assertTrue(expected.equalsWithEps(actual, 1e-10), "padding same=" + same);
        }
    }

    @Test
    void reluAppliesAfterTheBias() {
        Conv2D conv = new Conv2D(1, 1, "relu");
        conv.build(new long[]{1, 2, 1}, DataType.DOUBLE);
        conv.setWeights(List.of(Nd4j.ones(DataType.DOUBLE, 1, 1, 1, 1).muli(2), Nd4j.createFromArray(-1.0)));
        INDArray y = conv.forward(Tensor.constant(Nd4j.createFromArray(0.0, 1.0).reshape(1, 1, 2, 1)), false).value();
        assertArrayEquals(new double[]{0, 1}, y.data().asDouble(), 1e-12);
        INDArray logits = conv.forwardLinear(Tensor.constant(Nd4j.createFromArray(0.0, 1.0).reshape(1, 1, 2, 1)), false)
                .value();
        assertArrayEquals(new double[]{-1, 1}, logits.data().asDouble(), 1e-12);
    }

    @Test
    void wrongInputRankNamesLayerAndShapes() {
        Conv2D conv = new Conv2D(32, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.build(new long[]{784}));
        assertEquals(conv.name() + " (Conv2D): expected input shape [height, width, channels] but found [784]",
                e.getMessage());
    }

    @Test
    void wrongBatchInForwardNamesLayerAndShapes() {
        Conv2D conv = new Conv2D(2, 3);
        conv.build(new long[]{5, 5, 3}, DataType.DOUBLE);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 75)), false));
        assertTrue(rank.getMessage().contains("[height, width, channels] but found [75]"), rank.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 5, 5, 1)), false));
        assertTrue(channels.getMessage().contains("3 channels but found [5, 5, 1]"), channels.getMessage());
    }

    @Test
    void inputSmallerThanTheKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(2, 5).build(new long[]{4, 8, 1}));
        assertTrue(e.getMessage().contains("(Conv2D)") && e.getMessage().contains("[4, 8, 1]"), e.getMessage());
    }

    @Test
    void badArguments() {
        IllegalArgumentException padding = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(2, 3).padding("causal"));
        assertTrue(padding.getMessage().contains("[valid, same]"), padding.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, new int[]{3, 3, 3}));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).strides(0));
        assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(2, 3).strides(2).dilationRate(2).build(new long[]{9, 9, 1}));
    }

    @Test
    void configUsesKerasKeys() {
        Map<String, Object> c = new Conv2D(16, 3, "relu").padding("same").strides(2).config();
        assertEquals(16, c.get("filters"));
        assertEquals(List.of(3, 3), c.get("kernel_size"));
        assertEquals(List.of(2, 2), c.get("strides"));
        assertEquals("same", c.get("padding"));
        assertEquals(List.of(1, 1), c.get("dilation_rate"));
        assertEquals("relu", c.get("activation"));
        assertEquals(true, c.get("use_bias"));
        assertEquals("glorot_uniform", c.get("kernel_initializer"));
        assertEquals("channels_last", c.get("data_format"));
    }
}
