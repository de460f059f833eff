package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

class MultiHeadAttentionTest {
    private static final org.nd4j.linalg.api.rng.Random RNG = Nd4j.getRandomFactory().getNewRandomInstance(11);

    private static INDArray uniform(long... shape) {
        return Nd4j.rand(RNG, shape).castTo(DataType.DOUBLE).muli(2).subi(1);
    }

    /** A DOUBLE layer built for the shapes with random (non-zero) biases, so every weight matters. */
    private static MultiHeadAttention built(MultiHeadAttention mha, long[]... shapes) {
        mha.build(List.of(shapes), DataType.DOUBLE);
        List<INDArray> w = new ArrayList<>();
        mha.getWeights().forEach(a -> w.add(uniform(a.shape()).muli(0.8)));
        mha.setWeights(w);
        return mha;
    }

    private static INDArray mask(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void weightsShapesOrderAndCountAsKeras() {
        MultiHeadAttention mha = new MultiHeadAttention(4, 16).valueDim(8);
        mha.build(List.of(new long[]{5, 64}, new long[]{7, 32}, new long[]{7, 24}), DataType.FLOAT);
        List<String> names = mha.weights().stream().map(Weight::name).toList();
        assertEquals(List.of("query_kernel", "query_bias", "key_kernel", "key_bias", "value_kernel", "value_bias",
                "attention_output_kernel", "attention_output_bias"), names);
        long[][] shapes = {{64, 4, 16}, {4, 16}, {24, 4, 16}, {4, 16}, {32, 4, 8}, {4, 8}, {4, 8, 64}, {64}};
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], mha.weights().get(i).shape(), names.get(i));
        }
        assertArrayEquals(new long[]{5, 64}, mha.outputShape());
        // Keras: (64*64+64) + (24*64+64) + (32*32+32) + (4*8*64+64)
        assertEquals(4160 + 1600 + 1056 + 2112, mha.countParams());
        assertTrue(mha.weights().get(7).value().amaxNumber().doubleValue() == 0, "biases start at zero");
        double limit = Math.sqrt(6.0 / (4 * 64 + 16 * 64));   // Keras's fans of a [64, 4, 16] kernel
        double max = mha.weights().get(0).value().amaxNumber().doubleValue();
        assertTrue(max <= limit && max > 0.9 * limit, max + " vs " + limit);

        MultiHeadAttention noBias = new MultiHeadAttention(2, 3).useBias(false).outputShape(5);
        noBias.build(List.of(new long[]{4, 6}, new long[]{4, 6}), DataType.FLOAT);
        assertEquals(4, noBias.weights().size());
        assertArrayEquals(new long[]{4, 5}, noBias.outputShape());
        assertEquals(6 * 6 * 3 + 2 * 3 * 5, noBias.countParams());
    }

    @Test
    void selfAttentionMatchesKerasEquations() {
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 3), new long[]{4, 5}, new long[]{4, 5});
        INDArray x = uniform(2, 4, 5);
        INDArray y = mha.forward(List.of(Tensor.constant(x), Tensor.constant(x)), false).value();
        assertArrayEquals(new long[]{2, 4, 5}, y.shape());
        double[][][] a = AttentionReference.array(x);
        double[][][] expected = AttentionReference.attention(a, a, a, mha.getWeights(), null, false);
        assertEquals(0, AttentionReference.maxDiff(expected, y), 1e-5);
        assertEquals(0, AttentionReference.maxDiff(expected, y), 1e-12, "DOUBLE is exact to rounding");
    }

    @Test
    void crossAttentionWithKeyValueDimsAndKeyMaskMatchesKerasEquations() {
        MultiHeadAttention mha = built(new MultiHeadAttention(3, 2).valueDim(4).outputShape(6),
                new long[]{3, 5}, new long[]{4, 7}, new long[]{4, 2});
        INDArray q = uniform(2, 3, 5);
        INDArray v = uniform(2, 4, 7);
        INDArray k = uniform(2, 4, 2);
        double[][] keep = {{1, 1, 0, 1}, {1, 0, 0, 0}};
        INDArray y = mha.forward(List.of(Tensor.constant(q), Tensor.constant(v).withMask(mask(keep)),
                Tensor.constant(k)), false).value();
        assertArrayEquals(new long[]{2, 3, 6}, y.shape());
        double[][][] expected = AttentionReference.attention(AttentionReference.array(q), AttentionReference.array(v),
                AttentionReference.array(k), mha.getWeights(), keep, false);
        assertEquals(0, AttentionReference.maxDiff(expected, y), 1e-12);

        // the key's own mask hides keys too, combined with the value's
        double[][] keyKeep = {{0, 1, 1, 1}, {1, 1, 1, 1}};
        INDArray both = mha.forward(List.of(Tensor.constant(q), Tensor.constant(v).withMask(mask(keep)),
                Tensor.constant(k).withMask(mask(keyKeep))), false).value();
        double[][] combined = {{0, 1, 0, 1}, {1, 0, 0, 0}};
        expected = AttentionReference.attention(AttentionReference.array(q), AttentionReference.array(v),
                AttentionReference.array(k), mha.getWeights(), combined, false);
        assertEquals(0, AttentionReference.maxDiff(expected, both), 1e-12);
    }

    @Test
    void causalMaskMatchesKerasEquationsAlsoWithPadding() {
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 2).useCausalMask(true), new long[]{5, 4},
                new long[]{5, 4});
        INDArray x = uniform(2, 5, 4);
        double[][] a = null;
        double[][][] xs = AttentionReference.array(x);
        INDArray y = mha.forward(List.of(Tensor.constant(x), Tensor.constant(x)), false).value();
        assertEquals(0, AttentionReference.maxDiff(AttentionReference.attention(xs, xs, xs, mha.getWeights(), a, true),
                y), 1e-12);
        // pre-padding: the first query of example 1 sees no key at all and attends to every key
        double[][] keep = {{1, 1, 1, 0, 0}, {0, 1, 1, 1, 1}};
        INDArray m = mha.forward(List.of(Tensor.constant(x), Tensor.constant(x).withMask(mask(keep))), false).value();
        assertEquals(0, AttentionReference.maxDiff(AttentionReference.attention(xs, xs, xs, mha.getWeights(), keep,
                true), m), 1e-12);
    }

    @Test
    void causalOutputAtStepTIgnoresLaterSteps() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            MultiHeadAttention mha = new MultiHeadAttention(2, 4).useCausalMask(true);
            mha.build(List.of(new long[]{6, 8}, new long[]{6, 8}), type);
            INDArray x = uniform(3, 6, 8).castTo(type);
            INDArray before = mha.forward(List.of(Tensor.constant(x), Tensor.constant(x)), false).value().dup();
            for (int t = 0; t < 5; t++) {
                INDArray changed = x.dup();
                changed.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(t + 1, 6),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(uniform(3, 5 - t, 8).muli(5));
                INDArray after = mha.forward(List.of(Tensor.constant(changed), Tensor.constant(changed)), false)
                        .value();
                for (int s = 0; s <= t; s++) {
                    INDArray d = before.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(s), org.nd4j.linalg.indexing.NDArrayIndex.all())
                            .sub(after.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                    org.nd4j.linalg.indexing.NDArrayIndex.point(s),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all()));
                    assertEquals(0, d.amaxNumber().doubleValue(), 0, type + ": step " + s + " after changing > " + t);
                }
                assertTrue(before.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t + 1)).sub(after.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t + 1)))
                        .amaxNumber().doubleValue() > 1e-6, "the changed step itself does change");
            }
        }
    }

    @Test
    void maskedKeysAndValuesHaveNoInfluence() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            MultiHeadAttention mha = new MultiHeadAttention(2, 3);
            mha.build(List.of(new long[]{4, 6}, new long[]{5, 6}, new long[]{5, 6}), type);
            INDArray q = uniform(2, 4, 6).castTo(type);
            INDArray v = uniform(2, 5, 6).castTo(type);
            INDArray k = uniform(2, 5, 6).castTo(type);
            INDArray keep = mask(new double[][]{{1, 0, 1, 1, 0}, {1, 1, 0, 0, 0}}).castTo(type);
            INDArray before = mha.forward(List.of(Tensor.constant(q), Tensor.constant(v).withMask(keep),
                    Tensor.constant(k)), false).value().dup();
            INDArray hidden = Nd4j.createFromArray(new double[][]{{0, 1, 0, 0, 1}, {0, 0, 1, 1, 1}}).castTo(type)
                    .reshape(2, 5, 1);
            // change masked steps by a lot: huge keys would dominate any softmax they took part in
            INDArray v2 = v.add(uniform(2, 5, 6).castTo(type).muli(100).mul(hidden));
            INDArray k2 = k.add(uniform(2, 5, 6).castTo(type).muli(100).mul(hidden));
            INDArray after = mha.forward(List.of(Tensor.constant(q), Tensor.constant(v2).withMask(keep),
                    Tensor.constant(k2)), false).value();
            assertEquals(0, before.sub(after).amaxNumber().doubleValue(), 0, type.toString());
            assertTrue(v2.sub(v).amaxNumber().doubleValue() > 1);
        }
    }

    @Test
    void gradientsWithoutAndWithMasks() {
        MultiHeadAttention self = built(new MultiHeadAttention(2, 2), new long[]{3, 4}, new long[]{3, 4});
        Tensor x = Tensor.parameter(uniform(2, 3, 4));
        check(in -> self.forward(List.of(in.get(0), in.get(0)), true), x, self);

        MultiHeadAttention cross = built(new MultiHeadAttention(2, 2).valueDim(3).useCausalMask(true),
                new long[]{3, 4}, new long[]{4, 5}, new long[]{4, 3});
        INDArray keep = mask(new double[][]{{1, 1, 0, 1}, {0, 1, 1, 0}});
        Tensor q = Tensor.parameter(uniform(2, 3, 4));
        Tensor v = Tensor.parameter(uniform(2, 4, 5));
        Tensor k = Tensor.parameter(uniform(2, 4, 3));
        check(in -> cross.forward(List.of(in.get(0), in.get(1).withMask(keep), in.get(2)), true), q, cross, v, k);
    }

    @Test
    void gradientsWithAttentionDropout() {
        MultiHeadAttention mha = built(new MultiHeadAttention(2, 2).dropout(0.3), new long[]{3, 4}, new long[]{3, 4});
        Tensor x = Tensor.parameter(uniform(2, 3, 4));
        check(in -> {
            Nd4j.getRandom().setSeed(99);   // the same dropout mask in every evaluation
            return mha.forward(List.of(in.get(0), in.get(0)), true);
        }, x, mha);
        INDArray a = mha.forward(List.of(x, x), false).value();
        INDArray b = mha.forward(List.of(x, x), false).value();
        assertEquals(a, b, "no dropout at inference");
    }

    private static void check(java.util.function.Function<List<Tensor>, Tensor> f, Tensor first, Layer layer,
                              Tensor... more) {
        List<Tensor> inputs = new ArrayList<>(List.of(first));
        inputs.addAll(List.of(more));
        layer.weights().forEach(w -> inputs.add(w.parameter()));
        GradientCheck.Result r = GradientCheck.check(f, inputs);
        assertTrue(r.passed(), r.toString());
        for (Weight w : layer.weights()) {
            assertTrue(w.parameter().grad().amaxNumber().doubleValue() > 0, w.name() + " got no gradient");
        }
    }

    @Test
    void outputCarriesTheQueryMask() {
        MultiHeadAttention mha = new MultiHeadAttention(1, 2);
        mha.build(List.of(new long[]{3, 2}, new long[]{4, 2}), DataType.DOUBLE);
        INDArray qm = mask(new double[][]{{1, 1, 0}});
        INDArray vm = mask(new double[][]{{1, 0, 1, 1}});
        Tensor out = mha.call(List.of(Tensor.constant(uniform(1, 3, 2)).withMask(qm),
                Tensor.constant(uniform(1, 4, 2)).withMask(vm)), false);
        assertSame(qm, out.mask());
        assertNull(mha.call(List.of(Tensor.constant(uniform(1, 3, 2)),
                Tensor.constant(uniform(1, 4, 2)).withMask(vm)), false).mask());
    }

    @Test
    void functionalApplyForSelfAndCrossAttention() {
        Node x = Input.of(6, 8);
        Node self = new MultiHeadAttention(2, 4).apply(x, x);
        assertArrayEquals(new long[]{6, 8}, self.shape());
        Node memory = Input.of(9, 5);
        Node cross = new MultiHeadAttention(2, 4).outputShape(3).apply(x, memory);
        assertArrayEquals(new long[]{6, 3}, cross.shape());
        Node withKey = new MultiHeadAttention(2, 4).apply(x, memory, Input.of(9, 2));
        assertArrayEquals(new long[]{6, 8}, withKey.shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 4).name("mha_bad").apply(x, memory, Input.of(8, 2)));
        assertTrue(e.getMessage().contains("mha_bad (MultiHeadAttention)") && e.getMessage().contains("key shape"),
                e.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 4).apply(x));
        assertTrue(one.getMessage().contains("2 or 3 inputs"), one.getMessage());
    }

    @Test
    void wrongFeaturesAtRunTimeNameTheLayer() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 2);
        mha.name("att");
        mha.build(List.of(new long[]{3, 4}, new long[]{3, 4}), DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mha.forward(
                List.of(Tensor.constant(uniform(1, 3, 4)), Tensor.constant(uniform(1, 3, 5))), false));
        assertTrue(e.getMessage().startsWith("att (MultiHeadAttention): expected value shape [sequence_length, 4]"),
                e.getMessage());
    }

    @Test
    void configRoundTripThroughRegistry() {
        MultiHeadAttention mha = built(new MultiHeadAttention(3, 2).valueDim(4).dropout(0.1).outputShape(5)
                .useCausalMask(true), new long[]{3, 4}, new long[]{2, 6});
        String json = Json.write(mha.config());
        assertTrue(json.contains("\"num_heads\":3") && json.contains("\"key_dim\":2") && json.contains("\"value_dim\":4")
                && json.contains("\"output_shape\":5") && json.contains("\"use_causal_mask\":true"), json);
        Layer copy = LayerRegistry.fromConfig("MultiHeadAttention", Json.parseObject(json));
        assertEquals(json, Json.write(copy.config()));
        copy.build(mha.inputShapes(), DataType.DOUBLE);
        copy.setWeights(mha.getWeights());
        List<Tensor> in = List.of(Tensor.constant(uniform(2, 3, 4)), Tensor.constant(uniform(2, 2, 6)));
        assertEquals(mha.forward(in, false).value(), copy.forward(in, false).value());

        // Keras's defaults and spellings: value_dim and output_shape null, attention_axes [1]
        Layer keras = LayerRegistry.fromConfig("MultiHeadAttention", Json.parseObject(
                "{\"num_heads\":2,\"key_dim\":8,\"value_dim\":null,\"output_shape\":null,\"attention_axes\":[1],"
                        + "\"kernel_initializer\":{\"class_name\":\"GlorotUniform\",\"config\":{\"seed\":null}}}"));
        assertEquals(8, ((MultiHeadAttention) keras).valueDim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig(
                "MultiHeadAttention", Json.parseObject("{\"num_heads\":2,\"key_dim\":8,\"attention_axes\":[1,2]}")));
        assertTrue(e.getMessage().contains("attention_axes"), e.getMessage());
    }
}
