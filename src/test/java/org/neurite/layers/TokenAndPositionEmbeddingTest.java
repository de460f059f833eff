package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

class TokenAndPositionEmbeddingTest {

    @Test
    void harness() {
        LayerHarness.of(new TokenAndPositionEmbedding(10, 5, 3), 5).ids(10).checkAll(new long[]{5, 3}, 30 + 15);
        // shorter sequences than sequence_length use the first position rows
        LayerHarness.of(new TokenAndPositionEmbedding(7, 6, 2).maskZero(true), 4).ids(7).batch(3)
                .checkAll(new long[]{4, 2}, 14 + 12);
    }

    @Test
    void sumsTokenAndPositionRows() {
        TokenAndPositionEmbedding layer = new TokenAndPositionEmbedding(4, 3, 2);
        layer.build(new long[]{2}, DataType.DOUBLE);
        assertEquals(List.of("token_embeddings", "position_embeddings"),
                layer.weights().stream().map(Weight::name).toList());
        INDArray tokens = Nd4j.createFromArray(new double[][]{{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}});
        INDArray positions = Nd4j.createFromArray(new double[][]{{10, 20}, {30, 40}, {50, 60}});
        layer.setWeights(List.of(tokens, positions));
        Tensor ids = Tensor.constant(Nd4j.createFromArray(new float[][]{{3, 1}, {0, 2}}));
        INDArray y = layer.forward(ids, false).value();
        assertArrayEquals(new long[]{2, 2, 2}, y.shape());
        assertArrayEquals(new double[]{13, 23.5, 31, 41.5, 10, 20.5, 32, 42.5}, y.data().asDouble(), 0);
    }

    @Test
    void gradientReachesBothTables() {
        TokenAndPositionEmbedding layer = new TokenAndPositionEmbedding(5, 4, 3);
        layer.build(new long[]{3}, DataType.DOUBLE);
        INDArray ids = Nd4j.createFromArray(new double[][]{{1, 4, 1}, {0, 2, 3}});
        GradientCheck.Result r = GradientCheck.check(in -> layer.forward(Tensor.constant(ids), true),
                layer.weights().stream().map(Weight::parameter).toList());
        assertTrue(r.passed(), r.toString());
        // the unused last position row gets a zero gradient
        assertEquals(0, layer.weights().get(1).parameter().grad().getRow(3).amaxNumber().doubleValue(), 0);
    }

    @Test
    void maskZeroMarksPadding() {
        TokenAndPositionEmbedding layer = new TokenAndPositionEmbedding(5, 4, 2).maskZero(true);
        layer.build(new long[]{4}, DataType.FLOAT);
        Tensor ids = Tensor.constant(Nd4j.createFromArray(new float[][]{{3, 1, 0, 0}, {2, 0, 4, 1}}));
        INDArray mask = layer.call(ids, false).mask();
        assertEquals(DataType.FLOAT, mask.dataType());
        assertArrayEquals(new float[]{1, 1, 0, 0, 1, 0, 1, 1}, mask.data().asFloat(), 0);
        assertNull(new TokenAndPositionEmbedding(5, 4, 2).maskZero(false).apply(Input.of(4)).layer()
                .call(ids, false).mask());
    }

    @Test
    void errorsNameTheLayer() {
        TokenAndPositionEmbedding layer = new TokenAndPositionEmbedding(5, 4, 2);
        layer.name("tokpos");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> layer.build(new long[]{6}, DataType.FLOAT));
        assertTrue(tooLong.getMessage().contains("tokpos (TokenAndPositionEmbedding)")
                && tooLong.getMessage().contains("[6]"), tooLong.getMessage());
        layer.build(new long[]{4}, DataType.FLOAT);
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.constant(Nd4j.createFromArray(new float[][]{{1, 5, 0, 0}})), false));
        assertTrue(id.getMessage().startsWith("tokpos (TokenAndPositionEmbedding): ids must be in [0, 5)")
                && id.getMessage().endsWith("found 5"), id.getMessage());
    }

    @Test
    void readsKerasHubConfig() {
        Layer layer = LayerRegistry.fromConfig("TokenAndPositionEmbedding", Json.parseObject(
                "{\"vocabulary_size\":100,\"sequence_length\":8,\"embedding_dim\":4,\"tie_weights\":true,"
                        + "\"embeddings_initializer\":{\"class_name\":\"RandomUniform\",\"config\":{\"minval\":-0.05,"
                        + "\"maxval\":0.05,\"seed\":null}},\"mask_zero\":true}"));
        assertTrue(((TokenAndPositionEmbedding) layer).isMaskZero());
        layer.build(new long[]{8});
        assertEquals(100 * 4 + 8 * 4, layer.countParams());
    }
}
