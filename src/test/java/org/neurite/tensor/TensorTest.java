package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorTest {

    @Test
    void apiSnippetRunsAsWritten() {
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 4, 3));
        Tensor w = Tensor.parameter(Nd4j.rand(DataType.FLOAT, 3, 2));
        Tensor loss = x.matmul(w).relu().sum();
        loss.backward();
        INDArray dw = w.grad();
        INDArray v = loss.value();
        try (var scope = Tensor.noGrad()) {
            Tensor y = x.matmul(w);
            assertFalse(y.requiresGrad());
        }
        GradientCheck.Result r = GradientCheck.check(inputs -> inputs.get(0).tanh().sum(), List.of(w));
        assertTrue(r.passed(), r.toString());
        assertArrayEquals(w.shape(), dw.shape());
        assertEquals(0, v.rank());
        // x and w are positive, so relu passes everything: dL/dw[i][j] = sum over rows of x[:, i]
        INDArray expected = x.value().sum(0).reshape(3, 1).repeat(1, 2);
        assertTrue(expected.equalsWithEps(dw, 1e-5), dw.toString());
    }

    @Test
    void gradientsAccumulateOverEveryUseAndEveryBackward() {
        Tensor a = Tensor.parameter(Nd4j.createFromArray(2.0, 3.0));
        Tensor y = a.mul(a).add(a).sum();     // d/da = 2a + 1
        y.backward();
        assertArrayEquals(new double[]{5, 7}, a.grad().toDoubleVector(), 1e-12);
        a.mul(3.0).sum().backward();            // accumulates: + 3
        assertArrayEquals(new double[]{8, 10}, a.grad().toDoubleVector(), 1e-12);
        a.zeroGrad();
        assertArrayEquals(new double[]{0, 0}, a.grad().toDoubleVector(), 0);
    }

    @Test
    void diamondGraphSumsBothPaths() {
        Tensor a = Tensor.parameter(Nd4j.createFromArray(1.5));
        Tensor b = a.exp();
        Tensor y = b.mul(b).add(b);              // e^{2a} + e^a -> 2e^{2a} + e^a
        y.backward();
        assertEquals(2 * Math.exp(3.0) + Math.exp(1.5), a.grad().getDouble(0), 1e-9);
    }

    @Test
    void constantsAndDetachedTensorsGetNoGradient() {
        Tensor c = Tensor.constant(Nd4j.createFromArray(1.0, 2.0));
        Tensor p = Tensor.parameter(Nd4j.createFromArray(3.0, 4.0));
        p.mul(c).add(p.detach()).sum().backward();
        assertNull(c.grad());
        assertArrayEquals(new double[]{1, 2}, p.grad().toDoubleVector(), 0);
        assertFalse(c.mul(c).requiresGrad());
    }

    @Test
    void backwardNeedsScalarOrExplicitGradient() {
        Tensor p = Tensor.parameter(Nd4j.ones(DataType.DOUBLE, 2, 2));
        Tensor y = p.mul(2.0);
        assertThrows(IllegalStateException.class, y::backward);
        y.backward(Nd4j.ones(DataType.DOUBLE, 2, 2).muli(3));
        assertArrayEquals(new double[]{6, 6, 6, 6}, p.grad().reshape(4).toDoubleVector(), 0);
        assertThrows(IllegalArgumentException.class, () -> p.mul(2.0).backward(Nd4j.ones(DataType.DOUBLE, 3)));
    }

    @Test
    void noGradScopeRestoresRecording() {
        Tensor p = Tensor.parameter(Nd4j.ones(DataType.DOUBLE, 2));
        try (var s = Tensor.noGrad()) {
            assertFalse(p.mul(2.0).requiresGrad());
        }
        assertTrue(p.mul(2.0).requiresGrad());
    }

    @Test
    void parameterAccumulatesIntoItsGradientBuffer() {
        INDArray flat = Nd4j.zeros(DataType.DOUBLE, 6);
        Tensor p = GradientBuffers.parameter(Nd4j.ones(DataType.DOUBLE, 2, 3), flat.reshape(2, 3));
        p.mul(4.0).sum().backward();
        assertArrayEquals(new double[]{4, 4, 4, 4, 4, 4}, flat.toDoubleVector(), 0);
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        Tensor p = Tensor.parameter(Nd4j.createFromArray(1.0));
        Tensor y = p;
        for (int i = 0; i < 5000; i++) {
            y = y.add(1.0);
        }
        y.sum().backward();
        assertEquals(1.0, p.grad().getDouble(0), 0);
    }

    @Test
    void gradientCheckReportsAWrongDerivative() {
        Op wrong = new Op() {
            private INDArray x;

            @Override
            public INDArray forward(INDArray... in) {
                x = in[0];
                return x.mul(x);
            }

            @Override
            public INDArray[] backward(INDArray g, boolean[] needs) {
                return new INDArray[]{g.mul(x)};   // should be 2x
            }
        };
        GradientCheck.Result r = GradientCheck.check(in -> Tensor.apply(wrong, in.get(0)),
                List.of(Tensor.parameter(Nd4j.createFromArray(1.0, 2.0))));
        assertFalse(r.passed());
        assertTrue(r.toString().contains("FAILED"), r.toString());
    }

    @Test
    void gradientsWrittenInPlaceAfterZeroGradEqualAddedOnesAndRepeatedUseStillSums() {
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6}});
        Tensor w = GradientBuffers.parameter(Nd4j.ones(DataType.FLOAT, 3, 2), Nd4j.zeros(DataType.FLOAT, 3, 2));
        Tensor b = GradientBuffers.parameter(Nd4j.zeros(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2));
        // by hand: d sum(xW + b) / dW[i][j] = sum over rows of x[:, i] = 5, 7, 9; d/db = 2 rows
        float[][] dw = {{5, 5}, {7, 7}, {9, 9}};
        for (int pass = 1; pass <= 3; pass++) {
            if (pass == 2) {
                w.zeroGrad();   // in place from here: the zeroed buffer takes the gradient directly
                b.zeroGrad();
            }
            Functional.linear(Tensor.constant(x), w, b).sum().backward();
            int times = pass == 1 ? 1 : pass - 1;   // pass 3 adds to pass 2's gradient
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(dw[i][j] * times, w.grad().getDouble(i, j), 1e-6, "pass " + pass);
                }
            }
            assertEquals(2.0 * times, b.grad().getDouble(0), 1e-6, "pass " + pass);
        }
        // a weight used by two ops gets both contributions even from a zeroed buffer
        w.zeroGrad();
        Tensor xt = Tensor.constant(x);
        Functional.linear(xt, w, null).sum().add(Functional.linear(xt, w, null).sum()).backward();
        assertEquals(2 * 5, w.grad().getDouble(0, 0), 1e-6);
        assertEquals(2 * 9, w.grad().getDouble(2, 1), 1e-6);
    }
}
