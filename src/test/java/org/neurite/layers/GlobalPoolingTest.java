package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

/** GlobalMaxPooling1D, GlobalAveragePooling1D and GlobalAveragePooling2D. */
class GlobalPoolingTest {
    /** Two sequences of three steps and two features. */
    private static Tensor sequences() {
        return Tensor.constant(Nd4j.createFromArray(new double[][][]{
                {{1, -1}, {4, 2}, {-3, 0}},
                {{0, 5}, {2, 2}, {1, -4}}}));
    }

    @Test
    void harness() {
        LayerHarness.of(new GlobalMaxPooling1D(), 5, 3).checkAll(new long[]{3}, 0);
        LayerHarness.of(new GlobalAveragePooling1D(), 5, 3).checkAll(new long[]{3}, 0);
        LayerHarness.of(new GlobalAveragePooling2D(), 3, 4, 2).checkAll(new long[]{2}, 0);
    }

    @Test
    void maxOverStepsByHand() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        assertArrayEquals(new long[]{2}, pool.build(new long[]{3, 2}, DataType.DOUBLE));
        Tensor y = pool.forward(sequences(), false);
        assertArrayEquals(new long[]{2, 2}, y.shape());
        assertArrayEquals(new double[]{4, 2, 2, 5}, y.value().data().asDouble(), 0);
    }

    @Test
    void averageOverStepsByHand() {
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        pool.build(new long[]{3, 2}, DataType.DOUBLE);
        assertArrayEquals(new double[]{2 / 3.0, 1 / 3.0, 1, 1},
                pool.forward(sequences(), false).value().data().asDouble(), 1e-12);
    }

    @Test
    void averageOverImageByHand() {
        GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
        pool.build(new long[]{2, 2, 2}, DataType.DOUBLE);
        // channel 0 holds 1, 3, 5, 7 and channel 1 holds 2, 4, 6, 8
        Tensor x = Tensor.constant(Nd4j.linspace(DataType.DOUBLE, 1, 8, 1).reshape(1, 2, 2, 2));
        assertArrayEquals(new double[]{4, 5}, pool.forward(x, false).value().data().asDouble(), 1e-12);
    }

    @Test
    void wrongInputRank() {
        GlobalMaxPooling1D pool = new GlobalMaxPooling1D();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.build(new long[]{120}));
        assertEquals(pool.name() + " (GlobalMaxPooling1D): expected input shape [steps, features] but found [120]",
                e.getMessage());
        GlobalAveragePooling2D avg = new GlobalAveragePooling2D();
        avg.build(new long[]{2, 2, 1}, DataType.DOUBLE);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> avg.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 4)), false));
        assertTrue(f.getMessage().contains("[height, width, channels] but found [4]"), f.getMessage());
    }
}
