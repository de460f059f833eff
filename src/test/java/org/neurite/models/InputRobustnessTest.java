package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Batch;
import org.neurite.data.Dataset;
import org.neurite.layers.Concatenate;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.Flatten;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.Node;
import org.neurite.tensor.Tensor;

/**
 * The input cases of issue 11, each as the adversarial user reproduced it: array views, inputs of
 * other numeric types than the model's, and the position of the first NaN in larger arrays.
 */
class InputRobustnessTest {
    private static INDArray random(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT);
    }

    /** Two models with the same weights: one fed the view, one its contiguous copy. */
    private static <M extends Model> List<M> twins(Supplier<M> make) {
        M a = make.get();
        M b = make.get();
        b.setWeights(a.getWeights());
        return List.of(a, b);
    }

    private static Sequential mlp(long features) {
        Sequential model = new Sequential(new Input(features), new Dense(8, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    private static INDArray classes(long seed, long n) {
        return random(seed, n).muli(3).castTo(DataType.INT).castTo(DataType.FLOAT);
    }

    /** Columns 5-25 of a [96, 30] array, and rows 64-192 of a [257, 20] array. */
    private static List<INDArray> views() {
        return List.of(random(1, 96, 30).get(NDArrayIndex.all(), NDArrayIndex.interval(5, 25)),
                random(2, 257, 20).get(NDArrayIndex.interval(64, 192)));
    }

    @Test
    void aViewGivesExactlyTheResultsOfItsContiguousCopyInASequential() {
        for (INDArray view : views()) {
            INDArray copy = view.dup();
            INDArray y = classes(3, view.size(0));
            List<Sequential> m = twins(() -> mlp(20));
            assertEquals(m.get(1).predict(copy), m.get(0).predict(view), "predict");
            assertEquals(m.get(1).predict(copy, 7), m.get(0).predict(view, 7), "predict, batch 7");
            assertEquals(m.get(1).evaluate(copy, y), m.get(0).evaluate(view, y), "evaluate");
            Fit fit = Fit.epochs(2).batchSize(10).shuffle(false).verbose(0);   // 10 divides neither 96 nor 128
            History onCopy = m.get(1).fit(copy, y, fit);
            History onView = m.get(0).fit(view, y, fit);
            assertEquals(onCopy.history(), onView.history(), "unshuffled fit");
            assertEquals(m.get(1).getWeights(), m.get(0).getWeights());
            Fit shuffled = Fit.epochs(1).batchSize(16).seed(5).verbose(0).validationData(view, y);
            assertEquals(m.get(1).fit(copy, y, shuffled.validationData(copy, y)).history(),
                    m.get(0).fit(view, y, Fit.epochs(1).batchSize(16).seed(5).verbose(0).validationData(view, y))
                            .history(), "shuffled fit with validation data");
            assertEquals(m.get(1).trainOnBatch(copy, y), m.get(0).trainOnBatch(view, y), "trainOnBatch");
        }
    }

    @Test
    void theBatchesOfAViewAreThoseOfItsCopy() {
        for (INDArray view : views()) {
            Dataset data = Dataset.of(view, classes(4, view.size(0)));
            Dataset copy = Dataset.of(view.dup(), data.labels());
            assertEquals(copy.features(), data.features());
            List<Batch> a = new ArrayList<>();
            List<Batch> b = new ArrayList<>();
            data.batches(32, false, 0).forEach(a::add);
            copy.batches(32, false, 0).forEach(b::add);
            assertEquals(b.size(), a.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(b.get(i).features(), a.get(i).features(), "batch " + i);
            }
            assertEquals(copy.slice(40, 90).features(), data.slice(40, 90).features());
            assertEquals(copy.shuffle(9).features(), data.shuffle(9).features());
        }
    }

    @Test
    void aPlainFloatArrayIsNotCopied() {
        INDArray x = random(5, 40, 20);
        INDArray y = classes(6, 40);
        Dataset data = Dataset.of(x, y);
        assertSame(x, data.features());
        assertSame(y, data.labels());
        assertSame(data, InputTypes.cast(mlp(20), mlp(20).loss(), data, "fit"));
    }

    @Test
    void viewsInAFunctionalModelWithSeveralInputs() {
        Supplier<Model> make = () -> {
            Node a = Input.of(20);
            Node b = Input.of(20);
            Node merged = new Concatenate().apply(new Dense(6, "relu").apply(a), b);
            Model model = new Model(List.of(a, b), List.of(new Dense(1, "sigmoid").apply(merged)));
            model.compile("adam", "binary_crossentropy", "accuracy");
            return model;
        };
        List<INDArray> v = List.of(random(7, 128, 30).get(NDArrayIndex.all(), NDArrayIndex.interval(5, 25)),
                random(8, 257, 20).get(NDArrayIndex.interval(64, 192)));
        List<INDArray> copies = List.of(v.get(0).dup(), v.get(1).dup());
        INDArray y = random(9, 128, 1).gt(0.5).castTo(DataType.FLOAT);
        List<Model> m = twins(make);
        assertEquals(m.get(1).predict(copies), m.get(0).predict(v));
        assertEquals(m.get(1).evaluate(copies, y), m.get(0).evaluate(v, y));
        Fit fit = Fit.epochs(2).batchSize(24).shuffle(false).verbose(0);   // 24 does not divide 128
        assertEquals(m.get(1).fit(copies, y, fit).history(), m.get(0).fit(v, y, fit).history());
        assertEquals(m.get(1).getWeights(), m.get(0).getWeights());
    }

    @Test
    void doubleIntAndLongFeaturesAreCastToTheModelsType() {
        double[][] values = new double[50][20];
        int[][] ints = new int[50][20];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 20; j++) {
                ints[i][j] = (i * 7 + j * 3) % 11 - 5;
                values[i][j] = ints[i][j] * 0.25;
            }
        }
        INDArray y = classes(10, 50);
        for (INDArray x : List.of(Nd4j.create(values), Nd4j.createFromArray(ints),
                Nd4j.createFromArray(ints).castTo(DataType.LONG))) {
            INDArray asFloat = x.castTo(DataType.FLOAT);
            List<Sequential> m = twins(() -> mlp(20));
            String type = x.dataType().toString();
            assertEquals(m.get(1).predict(asFloat), m.get(0).predict(x), type);
            assertEquals(DataType.FLOAT, m.get(0).predict(x).dataType());
            assertEquals(m.get(1).evaluate(asFloat, y), m.get(0).evaluate(x, y), type);
            Fit fit = Fit.epochs(1).batchSize(16).verbose(0);
            assertEquals(m.get(1).fit(asFloat, y, fit).history(), m.get(0).fit(x, y, fit).history(), type);
            assertEquals(m.get(1).trainOnBatch(asFloat, y), m.get(0).trainOnBatch(x, y), type);
            assertEquals(m.get(1).getWeights(), m.get(0).getWeights(), type);
        }
    }

    @Test
    void doubleAndIntLabelsTrainAsFloatLabels() {
        INDArray x = random(11, 60, 5);
        INDArray y01 = random(12, 60, 1).gt(0.5).castTo(DataType.FLOAT);
        Supplier<Sequential> binary = () -> {
            Sequential model = new Sequential(new Input(5), new Dense(4, "relu"), new Dense(1, "sigmoid"));
            model.compile("adam", "binary_crossentropy", "accuracy", "auc");
            return model;
        };
        for (DataType type : List.of(DataType.DOUBLE, DataType.INT, DataType.LONG)) {
            List<Sequential> m = twins(binary);
            INDArray y = y01.castTo(type);
            Fit fit = Fit.epochs(1).batchSize(16).verbose(0);
            assertEquals(m.get(1).fit(x, y01, fit).history(), m.get(0).fit(x, y, fit).history(), type.toString());
            assertEquals(m.get(1).evaluate(x, y01), m.get(0).evaluate(x, y), type.toString());
            assertEquals(m.get(1).trainOnBatch(x, y01), m.get(0).trainOnBatch(x, y), type.toString());
        }
        INDArray ids = classes(13, 60);
        for (DataType type : List.of(DataType.DOUBLE, DataType.INT, DataType.LONG)) {
            List<Sequential> m = twins(() -> mlp(5));
            Fit fit = Fit.epochs(1).batchSize(16).verbose(0);
            INDArray y = ids.castTo(type);
            assertEquals(m.get(1).fit(x, ids, fit).history(), m.get(0).fit(x, y, fit).history(), type.toString());
            assertEquals(m.get(1).evaluate(x, ids), m.get(0).evaluate(x, y), type.toString());
            assertEquals(m.get(1).trainOnBatch(x, ids), m.get(0).trainOnBatch(x, y), type.toString());
        }
    }

    @Test
    void embeddingIdsOfAnyTypeGiveTheSameOutputs() {
        Supplier<Sequential> make = () -> {
            Sequential model = new Sequential(new Input(6), new Embedding(30, 4), new GlobalAveragePooling1D(),
                    new Dense(1, "sigmoid"));
            model.compile("adam", "binary_crossentropy");
            return model;
        };
        INDArray ids = random(14, 20, 6).muli(30).castTo(DataType.INT);
        INDArray y = random(15, 20, 1).gt(0.5).castTo(DataType.FLOAT);
        List<Sequential> m = twins(make);
        INDArray expected = m.get(1).predict(ids.castTo(DataType.FLOAT));
        for (DataType type : List.of(DataType.INT, DataType.LONG, DataType.DOUBLE, DataType.FLOAT)) {
            assertEquals(expected, m.get(0).predict(ids.castTo(type)), type.toString());
        }
        Fit fit = Fit.epochs(1).batchSize(8).verbose(0);
        assertEquals(m.get(1).fit(ids.castTo(DataType.FLOAT), y, fit).history(), m.get(0).fit(ids, y, fit).history());

        INDArray huge = Nd4j.createFromArray(new long[][]{{1L << 25, 0, 0, 0, 0, 0}});
        String message = assertThrows(IllegalArgumentException.class, () -> m.get(0).predict(huge)).getMessage();
        assertTrue(message.contains("LONG values up to 33554432") && message.contains("2^24"), message);
    }

    @Test
    void aConvolutionCalledWithTheWrongTypeNamesItselfAndBothTypes() {
        Sequential model = new Sequential(new Input(6, 6, 2), new Conv2D(3, 3).name("conv"), new Flatten(),
                new Dense(2).name("head"));
        Conv2D conv = (Conv2D) model.getLayer("conv");
        Tensor doubles = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 2, 6, 6, 2));
        String message = assertThrows(IllegalArgumentException.class, () -> conv.call(doubles, false)).getMessage();
        assertTrue(message.contains("conv (Conv2D)") && message.contains("input is DOUBLE")
                && message.contains("weights are FLOAT"), message);
        Tensor ints = Tensor.constant(Nd4j.zeros(DataType.INT, 2, 48));
        message = assertThrows(IllegalArgumentException.class, () -> model.getLayer("head").call(ints, false))
                .getMessage();
        assertTrue(message.contains("head (Dense)") && message.contains("input is INT")
                && message.contains("weights are FLOAT"), message);
        // through the model the same arrays are cast
        assertEquals(model.predict(Nd4j.zeros(DataType.FLOAT, 2, 6, 6, 2)), model.predict(Nd4j.zeros(DataType.INT, 2, 6, 6, 2)));
    }

    @Test
    void theFirstNanOrInfinityIsLocatedInLargeArraysAnyOrderAndViews() {
        for (int n : new int[]{10, 1000, 5000}) {
            long[][] positions = {{0, 0}, {3, 11}, {n / 2, 5}, {n - 1, 19}};
            for (int p = 0; p < positions.length; p++) {
                long[] first = positions[p];
                for (boolean infinity : new boolean[]{false, true}) {
                    INDArray x = random(20 + p, n, 20);
                    x.putScalar(first, infinity ? Float.POSITIVE_INFINITY : Float.NaN);
                    long later = 0;
                    for (long[] q : positions) {   // more bad values after the first, of the other kind
                        if (q[0] > first[0]) {
                            x.putScalar(q, infinity ? Float.NaN : Float.NEGATIVE_INFINITY);
                            later++;
                        }
                    }
                    String where = "(" + (infinity ? "Infinity" : "NaN") + ") at example " + first[0] + ", index ["
                            + first[0] + ", " + first[1] + "]";
                    String count = "found " + (1 + later) + " NaN or infinite value(s) of " + (n * 20L);
                    INDArray wide = Nd4j.zeros(DataType.FLOAT, n + 4, 26);
                    wide.get(NDArrayIndex.interval(2, n + 2), NDArrayIndex.interval(3, 23)).assign(x);
                    INDArray view = wide.get(NDArrayIndex.interval(2, n + 2), NDArrayIndex.interval(3, 23));
                    for (INDArray input : List.of(x, x.dup('f'), view)) {
                        Sequential model = mlp(20);
                        String message = assertThrows(IllegalArgumentException.class,
                                () -> model.predict(input)).getMessage();
                        String what = n + " rows, order " + input.ordering() + (input.isView() ? " view" : "");
                        assertTrue(message.contains(where), what + ": " + message);
                        assertTrue(message.contains(count), what + ": " + message);
                    }
                }
            }
        }
    }

    @Test
    void theFirstNanIsLocatedInHigherRankInputsAndLabels() {
        Sequential model = new Sequential(new Input(4, 3), new Flatten(), new Dense(1));
        model.compile("sgd", "mse");
        INDArray x = random(30, 1200, 4, 3);
        x.putScalar(new long[]{1100, 2, 1}, Float.NaN);
        x.putScalar(new long[]{1150, 0, 0}, Float.NaN);
        String message = assertThrows(IllegalArgumentException.class, () -> model.predict(x)).getMessage();
        assertTrue(message.contains("found 2 NaN") && message.contains("(NaN) at example 1100, index [1100, 2, 1]"),
                message);
        INDArray y = random(31, 1200);
        y.putScalar(1003, Double.NEGATIVE_INFINITY);
        message = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(random(32, 1200, 4, 3), y.reshape(1200, 1))).getMessage();
        assertTrue(message.contains("labels") && message.contains("(-Infinity) at example 1003, index [1003, 0]"),
                message);
        Map<String, Double> ok = model.evaluate(random(32, 1200, 4, 3), random(33, 1200, 1));
        assertTrue(Double.isFinite(ok.get("loss")));
    }
}
