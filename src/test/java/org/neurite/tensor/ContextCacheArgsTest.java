package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ContextCacheArgsTest {
    @Test
    void aCallWithoutArgumentsAfterOneWithThemComputesThePlainProduct() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.ones(DataType.FLOAT, 3, 4);
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 3, 2, 4);
        INDArray out = whole.slice(1);   // a view, as the recurrent ops' step outputs are
        try (MemoryScope scope = MemoryScope.open("cc-test")) {
            for (int k = 0; k < 3; k++) {
                Native.into("matmul", new INDArray[]{a, b}, new INDArray[]{out}, null, new double[]{1.0, 1.0}, null);
                out.assign(0);
                Native.into("matmul", new INDArray[]{a, b}, new INDArray[]{out}, null, null, null);
                assertEquals(3.0, out.getDouble(0, 0), 0, "round " + k);
                Native.into("matmul", new INDArray[]{a, b}, new INDArray[]{out}, null, new double[]{1.0, 1.0}, null);
                assertEquals(6.0, out.getDouble(0, 0), 0, "round " + k + ", accumulated");
                out.assign(0);
            }
        }
    }
}
