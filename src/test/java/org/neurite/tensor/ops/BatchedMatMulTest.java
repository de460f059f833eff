package org.neurite.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.tensor.Gradients.assertGradients;
import static org.neurite.tensor.Gradients.param;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Gradients;
import org.neurite.tensor.Tensor;

class BatchedMatMulTest {

    @Test
    void gradientsForEveryTransposeCombination() {
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                Tensor a = ta ? param(2, 4, 3) : param(2, 3, 4);
                Tensor b = tb ? param(2, 5, 4) : param(2, 4, 5);
                assertGradients(in -> Functional.batchedMatMul(in.get(0), in.get(1), ta, tb, 0.7), a, b);
            }
        }
    }

    @Test
    void gradientsOnRank4() {
        assertGradients(in -> Functional.batchedMatMul(in.get(0), in.get(1), false, true, 0.25),
                param(2, 3, 4, 2), param(2, 3, 5, 2));
        assertGradients(in -> Functional.batchedMatMul(in.get(0), in.get(1), false, false, 1),
                param(2, 2, 4, 3), param(2, 2, 3, 2));
    }

    @Test
    void valuesMatchLoopsOverTheBatchOnRank4() {
        INDArray a = Gradients.uniform(-1, 1, 2, 3, 4, 5);
        INDArray b = Gradients.uniform(-1, 1, 2, 3, 6, 5);
        INDArray c = Functional.batchedMatMul(Tensor.constant(a), Tensor.constant(b), false, true, 0.5).value();
        assertArrayEquals(new long[]{2, 3, 4, 6}, c.shape());
        double worst = 0;
        for (int i = 0; i < 2; i++) {
            for (int h = 0; h < 3; h++) {
                for (int r = 0; r < 4; r++) {
                    for (int s = 0; s < 6; s++) {
                        double sum = 0;
                        for (int k = 0; k < 5; k++) {
                            sum += a.getDouble(i, h, r, k) * b.getDouble(i, h, s, k);
                        }
                        worst = Math.max(worst, Math.abs(0.5 * sum - c.getDouble(i, h, r, s)));
                    }
                }
            }
        }
        assertEquals(0, worst, 1e-12);
    }

    @Test
    void floatMatchesDouble() {
        INDArray a = Gradients.uniform(-1, 1, 8, 7, 4);
        INDArray b = Gradients.uniform(-1, 1, 8, 7, 4);
        INDArray d = Functional.batchedMatMul(Tensor.constant(a), Tensor.constant(b), true, false, 2).value();
        INDArray f = Functional.batchedMatMul(Tensor.constant(a.castTo(DataType.FLOAT)),
                Tensor.constant(b.castTo(DataType.FLOAT)), true, false, 2).value();
        assertEquals(DataType.FLOAT, f.dataType());
        assertTrue(d.sub(f.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor a = Tensor.constant(Nd4j.ones(2, 3, 4));
        Tensor b = Tensor.constant(Nd4j.ones(3, 4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.batchedMatMul(a, b, false, false, 1));
        assertTrue(e.getMessage().startsWith("batched matmul: cannot multiply [2, 3, 4] by [3, 4, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Functional.batchedMatMul(a, Tensor.constant(Nd4j.ones(2, 5, 4)), false, false, 1));
    }
}
