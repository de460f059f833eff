package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.tensor.Gradients.assertGradients;
import static org.neurite.tensor.Gradients.param;
import static org.neurite.tensor.Gradients.paramIn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ElementwiseOpsTest {

    @Test
    void addBroadcastsAndReducesGradients() {
        assertGradients(in -> in.get(0).add(in.get(1)), param(4, 3), param(3));
        assertGradients(in -> in.get(0).add(in.get(1)), param(2, 1, 5), param(3, 1));
    }

    @Test
    void subBroadcasts() {
        assertGradients(in -> in.get(0).sub(in.get(1)), param(3, 1), param(1, 4));
        assertGradients(in -> in.get(0).sub(2.5), param(3, 5));
    }

    @Test
    void mulBroadcasts() {
        assertGradients(in -> in.get(0).mul(in.get(1)), param(2, 3, 4), param(4));
        assertGradients(in -> in.get(0).mul(in.get(1)), param(5, 1), param(5, 3));
    }

    @Test
    void divBroadcasts() {
        assertGradients(in -> in.get(0).div(in.get(1)), param(3, 7), paramIn(0.5, 2, 7));
        assertGradients(in -> in.get(0).div(in.get(1)), paramIn(0.5, 2, 3, 1), param(2, 1, 4));
    }

    @Test
    void unaryMath() {
        assertGradients(in -> in.get(0).neg(), param(3, 4));
        assertGradients(in -> in.get(0).exp(), param(3, 5));
        assertGradients(in -> in.get(0).log(), paramIn(0.1, 3, 4, 3));
        assertGradients(in -> in.get(0).sqrt(), paramIn(0.1, 3, 5));
        assertGradients(in -> in.get(0).pow(3), param(2, 7));
        assertGradients(in -> in.get(0).pow(-1.5), paramIn(0.5, 2, 6));
        assertGradients(in -> in.get(0).abs(), param(4, 5));
        assertGradients(in -> in.get(0).clip(-0.5, 0.3), param(5, 5));
    }

    @Test
    void activations() {
        assertGradients(in -> in.get(0).relu(), param(4, 7));
        assertGradients(in -> in.get(0).leakyRelu(0.2), param(4, 7));
        assertGradients(in -> in.get(0).elu(), paramIn(-2, 2, 4, 7));
        assertGradients(in -> in.get(0).gelu(), paramIn(-3, 3, 5, 3));
        assertGradients(in -> in.get(0).sigmoid(), paramIn(-4, 4, 3, 5));
        assertGradients(in -> in.get(0).tanh(), paramIn(-2, 2, 3, 5));
        assertGradients(in -> in.get(0).softmax(), paramIn(-2, 2, 3, 5));
        assertGradients(in -> in.get(0).softmax(0), paramIn(-2, 2, 4, 3));
        assertGradients(in -> in.get(0).logSoftmax(), paramIn(-2, 2, 3, 5));
        assertGradients(in -> in.get(0).logSoftmax(1), paramIn(-2, 2, 2, 3, 4));
    }

    @Test
    void geluIsTheExactErfForm() {
        Tensor y = Tensor.constant(Nd4j.createFromArray(-3.0, 0.0, 1.0)).gelu();
        // 0.5 x (1 + erf(x / sqrt 2)): tabulated values
        assertEquals(-0.0040496, y.value().getDouble(0), 1e-6);
        assertEquals(0.0, y.value().getDouble(1), 1e-12);
        assertEquals(0.8413447, y.value().getDouble(2), 1e-6);
    }

    @Test
    void logSoftmaxIsStableForHugeLogits() {
        Tensor y = Tensor.constant(Nd4j.createFromArray(new float[][]{{1000f, 0f, -1000f}})).logSoftmax();
        assertArrayEquals(new float[]{0f, -1000f, -2000f}, y.value().toFloatVector(), 1e-3f);
    }

    @Test
    void broadcastingFollowsNumpyShapes() {
        Tensor a = Tensor.constant(Nd4j.ones(DataType.FLOAT, 2, 1, 5));
        Tensor b = Tensor.constant(Nd4j.ones(DataType.FLOAT, 3, 1));
        assertArrayEquals(new long[]{2, 3, 5}, a.add(b).shape());
    }
}
