package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class DropoutTest {

    @Test
    void harnessInTrainingWithAFixedMask() {
        LayerHarness.of(new Dropout(0.5), 4, 3).checkAll(new long[]{4, 3}, 0);
        LayerHarness.of(new Dropout(0.3), 6).inference().checkAll(new long[]{6}, 0);
    }

    @Test
    void trainingDropsAboutRateAndScalesTheRest() {
        Dropout dropout = new Dropout(0.25);
        dropout.build(new long[]{1000}, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(42);
        INDArray y = dropout.forward(Tensor.constant(Nd4j.ones(DataType.DOUBLE, 20, 1000)), true).value();
        double dropped = y.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.25, dropped, 0.02);
        double kept = y.sumNumber().doubleValue() / y.neq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
        assertEquals(1 / 0.75, kept, 1e-12);
    }

    @Test
    void inferencePassesTheInputThrough() {
        Dropout dropout = new Dropout(0.5);
        dropout.build(new long[]{3}, DataType.DOUBLE);
        Tensor x = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 3));
        assertSame(x, dropout.forward(x, false));
        assertSame(x, new Dropout(0).forward(x, true));
    }

    @Test
    void rateOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertEquals(0.5, new Dropout(0.5).config().get("rate"));
    }
}
