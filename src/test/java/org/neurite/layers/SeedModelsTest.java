package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

/** Shapes and parameter counts of the seed's models, layer by layer, as Keras's summary gives them. */
class SeedModelsTest {

    private static long[] chain(long[] shape, Layer layer, long[] expectedOut, long expectedParams) {
        long[] out = layer.build(shape);
        assertArrayEquals(expectedOut, out, layer.toString());
        assertEquals(expectedParams, layer.countParams(), layer.toString());
        return out;
    }

    @Test
    void mnistCnn() {
        Layer[] layers = {new Conv2D(32, 3, "relu"), new MaxPooling2D(2), new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2), new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax")};
        long[] s = {28, 28, 1};
        s = chain(s, layers[0], new long[]{26, 26, 32}, 320);
        s = chain(s, layers[1], new long[]{13, 13, 32}, 0);
        s = chain(s, layers[2], new long[]{11, 11, 64}, 18_496);
        s = chain(s, layers[3], new long[]{5, 5, 64}, 0);
        s = chain(s, layers[4], new long[]{1600}, 0);
        s = chain(s, layers[5], new long[]{128}, 204_928);
        chain(s, layers[6], new long[]{10}, 1_290);
        long total = 0;
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 2, 28, 28, 1));
        for (Layer layer : layers) {
            total += layer.countParams();
            x = layer.forward(x, false);
        }
        assertEquals(225_034, total);
        assertArrayEquals(new long[]{2, 10}, x.shape());
        assertEquals(2.0, x.value().sumNumber().doubleValue(), 1e-5);
    }

    @Test
    void textCnn() {
        Layer[] layers = {new Embedding(10_000, 16), new Conv1D(128, 5, "relu"), new GlobalMaxPooling1D(),
                new Dense(1, "sigmoid")};
        long[] s = {120};
        s = chain(s, layers[0], new long[]{120, 16}, 160_000);
        s = chain(s, layers[1], new long[]{116, 128}, 10_368);
        s = chain(s, layers[2], new long[]{128}, 0);
        chain(s, layers[3], new long[]{1}, 129);
        INDArray ids = Nd4j.math().floor(Nd4j.rand(DataType.FLOAT, 3, 120).muli(10_000));
        Tensor x = Tensor.constant(ids);
        for (Layer layer : layers) {
            x = layer.forward(x, true);
        }
        assertArrayEquals(new long[]{3, 1}, x.shape());
    }
}
