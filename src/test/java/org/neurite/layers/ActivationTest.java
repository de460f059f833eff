package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class ActivationTest {

    @Test
    void harness() {
        for (String name : new String[]{"tanh", "sigmoid", "softmax", "elu", "gelu", "linear"}) {
            LayerHarness.of(new Activation(name), 3, 4).checkAll(new long[]{3, 4}, 0);
        }
    }

    @Test
    void softmaxValuesByHand() {
        Activation softmax = new Activation("softmax");
        softmax.build(new long[]{3}, DataType.DOUBLE);
        Tensor y = softmax.forward(Tensor.constant(Nd4j.createFromArray(new double[][]{{0, 1, 2}})), false);
        double z = 1 + Math.E + Math.exp(2);
        assertArrayEquals(new double[]{1 / z, Math.E / z, Math.exp(2) / z}, y.value().data().asDouble(), 1e-12);
    }

    @Test
    void reluAndLeakyReluByHand() {
        Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][]{{-2, 3}}));
        assertArrayEquals(new double[]{0, 3}, new Activation("relu").forward(x, false).value().data().asDouble(), 0);
        assertArrayEquals(new double[]{-0.4, 3},
                new Activation("leaky_relu").forward(x, false).value().data().asDouble(), 1e-7);
    }

    @Test
    void unknownNameListsTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Activation("rleu"));
        assertTrue(e.getMessage().contains("'rleu'"), e.getMessage());
        for (String name : Activations.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Dense(2, "swishy"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3, "swishy"));
    }

    @Test
    void configUsesKerasNames() {
        assertEquals("gelu", new Activation("GELU").config().get("activation"));
    }
}
