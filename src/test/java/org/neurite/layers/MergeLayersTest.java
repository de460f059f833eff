package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/** Add, Subtract, Multiply, Average and Concatenate. */
class MergeLayersTest {
    private static final INDArray A = Nd4j.createFromArray(new double[][]{{1, 2, 3}, {4, 5, 6}});
    private static final INDArray B = Nd4j.createFromArray(new double[][]{{0.5, -1, 2}, {3, 0, -2}});
    private static final INDArray C = Nd4j.createFromArray(new double[][]{{2, 2, 2}, {-1, 1, 0.5}});

    private static INDArray run(MultiInputLayer layer, INDArray... xs) {
        List<long[]> shapes = new ArrayList<>();
        List<Tensor> inputs = new ArrayList<>();
        for (INDArray x : xs) {
            long[] s = x.shape();
            shapes.add(java.util.Arrays.copyOfRange(s, 1, s.length));
            inputs.add(Tensor.constant(x));
        }
        layer.build(shapes, DataType.DOUBLE);
        INDArray y = layer.forward(inputs, false).value();
        assertArrayEquals(y.shape(), batch(layer.outputShape(), xs[0].size(0)), "output shape of " + layer);
        return y;
    }

    private static long[] batch(long[] shape, long n) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    private static INDArray d(double[][] v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void valuesByHand() {
        assertEquals(d(new double[][]{{1.5, 1, 5}, {7, 5, 4}}), run(new Add(), A, B));
        assertEquals(d(new double[][]{{3.5, 3, 7}, {6, 6, 4.5}}), run(new Add(), A, B, C));
        assertEquals(d(new double[][]{{0.5, 3, 1}, {1, 5, 8}}), run(new Subtract(), A, B));
        assertEquals(d(new double[][]{{0.5, -2, 6}, {12, 0, -12}}), run(new Multiply(), A, B));
        assertEquals(d(new double[][]{{1, -4, 12}, {-12, 0, -6}}), run(new Multiply(), A, B, C));
        assertEquals(d(new double[][]{{0.75, 0.5, 2.5}, {3.5, 2.5, 2}}), run(new Average(), A, B));
        INDArray avg3 = run(new Average(), A, B, C);
        assertTrue(d(new double[][]{{3.5 / 3, 1, 7 / 3.0}, {2, 2, 1.5}}).equalsWithEps(avg3, 1e-12), avg3.toString());
        assertEquals(d(new double[][]{{1, 2, 3, 0.5, -1, 2}, {4, 5, 6, 3, 0, -2}}), run(new Concatenate(), A, B));
        assertEquals(d(new double[][]{{1, 2, 3, 0.5, -1, 2}, {4, 5, 6, 3, 0, -2}}), run(new Concatenate(1), A, B));
    }

    @Test
    void concatenateAlongEachAxis() {
        INDArray x = Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape(2, 3, 2);   // [2, 3, 2]
        INDArray y = Nd4j.linspace(DataType.DOUBLE, 1, 8, 1).reshape(2, 2, 2);
        // along the steps: [2, 3, 2] + [2, 2, 2] -> [2, 5, 2]
        Concatenate steps = new Concatenate(1);
        INDArray s = run(steps, x, y);
        assertArrayEquals(new long[]{5, 2}, steps.outputShape());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 1, 2, 3, 4}, s.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup('c').data().asDouble(), 0);
        // along the features, -1 and 2 alike: [2, 3, 2] + [2, 3, 1] -> [2, 3, 3]
        INDArray z = Nd4j.createFromArray(new double[]{10, 20, 30, 40, 50, 60}).reshape(2, 3, 1);
        for (int axis : new int[]{-1, 2}) {
            Concatenate features = new Concatenate(axis);
            INDArray f = run(features, x, z);
            assertArrayEquals(new long[]{3, 3}, features.outputShape());
            assertArrayEquals(new double[]{1, 2, 10, 3, 4, 20, 5, 6, 30, 7, 8, 40, 9, 10, 50, 11, 12, 60},
                    f.dup('c').data().asDouble(), 0);
        }
        assertEquals(-2, (int) LayerRegistry.fromConfig("Concatenate", new Concatenate(-2).config())
                .config().get("axis"));
    }

    /** Each layer's gradient with respect to every input, in DOUBLE. */
    @Test
    void gradientChecks() {
        List<Supplier<MultiInputLayer>> layers = List.of(Add::new, Subtract::new, Multiply::new, Average::new,
                Concatenate::new, () -> new Concatenate(1));
        for (Supplier<MultiInputLayer> make : layers) {
            for (int count = 2; count <= 3; count++) {
                MultiInputLayer layer = make.get();
                if (layer instanceof Subtract && count == 3) {
                    continue;
                }
                List<Tensor> params = new ArrayList<>();
                List<long[]> shapes = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    params.add(Tensor.parameter(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7 + i),
                            2, 3, 4).castTo(DataType.DOUBLE).subi(0.5)));
                    shapes.add(new long[]{3, 4});
                }
                layer.build(shapes, DataType.DOUBLE);
                GradientCheck.Result r = GradientCheck.check(in -> layer.forward(in, true), params);
                assertTrue(r.passed(), layer + " on " + count + " inputs: " + r);
                // the same through call() with step masks on the inputs: masks travel, values do not change
                INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 0}, {1, 0, 0}});
                GradientCheck.Result masked = GradientCheck.check(in -> {
                    List<Tensor> withMasks = new ArrayList<>();
                    in.forEach(t -> withMasks.add(t.withMask(mask)));
                    return layer.call(withMasks, true);
                }, params);
                assertTrue(masked.passed(), layer + " on " + count + " masked inputs: " + masked);
            }
        }
    }

    @Test
    void shapeErrorsNameTheLayerAndEveryShape() {
        Add add = new Add();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> add.build(List.of(new long[]{3}, new long[]{4}), DataType.FLOAT));
        assertEquals(add.name() + " (Add): inputs must all have the same shape; input shapes [3], [4]", e.getMessage());

        Subtract sub = new Subtract();
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> sub.build(List.of(new long[]{3}, new long[]{3}, new long[]{3}), DataType.FLOAT));
        assertEquals(sub.name() + " (Subtract): needs exactly 2 inputs, got 3; input shapes [3], [3], [3]",
                three.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new Multiply().build(List.of(new long[]{3}), DataType.FLOAT));
        assertTrue(one.getMessage().contains("(Multiply): needs at least 2 inputs, got 1"), one.getMessage());

        Concatenate cat = new Concatenate(1);
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> cat.build(List.of(new long[]{5, 2}, new long[]{4, 3}), DataType.FLOAT));
        assertEquals(cat.name() + " (Concatenate): inputs must have the same sizes except along axis 1; "
                + "input shapes [5, 2], [4, 3]", c.getMessage());
        IllegalArgumentException batchAxis = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate(0).build(List.of(new long[]{2}, new long[]{2}), DataType.FLOAT));
        assertTrue(batchAxis.getMessage().contains("axis 0 is out of range for inputs of rank 2"),
                batchAxis.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Concatenate(-3).build(List.of(new long[]{2}, new long[]{2}), DataType.FLOAT));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate().build(List.of(new long[]{2, 3}, new long[]{6}), DataType.FLOAT));
        assertTrue(rank.getMessage().endsWith("inputs must all have the same rank; input shapes [2, 3], [6]"),
                rank.getMessage());

        // forward on tensors that do not fit names the batch shapes
        Average avg = new Average();
        avg.build(List.of(new long[]{3}, new long[]{3}), DataType.DOUBLE);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> avg.forward(
                List.of(Tensor.constant(A), Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 4))), false));
        assertEquals(avg.name() + " (Average): inputs must all have the same shape; input shapes [2, 3], [2, 4]",
                f.getMessage());
    }

    @Test
    void applyNamesTheInputLayers() {
        Node a = Input.of("left", 3);
        Node b = Input.of("right", 4);
        Add add = new Add();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add.apply(a, b));
        assertTrue(e.getMessage().contains("left (InputLayer), shape [None, 3]")
                && e.getMessage().contains("right (InputLayer), shape [None, 4]")
                && e.getMessage().contains("input shapes [3], [4]"), e.getMessage());
        Node cat = new Concatenate().apply(a, b);
        assertArrayEquals(new long[]{7}, cat.shape());
        assertArrayEquals(new long[]{3}, new Multiply().apply(a, Input.of(3)).shape());
    }

    @Test
    void configRoundTrip() {
        for (MultiInputLayer layer : List.of(new Add(), new Subtract(), new Multiply(), new Average(),
                new Concatenate(), new Concatenate(1))) {
            String json = Json.write(layer.config());
            Layer copy = LayerRegistry.fromConfig(layer.className(), Json.parseObject(json));
            assertEquals(layer.getClass(), copy.getClass());
            assertEquals(json, Json.write(copy.config()));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 3);
            assertEquals(run(layer, x, y), run((MultiInputLayer) copy, x, y), layer.toString());
        }
        assertEquals(-1, new Concatenate().config().get("axis"));
        assertEquals(2, ((Concatenate) LayerRegistry.fromConfig("Concatenate", java.util.Map.of("axis", 2))).axis());
        assertEquals(-1, ((Concatenate) LayerRegistry.fromConfig("Concatenate", java.util.Map.of())).axis());
        for (String name : List.of("Add", "Subtract", "Multiply", "Average", "Concatenate")) {
            assertTrue(LayerRegistry.classNames().contains(name), name);
        }
    }

    private static Tensor masked(INDArray x, double[][] mask) {
        return Tensor.constant(x).withMask(mask == null ? null : Nd4j.createFromArray(mask));
    }

    @Test
    void masksCombine() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2);
        double[][] m1 = {{1, 1, 0}, {1, 0, 0}};
        double[][] m2 = {{1, 0, 0}, {1, 1, 1}};
        Add add = new Add();
        add.build(List.of(new long[]{3, 2}, new long[]{3, 2}), DataType.DOUBLE);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 0, 0}, {1, 0, 0}}),
                add.call(List.of(masked(x, m1), masked(x, m2)), false).mask(), "AND of both masks");
        INDArray only = Nd4j.createFromArray(m1);
        assertSame(only, add.call(List.of(Tensor.constant(x).withMask(only), masked(x, null)), false).mask(),
                "one mask passes through");
        assertNull(add.call(List.of(masked(x, null), masked(x, null)), false).mask());

        Concatenate features = new Concatenate();
        features.build(List.of(new long[]{3, 2}, new long[]{3, 2}), DataType.DOUBLE);
        Tensor f = features.call(List.of(masked(x, m1), masked(x, m2)), false);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 0, 0}, {1, 0, 0}}), f.mask());

        Concatenate steps = new Concatenate(1);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2, 2);
        steps.build(List.of(new long[]{3, 2}, new long[]{2, 2}), DataType.DOUBLE);
        Tensor s = steps.call(List.of(masked(x, m1), masked(y, new double[][]{{1, 0}, {0, 0}})), false);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 1, 0, 1, 0}, {1, 0, 0, 0, 0}}), s.mask(),
                "masks joined along the steps");
        Tensor half = steps.call(List.of(masked(x, null), masked(y, new double[][]{{1, 0}, {0, 0}})), false);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}}), half.mask(),
                "an input without a mask counts as all real steps");
        assertNull(steps.call(List.of(masked(x, null), masked(y, null)), false).mask());
    }
}
