package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurite.tensor.Gradients.assertGradients;
import static org.neurite.tensor.Gradients.param;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ShapeOpsTest {

    @Test
    void matmul2d() {
        assertGradients(in -> in.get(0).matmul(in.get(1)), param(3, 5), param(5, 4));
    }

    @Test
    void matmulBatched() {
        assertGradients(in -> in.get(0).matmul(in.get(1)), param(2, 3, 4), param(2, 4, 5));
    }

    @Test
    void matmulSharedRightOperand() {
        assertGradients(in -> in.get(0).matmul(in.get(1)), param(2, 3, 4), param(4, 3));
    }

    @Test
    void matmulRejectsMismatchedShapes() {
        Tensor a = Tensor.constant(Nd4j.ones(3, 4));
        Tensor b = Tensor.constant(Nd4j.ones(5, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertEquals("matmul: cannot multiply [3, 4] by [5, 2]", e.getMessage());
    }

    @Test
    void transposeAndPermute() {
        assertGradients(in -> in.get(0).transpose(), param(3, 5));
        assertGradients(in -> in.get(0).permute(2, 0, 1), param(2, 3, 4));
        assertArrayEquals(new long[]{4, 2, 3}, Tensor.constant(Nd4j.ones(2, 3, 4)).permute(2, 0, 1).shape());
    }

    @Test
    void reshapeAndFlatten() {
        assertGradients(in -> in.get(0).reshape(6, -1), param(3, 4));
        assertGradients(in -> in.get(0).flatten(), param(2, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> Tensor.constant(Nd4j.ones(3, 4)).reshape(5, -1));
    }

    @Test
    void slice() {
        assertGradients(in -> in.get(0).slice(1, 1, 4), param(3, 5));
        assertGradients(in -> in.get(0).slice(0, 2, 3), param(4, 3, 2));
    }

    @Test
    void reductions() {
        assertGradients(in -> in.get(0).sum(), param(3, 4));
        assertGradients(in -> in.get(0).sum(1), param(3, 4, 2));
        assertGradients(in -> in.get(0).sum(true, 0, 2), param(3, 4, 2));
        assertGradients(in -> in.get(0).mean(), param(5, 3));
        assertGradients(in -> in.get(0).mean(-1), param(5, 3));
        assertGradients(in -> in.get(0).max(), param(5, 3));
        assertGradients(in -> in.get(0).max(0), param(4, 7));
        assertGradients(in -> in.get(0).max(true, 1, 2), param(2, 3, 3));
    }

    @Test
    void reductionValues() {
        Tensor x = Tensor.constant(Nd4j.createFromArray(new double[][]{{1, 5, 3}, {4, 2, 6}}));
        assertEquals(21.0, x.sum().item(), 0);
        assertEquals(3.5, x.mean().item(), 0);
        assertArrayEquals(new double[]{5, 6}, x.max(1).value().toDoubleVector(), 0);
        assertArrayEquals(new long[]{1, 3}, x.sum(true, 0).shape());
    }

    @Test
    void linearWithAndWithoutBias() {
        assertGradients(in -> Functional.linear(in.get(0), in.get(1), in.get(2)), param(4, 3), param(3, 5), param(5));
        assertGradients(in -> Functional.linear(in.get(0), in.get(1), null), param(2, 3), param(3, 4));
        Tensor y = Functional.linear(Tensor.constant(Nd4j.createFromArray(new double[][]{{1, 2}})),
                Tensor.constant(Nd4j.createFromArray(new double[][]{{1, 0, 2}, {3, 1, 0}})),
                Tensor.constant(Nd4j.createFromArray(0.5, -1.0, 0.0)));
        assertArrayEquals(new double[]{7.5, 1, 2}, y.value().toDoubleVector(), 0);   // [1*1+2*3, 2, 1*2] + b
    }
}
