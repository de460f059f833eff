package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

class EmbeddingTest {

    @Test
    void harness() {
        LayerHarness.of(new Embedding(10, 4), 5).ids(10).checkAll(new long[]{5, 4}, 40);
        LayerHarness.of(new Embedding(3, 2), 4).ids(3).batch(3).checkAll(new long[]{4, 2}, 6);
    }

    @Test
    void looksUpRows() {
        Embedding embedding = new Embedding(4, 2);
        embedding.build(new long[]{3}, DataType.DOUBLE);
        INDArray table = Nd4j.createFromArray(new double[][]{{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}});
        embedding.setWeights(List.of(table));
        Tensor ids = Tensor.constant(Nd4j.createFromArray(new float[][]{{1, 0, 3}, {2, 2, 1}}));
        INDArray y = embedding.forward(ids, false).value();
        assertArrayEquals(new long[]{2, 3, 2}, y.shape());
        assertArrayEquals(new double[]{1, 1.5, 0, 0.5, 3, 3.5, 2, 2.5, 2, 2.5, 1, 1.5}, y.data().asDouble(), 0);
    }

    @Test
    void initialisedUniformlyInKerasRange() {
        Embedding embedding = new Embedding(1000, 8);
        embedding.build(new long[]{5});
        INDArray table = embedding.weights().get(0).value();
        assertArrayEquals(new long[]{1000, 8}, table.shape());
        assertTrue(table.amaxNumber().doubleValue() <= 0.05);
        assertTrue(table.amaxNumber().doubleValue() > 0.049);
        assertEquals(0, table.meanNumber().doubleValue(), 0.002);
        assertEquals("embeddings", embedding.weights().get(0).name());
    }

    @Test
    void idsOutOfRangeNameTheLayer() {
        Embedding embedding = new Embedding(10, 2);
        embedding.build(new long[]{3}, DataType.DOUBLE);
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Tensor.constant(Nd4j.createFromArray(new float[][]{{1, 10, 2}})), false));
        assertTrue(high.getMessage().startsWith(embedding.name() + " (Embedding): ids must be in [0, 10)")
                && high.getMessage().endsWith("found 10"), high.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Tensor.constant(Nd4j.createFromArray(new float[][]{{1, -1, 2}})), false));
        assertTrue(negative.getMessage().endsWith("found -1"), negative.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Tensor.constant(Nd4j.createFromArray(new float[][]{{1, 1.5f, 2}})), false));
        assertTrue(fraction.getMessage().startsWith(embedding.name() + " (Embedding):"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 3, 1)), false));
    }

    @Test
    void configUsesKerasKeys() {
        assertEquals(10_000, new Embedding(10_000, 16).config().get("input_dim"));
        assertEquals(16, new Embedding(10_000, 16).config().get("output_dim"));
        assertEquals("random_uniform", new Embedding(10_000, 16).config().get("embeddings_initializer"));
    }
}
