package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

class TransformerEncoderTest {
    private static final org.nd4j.linalg.api.rng.Random RNG = Nd4j.getRandomFactory().getNewRandomInstance(5);

    private static INDArray uniform(long... shape) {
        return Nd4j.rand(RNG, shape).castTo(DataType.DOUBLE).muli(2).subi(1);
    }

    /** Random values for every weight (gammas near 1), so that biases and betas count too. */
    private static void randomise(Layer layer) {
        List<INDArray> w = new ArrayList<>();
        for (Weight weight : layer.weights()) {
            INDArray r = uniform(weight.shape()).muli(0.5);
            w.add(weight.name().endsWith("gamma") ? r.addi(1) : r);
        }
        layer.setWeights(w);
    }

    @Test
    void harness() {
        // MHA 4 x (4*4+4) + 2 layer norms 2 x 8 + Dense(4->5) 25 + Dense(5->4) 24
        LayerHarness.of(new TransformerEncoder(5, 2), 3, 4).checkAll(new long[]{3, 4}, 80 + 16 + 25 + 24);
        LayerHarness.of(new TransformerEncoder(3, 1).normalizeFirst(true).activation("gelu").dropout(0.2), 3, 2)
                .checkAll(new long[]{3, 2}, 4 * 6 + 8 + 9 + 8);
    }

    @Test
    void weightsInKerasHubOrderWithUniqueNames() {
        TransformerEncoder enc = new TransformerEncoder(128, 4);
        enc.build(new long[]{56, 64});
        List<String> names = enc.weights().stream().map(Weight::name).toList();
        assertEquals(List.of("self_attention_layer_query_kernel", "self_attention_layer_query_bias",
                "self_attention_layer_key_kernel", "self_attention_layer_key_bias",
                "self_attention_layer_value_kernel", "self_attention_layer_value_bias",
                "self_attention_layer_attention_output_kernel", "self_attention_layer_attention_output_bias",
                "self_attention_layer_norm_gamma", "self_attention_layer_norm_beta",
                "feedforward_layer_norm_gamma", "feedforward_layer_norm_beta",
                "feedforward_intermediate_dense_kernel", "feedforward_intermediate_dense_bias",
                "feedforward_output_dense_kernel", "feedforward_output_dense_bias"), names);
        assertEquals(names.size(), new HashSet<>(names).size());
        assertTrue(names.stream().noneMatch(n -> n.contains("/")));
        assertArrayEquals(new long[]{64, 4, 16}, enc.weights().get(0).shape(), "key_dim = hidden_dim / num_heads");
        // Keras: MHA 4 x (64*64+64), 2 x LayerNorm 128, Dense 64*128+128, Dense 128*64+64
        assertEquals(4 * 4160 + 2 * 128 + 8320 + 8256, enc.countParams());
    }

    /** The block from the reference attention, layer norm and dense of the test, with the layer's weights. */
    private static double[][][] reference(TransformerEncoder enc, INDArray x, double[][] mask, boolean first,
                                          double eps) {
        List<INDArray> w = enc.getWeights();
        double[][][] in = AttentionReference.array(x);
        double[][][] h = first ? AttentionReference.layerNorm(in, w.get(8), w.get(9), eps) : in;
        h = AttentionReference.add(in, AttentionReference.attention(h, h, h, w.subList(0, 8), mask, false));
        if (!first) {
            h = AttentionReference.layerNorm(h, w.get(8), w.get(9), eps);
        }
        double[][][] f = first ? AttentionReference.layerNorm(h, w.get(10), w.get(11), eps) : h;
        f = AttentionReference.dense(AttentionReference.dense(f, w.get(12), w.get(13), true), w.get(14), w.get(15),
                false);
        f = AttentionReference.add(h, f);
        return first ? f : AttentionReference.layerNorm(f, w.get(10), w.get(11), eps);
    }

    @Test
    void matchesReferenceBlockPostAndPreNorm() {
        for (boolean first : new boolean[]{false, true}) {
            TransformerEncoder enc = new TransformerEncoder(6, 2).normalizeFirst(first);
            enc.build(new long[]{4, 6}, DataType.DOUBLE);
            randomise(enc);
            INDArray x = uniform(2, 4, 6);
            assertEquals(0, AttentionReference.maxDiff(reference(enc, x, null, first, 1e-5),
                    enc.forward(Tensor.constant(x), false).value()), 1e-12, "normalize_first " + first);
            double[][] keep = {{1, 1, 1, 0}, {1, 0, 1, 1}};
            INDArray y = enc.forward(Tensor.constant(x).withMask(Nd4j.createFromArray(keep)), false).value();
            assertEquals(0, AttentionReference.maxDiff(reference(enc, x, keep, first, 1e-5), y), 1e-12,
                    "masked, normalize_first " + first);
        }
        TransformerEncoder eps = new TransformerEncoder(3, 1).layerNormEpsilon(0.5);
        eps.build(new long[]{2, 2}, DataType.DOUBLE);
        randomise(eps);
        INDArray x = uniform(1, 2, 2);
        assertEquals(0, AttentionReference.maxDiff(reference(eps, x, null, false, 0.5),
                eps.forward(Tensor.constant(x), false).value()), 1e-12);
    }

