package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class DenseTest {

    @Test
    void harness() {
        LayerHarness.of(new Dense(3), 4).checkAll(new long[]{3}, 15);
        LayerHarness.of(new Dense(2, "tanh").useBias(false), 3).checkAll(new long[]{2}, 6);
    }

    @Test
    void appliesToTheLastAxisOfHigherRankInput() {
        LayerHarness.of(new Dense(2), 3, 4).checkAll(new long[]{3, 2}, 10);
    }

    @Test
    void forwardValueByHand() {
        Dense dense = new Dense(2);
        dense.build(new long[]{3}, DataType.DOUBLE);
        dense.setWeights(List.of(
                Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}, {5, 6}}),
                Nd4j.createFromArray(0.5, -1.0)));
        Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][]{{1, 0, -1}, {2, 1, 0}}));
        // row 1: [1-5, 2-6] + b = [-3.5, -5]; row 2: [2+3, 4+4] + b = [5.5, 7]
        assertArrayEquals(new double[]{-3.5, -5, 5.5, 7}, dense.forward(x, false).value().data().asDouble(), 1e-12);
    }

    @Test
    void reluAndConfig() {
        Dense dense = new Dense(1, "relu");
        dense.build(new long[]{1}, DataType.DOUBLE);
        dense.setWeights(List.of(Nd4j.createFromArray(new double[][]{{2}}), Nd4j.createFromArray(1.0)));
        Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][]{{-3}, {4}}));
        assertArrayEquals(new double[]{0, 9}, dense.forward(x, false).value().data().asDouble(), 1e-12);
        assertEquals("relu", dense.config().get("activation"));
        assertEquals(1, dense.config().get("units"));
        assertEquals(true, dense.config().get("use_bias"));
    }

    @Test
    void wrongFeatureCountNamesLayerAndShapes() {
        Dense dense = new Dense(2);
        dense.name("head");
        dense.build(new long[]{3}, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 5)), false));
        assertTrue(e.getMessage().contains("head (Dense)") && e.getMessage().contains("[..., 3]")
                && e.getMessage().contains("[5]"), e.getMessage());
    }
}
