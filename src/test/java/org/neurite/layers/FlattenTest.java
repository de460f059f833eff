package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class FlattenTest {

    @Test
    void harness() {
        LayerHarness.of(new Flatten(), 2, 3, 2).checkAll(new long[]{12}, 0);
        LayerHarness.of(new Flatten(), 5).checkAll(new long[]{5}, 0);
    }

    @Test
    void keepsRowMajorOrder() {
        Flatten flatten = new Flatten();
        flatten.build(new long[]{2, 2, 1}, DataType.DOUBLE);
        Tensor x = Tensor.constant(Nd4j.createFromArray(new double[]{1, 2, 3, 4, 5, 6, 7, 8}).reshape(2, 2, 2, 1));
        Tensor y = flatten.forward(x, false);
        assertArrayEquals(new long[]{2, 4}, y.shape());
        assertArrayEquals(new double[]{5, 6, 7, 8}, y.value().getRow(1).toDoubleVector(), 0);
    }
}
