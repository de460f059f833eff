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

class ReshapeTest {

    @Test
    void harness() {
        LayerHarness.of(new Reshape(3, 4), 12).checkAll(new long[]{3, 4}, 0);
        LayerHarness.of(new Reshape(-1, 2), 2, 3, 2).checkAll(new long[]{6, 2}, 0);
    }

    @Test
    void shapeInferenceWithOneUnknown() {
        assertArrayEquals(new long[]{28, 28, 1}, new Reshape(28, 28, 1).build(new long[]{784}));
        assertArrayEquals(new long[]{4, 196}, new Reshape(4, -1).build(new long[]{28, 28}));
    }

    @Test
    void keepsRowMajorOrder() {
        Reshape reshape = new Reshape(2, 3);
        reshape.build(new long[]{6}, DataType.DOUBLE);
        Tensor x = Tensor.constant(Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape(2, 6));
        Tensor y = reshape.forward(x, false);
        assertArrayEquals(new long[]{2, 2, 3}, y.shape());
        assertEquals(12.0, y.value().getDouble(1, 1, 2));
        assertEquals(4.0, y.value().getDouble(0, 1, 0));
    }

    @Test
    void incompatibleSizesNameTheLayer() {
        Reshape reshape = new Reshape(5, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reshape.build(new long[]{24}));
        assertTrue(e.getMessage().startsWith(reshape.name() + " (Reshape): expected input shape with 25 elements")
                && e.getMessage().endsWith("but found [24]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, 5).build(new long[]{24}));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 3));
        Reshape built = new Reshape(2, 2);
        built.build(new long[]{4}, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class,
                () -> built.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 5)), false));
    }

    @Test
    void configKeepsTheUnknown() {
        assertEquals(List.of(-1L, 2L), new Reshape(-1, 2).config().get("target_shape"));
    }
}