    @Test
    void gradientsWithMask() {
        TransformerEncoder enc = new TransformerEncoder(3, 2).dropout(0.1);
        enc.build(new long[]{3, 4}, DataType.DOUBLE);
        randomise(enc);
        INDArray keep = Nd4j.createFromArray(new double[][]{{1, 1, 0}, {1, 0, 0}});
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(Tensor.parameter(uniform(2, 3, 4)));
        enc.weights().forEach(w -> inputs.add(w.parameter()));
        GradientCheck.Result r = GradientCheck.check(in -> {
            Nd4j.getRandom().setSeed(3);
            return enc.forward(in.get(0).withMask(keep), true);
        }, inputs);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void maskPassesThroughAndHidesPaddedSteps() {
        TransformerEncoder enc = new TransformerEncoder(4, 2);
        enc.build(new long[]{4, 4}, DataType.DOUBLE);
        INDArray x = uniform(1, 4, 4);
        INDArray keep = Nd4j.createFromArray(new double[][]{{1, 1, 0, 0}});
        Tensor out = enc.call(Tensor.constant(x).withMask(keep), false);
        assertSame(keep, out.mask());
        INDArray changed = x.dup();
        changed.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4))
                .assign(7);
        INDArray again = enc.call(Tensor.constant(changed).withMask(keep), false).value();
        for (int t = 0; t < 2; t++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(out.value().getDouble(0, t, j), again.getDouble(0, t, j), 0, "real step " + t);
            }
        }
    }

    @Test
    void freezingFreezesTheSublayers() {
        TransformerEncoder enc = new TransformerEncoder(3, 1);
        enc.build(new long[]{2, 2}, DataType.DOUBLE);
        enc.trainable(false);
        Tensor y = enc.forward(Tensor.constant(uniform(1, 2, 2)), true);
        assertFalse(y.requiresGrad(), "a frozen block computes with constants");
        enc.trainable(true);
        assertTrue(enc.forward(Tensor.constant(uniform(1, 2, 2)), true).requiresGrad());
        TransformerEncoder frozenFirst = new TransformerEncoder(3, 1);
        frozenFirst.trainable(false);
        frozenFirst.build(new long[]{2, 2}, DataType.DOUBLE);
        assertFalse(frozenFirst.forward(Tensor.constant(uniform(1, 2, 2)), true).requiresGrad());
    }

    @Test
    void configIsKerasHubsAndRoundTrips() {
        TransformerEncoder enc = new TransformerEncoder(8, 2).dropout(0.1).activation("gelu").layerNormEpsilon(1e-6)
                .normalizeFirst(true);
        String json = Json.write(enc.config());
        for (String key : new String[]{"\"intermediate_dim\":8", "\"num_heads\":2", "\"dropout\":0.1",
                "\"activation\":\"gelu\"", "\"layer_norm_epsilon\":1.0E-6", "\"normalize_first\":true"}) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        Layer copy = LayerRegistry.fromConfig("TransformerEncoder", Json.parseObject(json));
        assertEquals(json, Json.write(copy.config()));
        Layer defaults = LayerRegistry.fromConfig("TransformerEncoder",
                Json.parseObject("{\"intermediate_dim\":8,\"num_heads\":2,\"activation\":\"relu\"}"));
        assertTrue(Json.write(defaults.config()).contains("\"layer_norm_epsilon\":1.0E-5"));
    }

    @Test
    void tooFewFeaturesForTheHeadsNamesTheLayer() {
        TransformerEncoder enc = new TransformerEncoder(8, 4);
        enc.name("enc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.build(new long[]{5, 3}));
        assertTrue(e.getMessage().startsWith("enc (TransformerEncoder): hidden_dim 3 must be at least num_heads 4"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TransformerEncoder(8, 2).build(new long[]{5}));
    }

    @Test
    void itsSublayersTakeNoNumbersFromTheDefaultLayerNames() {
        String before = new Dense(1).name();
        new TransformerEncoder(8, 2).build(new long[]{3, 4}, DataType.FLOAT);
        String after = new Dense(1).name();
        assertEquals(number(before) + 1, number(after), before + " then " + after);
    }

    private static int number(String name) {
        int underscore = name.lastIndexOf('_');
        return underscore < 0 ? 0 : Integer.parseInt(name.substring(underscore + 1));
    }
}
