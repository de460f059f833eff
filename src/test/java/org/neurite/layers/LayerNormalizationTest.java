package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class LayerNormalizationTest {

    @Test
    void harness() {
        LayerHarness.of(new LayerNormalization(), 4).checkAll(new long[]{4}, 8);
        LayerHarness.of(new LayerNormalization(), 3, 4).checkAll(new long[]{3, 4}, 8);
        LayerHarness.of(new LayerNormalization().scale(false), 5).checkAll(new long[]{5}, 5);
    }

    @Test
    void normalisesEachRowThenScalesAndShifts() {
        LayerNormalization ln = new LayerNormalization();
        ln.build(new long[]{3}, DataType.DOUBLE);
        ln.setWeights(List.of(Nd4j.createFromArray(1.0, 2.0, -1.0), Nd4j.createFromArray(0.0, 0.5, 1.0)));
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 2, 6}, {-3, 0, 0}});
        double[] gamma = {1, 2, -1};
        double[] beta = {0, 0.5, 1};
        for (boolean training : new boolean[]{true, false}) {
            INDArray y = ln.forward(Tensor.constant(x), training).value();
            for (int r = 0; r < 2; r++) {
                double mean = 0;
                for (int c = 0; c < 3; c++) {
                    mean += x.getDouble(r, c) / 3;
                }
                double var = 0;
                for (int c = 0; c < 3; c++) {
                    var += Math.pow(x.getDouble(r, c) - mean, 2) / 3;
                }
                for (int c = 0; c < 3; c++) {
                    double expected = gamma[c] * (x.getDouble(r, c) - mean) / Math.sqrt(var + 1e-3) + beta[c];
                    assertEquals(expected, y.getDouble(r, c), 1e-12);
                }
            }
        }
    }

    @Test
    void wrongFeatureCount() {
        LayerNormalization ln = new LayerNormalization();
        ln.build(new long[]{4}, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ln.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 5)), false));
        assertTrue(e.getMessage().contains("(LayerNormalization)") && e.getMessage().contains("[..., 4]")
                && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void configUsesKerasDefaults() {
        assertEquals(1e-3, new LayerNormalization().config().get("epsilon"));
        assertEquals(-1, new LayerNormalization().config().get("axis"));
    }
}
