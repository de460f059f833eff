package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

/** MaxPooling2D and AveragePooling2D. */
class Pooling2DTest {
    /** One 4x4 single-channel image holding 1..16 row by row. */
    private static Tensor image4x4() {
        return Tensor.constant(Nd4j.linspace(DataType.DOUBLE, 1, 16, 1).reshape(1, 4, 4, 1));
    }

    @Test
    void harness() {
        LayerHarness.of(new MaxPooling2D(2), 4, 4, 2).checkAll(new long[]{2, 2, 2}, 0);
        LayerHarness.of(new AveragePooling2D(2), 4, 4, 2).checkAll(new long[]{2, 2, 2}, 0);
        LayerHarness.of(new MaxPooling2D(new int[]{3, 2}).strides(1).padding("same"), 3, 4, 1)
                .checkAll(new long[]{3, 4, 1}, 0);
        LayerHarness.of(new AveragePooling2D(3).strides(2).padding("same"), 5, 4, 2).checkAll(new long[]{3, 2, 2}, 0);
    }

    @Test
    void shapeInference() {
        assertArrayEquals(new long[]{13, 13, 32}, new MaxPooling2D(2).build(new long[]{26, 26, 32}));
        assertArrayEquals(new long[]{5, 5, 64}, new MaxPooling2D(2).build(new long[]{11, 11, 64}));
        assertArrayEquals(new long[]{6, 6, 64}, new MaxPooling2D(2).padding("same").build(new long[]{11, 11, 64}));
        assertArrayEquals(new long[]{9, 4, 3},
                new AveragePooling2D(new int[]{2, 3}).strides(1, 2).build(new long[]{10, 9, 3}));
    }

    @Test
    void maxValuesByHand() {
        MaxPooling2D pool = new MaxPooling2D(2);
        pool.build(new long[]{4, 4, 1}, DataType.DOUBLE);
        assertArrayEquals(new double[]{6, 8, 14, 16}, pool.forward(image4x4(), false).value().data().asDouble(), 0);
    }

    @Test
    void averageValuesByHand() {
        AveragePooling2D pool = new AveragePooling2D(2);
        pool.build(new long[]{4, 4, 1}, DataType.DOUBLE);
        // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, ...
        assertArrayEquals(new double[]{3.5, 5.5, 11.5, 13.5}, pool.forward(image4x4(), false).value().data().asDouble(),
                1e-12);
    }

    @Test
    void averageWithSamePaddingCountsOnlyRealElements() {
        AveragePooling2D pool = new AveragePooling2D(3).strides(3).padding("same");
        pool.build(new long[]{4, 4, 1}, DataType.DOUBLE);
        // out 2x2; total padding 2 per axis, 1 before: windows rows {0,1}, {2,3} -> (1+2+5+6)/4, (3+4+7+8)/4, ...
        INDArray y = pool.forward(image4x4(), false).value();
        assertArrayEquals(new double[]{3.5, 5.5, 11.5, 13.5}, y.data().asDouble(), 1e-12);
    }

    @Test
    void wrongInputRank() {
        MaxPooling2D pool = new MaxPooling2D(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.build(new long[]{28, 28}));
        assertEquals(pool.name() + " (MaxPooling2D): expected input shape [height, width, channels] but found [28, 28]",
                e.getMessage());
        AveragePooling2D avg = new AveragePooling2D(2);
        avg.build(new long[]{4, 4, 1}, DataType.DOUBLE);
        assertThrows(IllegalArgumentException.class,
                () -> avg.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 1, 16)), false));
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(3).build(new long[]{2, 5, 1}));
    }

    @Test
    void configUsesKerasKeysAndStridesDefaultToThePool() {
        Map<String, Object> c = new MaxPooling2D(3).config();
        assertEquals(List.of(3, 3), c.get("pool_size"));
        assertEquals(List.of(3, 3), c.get("strides"));
        assertEquals("valid", c.get("padding"));
        assertEquals(List.of(2, 2), new AveragePooling2D().config().get("pool_size"));
    }
}
