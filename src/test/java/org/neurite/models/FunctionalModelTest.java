package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.Neurite;
import org.neurite.callbacks.EarlyStopping;
import org.neurite.layers.Add;
import org.neurite.layers.Concatenate;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.layers.Node;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;

/** The functional API: graphs with residual connections, several inputs, shared layers. */
class FunctionalModelTest {
    @TempDir
    Path dir;

    /** a [6] -> relu dense + a (residual) -> concatenated with b [3] -> sigmoid dense. */
    private static Model residualTwoInputs() {
        Node a = Input.of("a", 6);
        Node b = Input.of("b", 3);
        Node h = new Dense(6, "relu").name("hidden").apply(a);
        Node merged = new Concatenate().name("merge").apply(new Add().name("residual").apply(h, a), b);
        Node out = new Dense(1, "sigmoid").name("out").apply(merged);
        return new Model(List.of(a, b), List.of(out)).name("two_inputs");
    }

    /** Inputs in [-1, 1) and the label (sum of a) - 2 b0 > 0. */
    private static List<INDArray> inputs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.rand(DataType.FLOAT, n, 6).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, 3).muli(2).subi(1);
        return List.of(a, b);
    }

    private static INDArray labels(List<INDArray> x) {
        INDArray score = x.get(0).sum(1).sub(x.get(1).getColumn(0).mul(2));
        return score.gt(0).castTo(DataType.FLOAT).reshape(-1, 1);
    }

    @Test
    void predictsWhatTheGraphComputes() {
        Model model = residualTwoInputs();
        List<INDArray> x = inputs(5, 1);
        List<INDArray> w = model.getWeights();   // hidden kernel, bias, out kernel, bias
        assertEquals(4, w.size());
        INDArray a = x.get(0).castTo(DataType.DOUBLE);
        INDArray h = Transforms.relu(a.mmul(w.get(0).castTo(DataType.DOUBLE)).addRowVector(w.get(1).castTo(DataType.DOUBLE)));
        INDArray merged = Nd4j.hstack(h.add(a), x.get(1).castTo(DataType.DOUBLE));
        INDArray expected = Transforms.sigmoid(merged.mmul(w.get(2).castTo(DataType.DOUBLE))
                .addRowVector(w.get(3).castTo(DataType.DOUBLE)));
        INDArray found = model.predict(x).castTo(DataType.DOUBLE);
        assertTrue(expected.equalsWithEps(found, 1e-5), expected + " vs " + found);
        assertEquals(6 * 6 + 6 + 9 + 1, model.countParams());
    }

    @Test
    void trainsSavesLoadsAndPredictsIdentically() throws IOException {
        Neurite.seed(11);
        Model model = residualTwoInputs();
        model.compile(new Adam(0.01), Losses.binaryCrossentropy(), Metrics.accuracy());
        List<INDArray> x = inputs(400, 2);
        INDArray y = labels(x);
        History history = model.fit(x, y, Fit.epochs(30).batchSize(32).verbose(0).seed(5));
        double accuracy = history.last("accuracy");
        assertTrue(accuracy > 0.95, "training accuracy " + accuracy);

        Path file = dir.resolve("two.neurite");
        model.save(file);
        Model restored = Model.load(file);
        assertEquals(Model.class, restored.getClass());
        assertEquals("two_inputs", restored.name());
        assertEquals(List.of("a", "b", "hidden", "residual", "merge", "out"),
                restored.layers().stream().map(l -> l.name()).toList());
        List<INDArray> test = inputs(50, 3);
        assertArrayEquals(SaveLoadTest.bits(model.predict(test)), SaveLoadTest.bits(restored.predict(test)));
        assertEquals(model.evaluate(test, labels(test)), restored.evaluate(test, labels(test)));

        // the optimizer state came along: one more epoch on both gives the same weights
        model.fit(x, y, Fit.epochs(1).batchSize(32).verbose(0).seed(9));
        restored.fit(x, y, Fit.epochs(1).batchSize(32).verbose(0).seed(9));
        assertArrayEquals(SaveLoadTest.bits(model.predict(test)), SaveLoadTest.bits(restored.predict(test)));
        assertThrows(IOException.class, () -> Sequential.load(file));
    }

    @Test
    void savesTheGraphAsKerasFunctionalConfig() throws IOException {
        Model model = residualTwoInputs();
        Path file = dir.resolve("graph.neurite");
        model.save(file);
        String config;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> json = org.neurite.io.Json.parseObject(config);
        assertEquals("Functional", json.get("class_name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) json.get("config");
        assertEquals(List.of(List.of("a", 0L, 0L), List.of("b", 0L, 0L)), c.get("input_layers"));
        assertEquals(List.of(List.of("out", 0L, 0L)), c.get("output_layers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> residual = ((List<Map<String, Object>>) c.get("layers")).get(3);
        assertEquals("residual", residual.get("name"));
        assertEquals(List.of(List.of(List.of("hidden", 0L, 0L, Map.of()), List.of("a", 0L, 0L, Map.of()))),
                residual.get("inbound_nodes"));
    }

    @Test
    void aLayerAppliedTwiceSharesItsWeights() throws IOException {
        Node left = Input.of(4);
        Node right = Input.of(4);
        Dense shared = new Dense(3, "tanh");
        Node merged = new Add().apply(shared.apply(left), shared.apply(right));
        Model model = new Model(List.of(left, right), List.of(new Dense(1).apply(merged)));
        assertEquals(4 * 3 + 3 + 3 + 1, model.countParams());
        assertEquals(2, shared.nodes().size());
        String summary = model.summary();
        assertTrue(summary.contains("Connected to"), summary);
        assertTrue(summary.contains(shared.name() + "[0][0]") && summary.contains(shared.name() + "[1][0]"), summary);

        INDArray l = Nd4j.rand(DataType.FLOAT, 5, 4);
        INDArray r = Nd4j.rand(DataType.FLOAT, 5, 4);
        // swapping the two inputs gives the same output: both go through the same weights
        assertTrue(model.predict(List.of(l, r)).equalsWithEps(model.predict(List.of(r, l)), 1e-6));

        model.compile("sgd", "mse");
        model.trainOnBatch(List.of(l, r), Nd4j.ones(DataType.FLOAT, 5, 1));
        Path file = dir.resolve("shared.neurite");
        model.save(file);
        Model restored = Model.load(file);
        assertEquals(model.countParams(), restored.countParams());
        assertArrayEquals(SaveLoadTest.bits(model.predict(List.of(l, r))),
                SaveLoadTest.bits(restored.predict(List.of(l, r))));
    }

    @Test
    void shapeErrorsNameBothLayersAndShapesAtApply() {
        Node a = Input.of(32);
        Node h = new Dense(16).name("narrow").apply(a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().name("sum").apply(h, a));
        String m = e.getMessage();
        assertTrue(m.contains("sum") && m.contains("narrow") && m.contains(a.layer().name()), m);
        assertTrue(m.contains("[None, 16]") && m.contains("[None, 32]"), m);

        Node image = Input.of(8, 8, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> new org.neurite.layers.Conv2D(2, 3).name("conv").apply(a));
        assertTrue(e.getMessage().contains("conv") && e.getMessage().contains("[None, 32]"), e.getMessage());
        assertTrue(image.shape().length == 3);
    }

    @Test
    void aGraphNeedsItsInputsAndUniqueNames() {
        Node a = Input.of(4);
        Node b = Input.of(4);
        Node sum = new Add().apply(a, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Model(a, sum));
        assertTrue(e.getMessage().contains("disconnected") && e.getMessage().contains(b.layer().name()), e.getMessage());

        Node x = Input.of(4);
        Node h = new Dense(4).name("same").apply(x);
        Node out = new Dense(1).name("same").apply(h);
        e = assertThrows(IllegalArgumentException.class, () -> new Model(x, out));
        assertTrue(e.getMessage().contains("same"), e.getMessage());
    }

    @Test
    void fitNamesTheInputsWhenArraysAreMissingOrMisshapen() {
        Model model = residualTwoInputs();
        model.compile("adam", "binary_crossentropy");
        List<INDArray> x = inputs(8, 4);
        INDArray y = labels(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(x.get(0), y, Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("2 input") && e.getMessage().contains("got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(List.of(x.get(0), x.get(0)), y, Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("[8, 6]"), e.getMessage());
    }

    @Test
    void callbacksAndFreezingWorkOnAGraph() {
        Neurite.seed(3);
        Model model = residualTwoInputs();
        model.getLayer("hidden").trainable(false);
        INDArray frozen = model.getLayer("hidden").getWeights().get(0);
        model.compile("adam", "binary_crossentropy", "accuracy");
        List<INDArray> x = inputs(200, 6);
        History history = model.fit(x, labels(x), Fit.epochs(40).verbose(0).validationSplit(0.2)
                .callbacks(new EarlyStopping("val_loss").minDelta(1.0).patience(1).restoreBestWeights(true)));
        assertTrue(history.epochs().size() < 40, "early stopping never stopped");
        assertEquals(frozen, model.getLayer("hidden").getWeights().get(0));
    }

    @Test
    void aSequentialIsTheGraphOfOneChain() throws IOException {
        Sequential model = new Sequential(new Input(3), new Dense(4, "relu"), new Dense(2, "softmax"));
        assertInstanceOf(Model.class, model);
        assertEquals(1, model.inputs().size());
        assertEquals(1, model.outputs().size());
        Path file = dir.resolve("seq.neurite");
        model.save(file);
        assertInstanceOf(Sequential.class, Model.load(file));
    }

    /** One input, two heads: the compiled loss on each output, summed; metrics per output. */
    private static Model twoHeads() {
        Node in = Input.of("x", 4);
        Node h = new Dense(8, "tanh").name("shared").apply(in);
        Node sum = new Dense(1, "sigmoid").name("sum").apply(h);
        Node diff = new Dense(1, "sigmoid").name("diff").apply(h);
        return new Model(List.of(in), List.of(sum, diff)).name("two_heads");
    }

    /** Is the sum of the features positive; is the first feature above the second. */
    private static List<INDArray> heads(INDArray x) {
        return List.of(x.sum(true, 1).gt(0).castTo(DataType.FLOAT),
                x.getColumn(0).sub(x.getColumn(1)).reshape(-1, 1).gt(0).castTo(DataType.FLOAT));
    }

    /** Binary cross-entropy by its formula, in double. */
    private static double crossEntropy(INDArray p, INDArray y) {
        double[] pv = p.castTo(DataType.DOUBLE).reshape(p.length()).toDoubleVector();
        double[] yv = y.castTo(DataType.DOUBLE).reshape(y.length()).toDoubleVector();
        double sum = 0;
        for (int i = 0; i < pv.length; i++) {
            sum -= yv[i] * Math.log(pv[i]) + (1 - yv[i]) * Math.log(1 - pv[i]);
        }
        return sum / pv.length;
    }

    @Test
    void aModelWithTwoOutputsTrainsOnTheSumOfTheirLosses() throws IOException {
        Neurite.seed(5);
        Model model = twoHeads();
        model.compile(new Adam(0.01), Losses.binaryCrossentropy(), Metrics.accuracy());
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 256, 4).subi(0.5);
        List<INDArray> y = heads(x);

        Map<String, Double> before = model.evaluate(List.of(x), y);
        assertEquals(List.of("loss", "sum_loss", "diff_loss", "sum_accuracy", "diff_accuracy"),
                List.copyOf(before.keySet()));
        List<INDArray> p = model.predictOutputs(List.of(x));
        double sumLoss = crossEntropy(p.get(0), y.get(0));
        double diffLoss = crossEntropy(p.get(1), y.get(1));
        assertEquals(sumLoss, before.get("sum_loss"), 1e-5);
        assertEquals(diffLoss, before.get("diff_loss"), 1e-5);
        assertEquals(sumLoss + diffLoss, before.get("loss"), 1e-5);
        double agree = p.get(1).gt(0.5).castTo(DataType.FLOAT).eq(y.get(1)).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(agree, before.get("diff_accuracy"), 1e-6);

        History history = model.fit(List.of(x), y, Fit.epochs(30).batchSize(32).verbose(0).validationSplit(0.25));
        assertTrue(history.history().containsKey("val_diff_accuracy"), history.history().keySet().toString());
        Map<String, Double> after = model.evaluate(List.of(x), y);
        assertTrue(after.get("sum_accuracy") > 0.9 && after.get("diff_accuracy") > 0.9, before + " -> " + after);

        Path file = dir.resolve("heads.neurite");
        model.save(file);
        Model restored = Model.load(file);
        assertEquals(after, restored.evaluate(List.of(x), y));
        IllegalStateException one = assertThrows(IllegalStateException.class, () -> restored.predict(x));
        assertTrue(one.getMessage().contains("predictOutputs"), one.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> restored.fit(x, y.get(0), Fit.epochs(1).verbose(0)));
        assertTrue(missing.getMessage().contains("2 output") && missing.getMessage().contains("[sum, diff]"),
                missing.getMessage());
    }
}
