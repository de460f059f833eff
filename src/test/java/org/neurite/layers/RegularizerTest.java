package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class RegularizerTest {
    private static final Tensor W = Tensor.constant(Nd4j.createFromArray(1.0, -2.0, 3.0));

    @Test
    void penaltiesByHand() {
        assertEquals(0.01 * (1 + 2 + 3), Regularizer.l1(0.01).penalty(W).item(), 1e-12);
        assertEquals(0.01 * (1 + 4 + 9), Regularizer.l2(0.01).penalty(W).item(), 1e-12);
        assertEquals(0.02 * 6 + 0.03 * 14, Regularizer.l1l2(0.02, 0.03).penalty(W).item(), 1e-12);
        assertEquals(0.0, Regularizer.l1l2(0, 0).penalty(W).item());
    }

    @Test
    void layerSumsItsPenaltiesAndTheirGradients() {
        Dense dense = new Dense(2).kernelRegularizer(Regularizer.l2(0.5)).biasRegularizer(Regularizer.l1(0.1));
        dense.build(new long[]{3}, DataType.DOUBLE);
        dense.setWeights(List.of(Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}, {5, 6}}),
                Nd4j.createFromArray(0.5, -1.0)));
        Tensor loss = dense.regularizationLoss();
        assertEquals(0.5 * 91 + 0.1 * 1.5, loss.item(), 1e-12);
        loss.backward();
        // d(0.5 * w^2)/dw = w; d(0.1 * |b|)/db = 0.1 * sign(b)
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6},
                dense.weights().get(0).parameter().grad().data().asDouble(), 1e-12);
        assertArrayEquals(new double[]{0.1, -0.1}, dense.weights().get(1).parameter().grad().data().asDouble(), 1e-12);
    }

    @Test
    void convAndFrozenLayers() {
        Conv2D conv = new Conv2D(1, 1).kernelRegularizer(Regularizer.l1(1.0)).useBias(false);
        conv.build(new long[]{2, 2, 2}, DataType.DOUBLE);
        conv.setWeights(List.of(Nd4j.createFromArray(-2.0, 3.0).reshape(1, 1, 2, 1)));
        assertEquals(5.0, conv.regularizationLoss().item(), 1e-12);
        conv.trainable(false);
        assertNull(conv.regularizationLoss());
        assertNull(new Dense(2).regularizationLoss());
    }

    @Test
    void negativeFactorsAndConfig() {
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1));
        assertEquals(0.01, Regularizer.fromConfig(Regularizer.l2(0.01).config()).config().get("l2"));
    }
}
