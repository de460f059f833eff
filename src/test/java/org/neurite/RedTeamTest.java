package org.neurite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.Callback;
import org.neurite.callbacks.LambdaCallback;
import org.neurite.data.Dataset;
import org.neurite.layers.Add;
import org.neurite.layers.Concatenate;
import org.neurite.layers.Dense;
import org.neurite.layers.Dropout;
import org.neurite.layers.Embedding;
import org.neurite.layers.GRU;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.layers.Layer;
import org.neurite.layers.MultiHeadAttention;
import org.neurite.layers.Node;
import org.neurite.layers.Reshape;
import org.neurite.layers.TokenAndPositionEmbedding;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.optimizers.SGD;

/**
 * Hostile inputs and situations at every public entry point. Each case expects either a typed
 * error whose message names the layer, operation or file and the bad value or shape, or the
 * correct result; never a crash, a hang (deadlines), silently wrong numbers or a half-written file.
 * Data is generated; the whole class runs in seconds.
 */
class RedTeamTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    private static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.FLOAT, shape);
    }

    private static INDArray rand(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT);
    }

    private static INDArray ids(float... values) {
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    /** Asserts the exception type and that its message names every part; returns the message. */
    private static String fails(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable t = assertThrows(type, call);
        String message = String.valueOf(t.getMessage());
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
        return message;
    }

    private static void assertFinite(INDArray a, String what) {
        assertFalse(a.isNaN().any() || a.isInfinite().any(), what + " has NaN or infinite values: " + a);
    }

    private static Sequential regressor(String name) {
        Sequential model = new Sequential(new Input(4), new Dense(3, "relu").name("hidden"), new Dense(2).name("out"));
        model.compile("sgd", "mse");
        return model.name(name);
    }

    private static Sequential classifier(String name) {
        Sequential model = new Sequential(new Input(4), new Dense(6, "relu").name("hidden"),
                new Dense(3, "softmax").name("probs"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model.name(name);
    }

    private static Fit quiet(int epochs) {
        return Fit.epochs(epochs).verbose(0);
    }

    /** A functional model file: Input "a" [4] -> Dense "hidden" 3 -> Dense "out" 1, uncompiled. */
    private Path functionalFile(String name) throws IOException {
        Node a = Input.of("a", 4);
        Node h = new Dense(3, "relu").name("hidden").apply(a);
        Model model = new Model(a, new Dense(1).name("out").apply(h)).name("graph");
        Path file = dir.resolve(name);
        model.save(file);
        return file;
    }

    private static String entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Copies a model file with its config.json rewritten. */
    private Path withConfig(Path source, String name, UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(source.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        entries.put("config.json", edit.apply(new String(entries.get("config.json"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        return zip(name, entries);
    }

    /** The config with layer "hidden"'s input (now "a", node 0) replaced by {@code source}, node {@code node}. */
    private static String rewireHidden(String config, String source, int node) {
        String edited = config.replaceFirst("\"inbound_nodes\": \\[\\s*\\[\\s*\\[\\s*\"a\",\\s*0",
                "\"inbound_nodes\": [[[\"" + source + "\", " + node);
        assertFalse(edited.equals(config), "the edit applies");
        return edited;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ================================================================== shapes

    @Test
    void wrongRankIntoAFunctionalModelNamesTheInputAndBothShapes() {
        Node a = Input.of("a", 4);
        Model model = new Model(a, new Dense(2).name("out").apply(a)).name("m");
        fails(IllegalArgumentException.class, () -> model.predict(ones(3, 4, 1)), "m.predict", "[batch, 4]", "[3, 4, 1]");
        fails(IllegalArgumentException.class, () -> model.predict(ones(4)), "m.predict", "[4]");
    }

    @Test
    void zeroRowsIntoPredictAndEvaluate() {
        Sequential model = regressor("r");
        INDArray empty = Nd4j.create(DataType.FLOAT, 0, 4);
        fails(IllegalArgumentException.class, () -> model.evaluate(empty, Nd4j.create(DataType.FLOAT, 0, 2)),
                "at least one example", "[0, 4]");
        fails(IllegalArgumentException.class, () -> model.predict(empty), "at least one example", "[0, 4]");
        fails(IllegalArgumentException.class, () -> model.trainOnBatch(empty, Nd4j.create(DataType.FLOAT, 0, 2)),
                "at least one example");
    }

    @Test
    void aZeroSizeFeatureDimensionIsAShapeError() {
        Sequential model = regressor("r");
        fails(IllegalArgumentException.class, () -> model.predict(Nd4j.create(DataType.FLOAT, 3, 0)), "[3, 0]",
                "every dimension after the first");
    }

    @Test
    void aBatchOfOneGivesTheSameRowAsInALargerBatch() {
        Sequential model = regressor("r");
        INDArray x = rand(1, 5, 4);
        INDArray all = model.predict(x);
        INDArray one = model.predict(x.getRow(2, true).dup());
        assertArrayEquals(new long[]{1, 2}, one.shape());
        assertArrayEquals(all.getRow(2).toFloatVector(), one.getRow(0).toFloatVector(), 1e-6f);
        model.fit(x.getRow(0, true).dup(), rand(2, 1, 2), quiet(2).batchSize(32));
    }

    @Test
    void aBatchSizeBeyondTheDataIsOneBatch() {
        Sequential model = regressor("r");
        INDArray x = rand(3, 10, 4);
        AtomicInteger batches = new AtomicInteger();
        model.fit(x, rand(4, 10, 2), quiet(2).batchSize(Integer.MAX_VALUE)
                .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> batches.incrementAndGet())));
        assertEquals(2, batches.get(), "one batch per epoch");
        assertEquals(model.predict(x), model.predict(x, Integer.MAX_VALUE));
        assertEquals(model.evaluate(Dataset.of(x, rand(4, 10, 2)), Integer.MAX_VALUE).keySet(), java.util.Set.of("loss"));
    }

    @Test
    void sequencesOfLengthOneThroughLstmAndGru() {
        for (boolean gru : new boolean[]{false, true}) {
            Node in = Input.of(1, 3);
            Layer layer = gru ? new GRU(4) : new LSTM(4);
            Node h = layer.apply(in);
            Model model = new Model(in, new Dense(1).apply(h));
            model.compile("adam", "mse");
            INDArray x = rand(5, 6, 1, 3);
            History history = model.fit(x, rand(6, 6, 1), quiet(2).batchSize(3));
            assertTrue(Double.isFinite(history.history().get("loss").get(1)));
            INDArray out = model.predict(x);
            assertArrayEquals(new long[]{6, 1}, out.shape());
            assertFinite(out, gru ? "GRU" : "LSTM");
        }
    }

    @Test
    void allPaddingSequencesThroughLstmPoolingAndAttentionStayFinite() {
        Node words = Input.of(5);
        Node e = new Embedding(10, 4).maskZero(true).apply(words);
        Node lstm = new LSTM(3).apply(e);
        Node avg = new GlobalAveragePooling1D().apply(e);
        Node max = new GlobalMaxPooling1D().apply(e);
        Node att = new GlobalAveragePooling1D().apply(new MultiHeadAttention(2, 2).apply(e, e));
        Model model = new Model(List.of(words), List.of(lstm, avg, max, att));
        INDArray padding = Nd4j.zeros(DataType.FLOAT, 2, 5);
        List<INDArray> outs = model.predictOutputs(List.of(padding));
        String[] names = {"LSTM", "GlobalAveragePooling1D", "GlobalMaxPooling1D", "MultiHeadAttention"};
        for (int i = 0; i < outs.size(); i++) {
            assertFinite(outs.get(i), names[i] + " on a fully masked sequence");
        }
        // a fully masked LSTM keeps its initial state: zeros, as Keras
        assertEquals(0.0, outs.get(0).sumNumber().doubleValue(), 0.0);
    }

    @Test
    void inputShapesWithZeroNegativeOrNoDimensionsAreRejected() {
        fails(IllegalArgumentException.class, () -> Input.of(0), "Input", "positive", "[0]");
        fails(IllegalArgumentException.class, () -> Input.of(4, -2), "Input", "[4, -2]");
        fails(IllegalArgumentException.class, () -> Input.of(), "Input", "[]");
        fails(IllegalArgumentException.class, () -> new Input(Long.MIN_VALUE), "Input", String.valueOf(Long.MIN_VALUE));
    }

    @Test
    void applyWithTheWrongNumberOfInputs() {
        Node a = Input.of(4);
        Node b = Input.of(4);
        fails(IllegalArgumentException.class, () -> new Dense(2).name("d").apply(a, b), "d (Dense)", "one input", "2");
        fails(IllegalArgumentException.class, () -> new Add().name("sum").apply(a), "sum (Add)");
        fails(IllegalArgumentException.class, () -> new Dense(2).name("e").apply(), "e (Dense)", "one or more inputs");
        fails(IllegalArgumentException.class, () -> new Dense(2).name("f").apply((Node) null), "f (Dense)");
        Node seq = Input.of(3, 4);
        fails(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 2).name("mha").apply(seq, seq, seq, seq),
                "mha (MultiHeadAttention)");
    }

    @Test
    void anOutputFromAnotherGraphNamesTheMissingInput() {
        Node a = Input.of("a", 4);
        Node other = Input.of("other", 4);
        Node out = new Add().name("sum").apply(a, other);
        fails(IllegalArgumentException.class, () -> new Model(a, out), "other");
        fails(IllegalArgumentException.class, () -> new Model(List.of(), List.of(out)));
        fails(IllegalArgumentException.class, () -> new Model(List.of(a), List.of()));
    }

    @Test
    void anInputListedTwiceIsRejected() {
        Node a = Input.of("a", 4);
        Node out = new Dense(1).apply(a);
        fails(IllegalArgumentException.class, () -> new Model(List.of(a, a), List.of(out)), "input a", "twice");
    }

    @Test
    void duplicateLayerNamesAreRejected() {
        Node a = Input.of("a", 4);
        Node x = new Dense(3).name("twin").apply(a);
        Node y = new Dense(2).name("twin").apply(x);
        fails(IllegalArgumentException.class, () -> new Model(a, y), "twin");
        fails(IllegalArgumentException.class,
                () -> new Sequential(new Input(4), new Dense(3).name("twin"), new Dense(2).name("twin")).predict(ones(1, 4)),
                "twin");
    }

    @Test
    void aLayerReusedWithAnotherShapeNamesBothShapes() {
        Layer shared = new Dense(2).name("shared");
        shared.apply(Input.of(4));
        fails(IllegalArgumentException.class, () -> shared.apply(Input.of(5)), "shared (Dense)", "[4]", "[5]");
        fails(IllegalArgumentException.class, () -> new Sequential(new Input(5), shared), "shared (Dense)", "[4]", "[5]");
    }

    @Test
    void layerNamesWithASlashOrEmptyAreRejected() {
        fails(IllegalArgumentException.class, () -> new Dense(2).name("a/b"), "a/b", "/");
        fails(IllegalArgumentException.class, () -> new Dense(2).name(""));
    }

    @Test
    void mergeLayersWithIncompatibleShapesNameBothShapes() {
        Node a = Input.of(4);
        Node b = Input.of(5);
        fails(IllegalArgumentException.class, () -> new Add().name("sum").apply(a, b), "sum (Add)", "[4]", "[5]");
        Node c = Input.of(2, 3);
        fails(IllegalArgumentException.class, () -> new Concatenate().name("cat").apply(a, c), "cat (Concatenate)",
                "[4]", "[2, 3]");
    }

    @Test
    void aReshapeToAnotherSizeNamesBothSizes() {
        fails(IllegalArgumentException.class, () -> new Reshape(3, 3).name("rs").apply(Input.of(4, 2)), "rs (Reshape)",
                "[3, 3]", "[4, 2]");
        fails(IllegalArgumentException.class, () -> new Reshape(-1, -1), "Reshape", "[-1, -1]");
    }

    @Test
    void layerHyperparametersOutOfRangeAreRejected() {
        fails(IllegalArgumentException.class, () -> new Dense(0), "Dense", "0");
        fails(IllegalArgumentException.class, () -> new Dense(-5), "Dense", "-5");
        fails(IllegalArgumentException.class, () -> new Dropout(1.0), "Dropout", "1.0");
        fails(IllegalArgumentException.class, () -> new Dropout(Double.NaN), "Dropout", "NaN");
        fails(IllegalArgumentException.class, () -> new Dropout(-0.1), "Dropout", "-0.1");
        fails(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 4), "MultiHeadAttention", "0");
        fails(IllegalArgumentException.class, () -> new LSTM(0), "LSTM", "0");
        fails(IllegalArgumentException.class, () -> new Embedding(0, 4), "Embedding", "0");
        fails(IllegalArgumentException.class, () -> new TokenAndPositionEmbedding(10, 0, 4), "TokenAndPositionEmbedding");
    }

    @Test
    void aHugeDenseLayerIsRejectedBeforeAllocating() {
        Node in = Input.of(1 << 20);
        fails(IllegalArgumentException.class, () -> new Dense(Integer.MAX_VALUE).name("huge").apply(in), "huge (Dense)",
                String.valueOf(Integer.MAX_VALUE), "kernel", "[1048576, 2147483647]", "bytes");
        fails(IllegalArgumentException.class, () -> new Embedding(Integer.MAX_VALUE, 1 << 20).name("vocab")
                .apply(Input.of(3)), "vocab (Embedding)", "embeddings", "bytes");
        fails(IllegalArgumentException.class, () -> new LSTM(1 << 30).name("wide").apply(Input.of(2, 1 << 20)),
                "wide (LSTM)", "bytes");
    }

    @Test
    void aHugeInputShapeWhoseSizeOverflowsIsRejected() {
        fails(IllegalArgumentException.class, () -> Input.of(1L << 32, 1L << 32), "Input", "[4294967296, 4294967296]",
                "2^63");
        Node big = Input.of(1L << 31, 1L << 31);   // 2^62 values: representable, flattened exactly
        assertArrayEquals(new long[]{1L << 62}, new org.neurite.layers.Flatten().apply(big).shape());
    }

    // ================================================================== values

    @Test
    void nonFiniteLabelsAreRejectedForEveryLoss() {
        for (String loss : List.of("mse", "mae", "huber", "binary_crossentropy", "categorical_crossentropy",
                "sparse_categorical_crossentropy")) {
            boolean sparse = loss.startsWith("sparse");
            Sequential model = new Sequential(new Input(4), new Dense(3, loss.contains("categorical") ? "softmax"
                    : loss.startsWith("binary") ? "sigmoid" : "linear").name("out"));
            model.compile("sgd", loss);
            model.name(loss);
            for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                INDArray y = sparse ? Nd4j.zeros(DataType.FLOAT, 4) : Nd4j.zeros(DataType.FLOAT, 4, 3);
                y.putScalar(sparse ? new long[]{1} : new long[]{1, 2}, bad);
                fails(IllegalArgumentException.class, () -> model.fit(ones(4, 4), y, quiet(1)), loss,
                        "labels for output layer 'out'", "at example 1");
                fails(IllegalArgumentException.class, () -> model.evaluate(ones(4, 4), y), loss, "at example 1");
                fails(IllegalArgumentException.class, () -> model.trainOnBatch(ones(4, 4), y), loss, "at example 1");
            }
        }
    }

    @Test
    void nonFiniteInputsAreRejectedBeforeAnyStep() {
        Sequential model = regressor("r");
        List<INDArray> before = model.getWeights();
        INDArray x = ones(3, 4);
        x.putScalar(new long[]{0, 1}, Float.NEGATIVE_INFINITY);
        fails(IllegalArgumentException.class, () -> model.fit(x, ones(3, 2), quiet(1)), "r.fit", "input of layer",
                "index [0, 1]");
        assertEquals(before, model.getWeights(), "no step was taken");
    }

    @Test
    void embeddingIdsOutOfRangeNegativeOrFractionalNameTheLayerAndTheId() {
        Node in = Input.of(3);
        Model model = new Model(in, new Embedding(10, 2).name("emb").apply(in)).name("m");
        assertArrayEquals(new long[]{1, 3, 2}, model.predict(ids(0, 9, 5)).shape());
        fails(IllegalArgumentException.class, () -> model.predict(ids(1, 10, 2)), "emb", "10");
        fails(IllegalArgumentException.class, () -> model.predict(ids(1, -1, 2)), "emb", "-1");
        fails(IllegalArgumentException.class, () -> model.predict(ids(1, 2.5f, 2)), "emb", "2.5");
        fails(IllegalArgumentException.class, () -> model.predict(ids(1, 1e9f, 2)), "emb", "1000000000");
    }

    @Test
    void tokenAndPositionEmbeddingIdsOutOfRangeOrTooLongSequences() {
        Node in = Input.of(3);
        Model model = new Model(in, new TokenAndPositionEmbedding(10, 3, 2).name("tpe").apply(in)).name("m");
        assertArrayEquals(new long[]{1, 3, 2}, model.predict(ids(0, 9, 5)).shape());
        fails(IllegalArgumentException.class, () -> model.predict(ids(1, 10, 2)), "tpe", "10");
        fails(IllegalArgumentException.class, () -> model.predict(ids(-3, 1, 2)), "tpe", "-3");
        fails(IllegalArgumentException.class, () -> model.predict(ids(0.5f, 1, 2)), "tpe", "0.5");
        fails(IllegalArgumentException.class,
                () -> new TokenAndPositionEmbedding(10, 3, 2).name("short").apply(Input.of(4)), "short", "3", "4");
    }

    @Test
    void sparseLabelsNegativeOrFractionalNameTheLabelAndTheRange() {
        Sequential model = classifier("c");
        fails(IllegalArgumentException.class, () -> model.fit(ones(3, 4), Nd4j.createFromArray(0f, -1f, 2f), quiet(1)),
                "labels for output layer 'probs'", "-1", "[0, 3)");
        fails(IllegalArgumentException.class, () -> model.evaluate(ones(3, 4), Nd4j.createFromArray(0f, 1.5f, 2f)),
                "labels for output layer 'probs'", "1.5");
    }

    @Test
    void labelsOfTheWrongShapeForTheLossNameBothShapes() {
        Sequential model = new Sequential(new Input(4), new Dense(3, "softmax").name("out"));
        model.compile("sgd", "categorical_crossentropy");
        fails(IllegalArgumentException.class, () -> model.fit(ones(2, 4), Nd4j.zeros(DataType.FLOAT, 2), quiet(1)),
                "categorical_crossentropy", "[2]", "[2, 3]");
        fails(IllegalArgumentException.class, () -> model.evaluate(ones(2, 4), Nd4j.zeros(DataType.FLOAT, 2, 4)),
                "categorical_crossentropy", "[2, 4]", "[2, 3]");
    }

    @Test
    void anEmptyDatasetForEvaluate() {
        Sequential model = classifier("c");
        fails(IllegalArgumentException.class, () -> model.evaluate(Dataset.of(Nd4j.create(DataType.FLOAT, 0, 4),
                Nd4j.create(DataType.FLOAT, 0)), 8), "at least one example");
    }

    @Test
    void classWeightsNegativeOrNotFiniteAreRejected() {
        Sequential model = classifier("c");
        for (double bad : new double[]{-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            fails(IllegalArgumentException.class, () -> model.fit(ones(3, 4), Nd4j.createFromArray(0f, 1f, 2f),
                    quiet(1).classWeight(Map.of(0, 1.0, 1, bad, 2, 1.0))), "class 1", String.valueOf(bad));
        }
    }

    // ================================================================== sizes at and past the limits

    @Test
    void validationSplitAtAndPastItsLimits() {
        Sequential model = regressor("r");
        INDArray x = rand(7, 10, 4);
        INDArray y = rand(8, 10, 2);
        History none = model.fit(x, y, quiet(1).validationSplit(0));
        assertFalse(none.history().containsKey("val_loss"));
        fails(IllegalArgumentException.class, () -> Fit.epochs(1).validationSplit(1), "validation split", "1.0");
        fails(IllegalArgumentException.class, () -> Fit.epochs(1).validationSplit(Double.NaN), "NaN");
        fails(IllegalArgumentException.class, () -> Fit.epochs(1).validationSplit(-0.1), "-0.1");
        History most = model.fit(x, y, quiet(1).validationSplit(0.999));   // 9 held out, 1 trained on
        assertTrue(most.history().containsKey("val_loss"));
        fails(IllegalArgumentException.class, () -> model.fit(x, y, quiet(1).validationSplit(0.05)),
                "validation split 0.05 of 10 examples", "leaves no validation");
        History some = model.fit(x, y, quiet(1).validationSplit(0.1));
        assertTrue(some.history().containsKey("val_loss"));
    }

    @Test
    void epochsAndBatchSizesAtAndPastTheirLimits() {
        fails(IllegalArgumentException.class, () -> Fit.epochs(0), "epochs", "0");
        fails(IllegalArgumentException.class, () -> Fit.epochs(-1), "-1");
        fails(IllegalArgumentException.class, () -> Fit.epochs(1).batchSize(-7), "batch size", "-7");
        fails(IllegalArgumentException.class, () -> Fit.epochs(3).initialEpoch(3), "initial epoch", "3");
        fails(IllegalArgumentException.class, () -> Fit.epochs(1).verbose(3), "verbose", "3");
        Sequential model = regressor("r");
        fails(IllegalArgumentException.class, () -> model.predict(ones(2, 4), Integer.MIN_VALUE),
                String.valueOf(Integer.MIN_VALUE));
    }

    // ================================================================== files

    @Test
    void loadingAnEmptyFileOrADirectoryNamesThePath() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.neurite"));
        fails(IOException.class, () -> Model.load(empty), "empty.neurite");
        fails(IOException.class, () -> Sequential.load(empty), "empty.neurite");
        Path folder = Files.createDirectory(dir.resolve("folder.neurite"));
        fails(IOException.class, () -> Model.load(folder), "folder.neurite");
    }

    @Test
    void loadingAZipOfSomethingElseNamesTheMissingEntry() throws IOException {
        Path other = zip("other.neurite", Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        fails(IOException.class, () -> Model.load(other), "other.neurite", "config.json");
        Path onlyConfig = zip("config-only.neurite", Map.of("config.json", "{}".getBytes(StandardCharsets.UTF_8)));
        fails(IOException.class, () -> Model.load(onlyConfig), "config-only.neurite");
        Path array = zip("array.neurite", Map.of("config.json", "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        fails(IOException.class, () -> Model.load(array), "array.neurite");
    }

    @Test
    void aFunctionalConfigWithACycleIsAnIOException() throws IOException {
        Path good = functionalFile("good.neurite");
        // hidden now takes its input from out, which takes its input from hidden
        Path cyclic = withConfig(good, "cyclic.neurite", c -> rewireHidden(c, "out", 0));
        assertTimeoutPreemptively(DEADLINE, () -> fails(IOException.class, () -> Model.load(cyclic), "cyclic.neurite"));
        Path self = withConfig(good, "self.neurite", c -> rewireHidden(c, "hidden", 0));
        assertTimeoutPreemptively(DEADLINE, () -> fails(IOException.class, () -> Model.load(self), "self.neurite", "hidden"));
    }

    @Test
    void aFunctionalConfigWithAnUnknownClassOrAMissingInboundLayer() throws IOException {
        Path good = functionalFile("good.neurite");
        Path unknown = withConfig(good, "unknown.neurite", c -> c.replaceFirst("\"class_name\": \"Dense\"",
                "\"class_name\": \"Densest\""));
        fails(IOException.class, () -> Model.load(unknown), "unknown.neurite", "Densest");
        Path missing = withConfig(good, "missing.neurite", c -> rewireHidden(c, "ghost", 0));
        fails(IOException.class, () -> Model.load(missing), "missing.neurite", "ghost");
        Path badIndex = withConfig(good, "index.neurite", c -> rewireHidden(c, "a", 7));
        fails(IOException.class, () -> Model.load(badIndex), "index.neurite", "a");
        Path noOutput = withConfig(good, "output.neurite", c -> c.replaceFirst("\\[\\s*\"out\",\\s*0,\\s*0\\s*\\]", "[\"nowhere\", 0, 0]"));
        fails(IOException.class, () -> Model.load(noOutput), "output.neurite", "nowhere");
    }

    @Test
    void hugeDeclaredShapesInAConfigAreRefusedBeforeAllocating() throws IOException {
        Path good = functionalFile("good.neurite");
        String config = entry(good, "config.json");
        assertTrue(config.contains("\"batch_shape\": [null, 4]"), config);
        Path wide = withConfig(good, "wide.neurite", c -> c.replace("\"batch_shape\": [null, 4]",
                "\"batch_shape\": [null, 4000000000]"));
        assertTimeoutPreemptively(DEADLINE, () -> fails(IOException.class, () -> Model.load(wide), "wide.neurite",
                "batch_shape", "4000000000"));
        Path units = withConfig(good, "units.neurite", c -> c.replaceFirst("\"units\": 3", "\"units\": 2000000000"));
        assertTimeoutPreemptively(DEADLINE, () -> fails(IOException.class, () -> Model.load(units), "units.neurite", "hidden"));
        Path negative = withConfig(good, "negative.neurite", c -> c.replace("\"batch_shape\": [null, 4]",
                "\"batch_shape\": [null, -4]"));
        fails(IOException.class, () -> Model.load(negative), "negative.neurite");
    }

    @Test
    void sequentialLoadOfAFunctionalFileSaysToUseModelLoad() throws IOException {
        Path good = functionalFile("good.neurite");
        fails(IOException.class, () -> Sequential.load(good), "good.neurite", "Model.load");
    }

    @Test
    void savingIntoAReadOnlyDirectoryFailsCleanlyOrWritesAWholeFile() throws IOException {
        Sequential model = regressor("r");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path file = ro.resolve("m.neurite");
            if (Files.isWritable(ro)) {   // root: permissions do not bind, so the save must succeed whole
                model.save(file);
                assertArrayEquals(model.predict(ones(1, 4)).toFloatVector(),
                        Sequential.load(file).predict(ones(1, 4)).toFloatVector(), 0f);
            } else {
                fails(IOException.class, () -> model.save(file), "ro");
            }
            assertEquals(Files.exists(file) ? List.of("m.neurite") : List.of(), filesIn(ro), "no temporary file left");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void savingUnderAParentThatIsAFileNamesThePath() throws IOException {
        Sequential model = regressor("r");
        Path parent = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        fails(IOException.class, () -> model.save(parent.resolve("m.neurite")), "plain.txt");
        assertEquals("not a folder", Files.readString(parent));
    }

    @Test
    void savingOverADirectoryKeepsTheDirectory() throws IOException {
        Sequential model = regressor("r");
        Path folder = Files.createDirectory(dir.resolve("m.neurite"));
        Files.writeString(folder.resolve("keep.txt"), "keep");
        fails(IOException.class, () -> model.save(folder), "m.neurite");
        assertEquals("keep", Files.readString(folder.resolve("keep.txt")));
        Path emptyFolder = Files.createDirectory(dir.resolve("e.neurite"));
        fails(IOException.class, () -> model.save(emptyFolder), "e.neurite", "directory");
        assertTrue(Files.isDirectory(emptyFolder), "an empty directory is not replaced by the model file");
        assertEquals(List.of("e.neurite", "m.neurite"), filesIn(dir), "no temporary file left");
    }

    // ================================================================== threads and interrupts

    @Test
    void stopTrainingFromAnotherThreadEndsFitAfterTheCurrentBatch() throws Exception {
        Sequential model = regressor("r");
        CountDownLatch started = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                if (started.await(10, TimeUnit.SECONDS)) {
                    model.stopTraining(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        History history = assertTimeoutPreemptively(DEADLINE, () -> model.fit(rand(9, 64, 4), rand(10, 64, 2),
                quiet(100_000).batchSize(8).callbacks(new LambdaCallback().onBatchEnd((b, logs) -> started.countDown()))));
        stopper.join();
        assertTrue(history.epochs().size() < 100_000, "fit stopped early");
        model.stopTraining(false);
        assertTrue(model.fit(rand(9, 8, 4), rand(10, 8, 2), quiet(1)).epochs().size() == 1, "the model trains again");
    }

    @Test
    void anInterruptedFitStopsPromptlyAndLeavesAUsableModel() throws Exception {
        Sequential model = regressor("r");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<History> result = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                result.set(model.fit(rand(9, 64, 4), rand(10, 64, 2), quiet(100_000).batchSize(8)
                        .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> started.countDown()))));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(DEADLINE.toMillis());
        assertFalse(worker.isAlive(), "fit did not stop within " + DEADLINE + " of the interrupt");
        if (thrown.get() != null) {
            assertTrue(thrown.get().getMessage() != null && thrown.get().getMessage().contains("interrupt"),
                    "the error says the fit was interrupted: " + thrown.get());
        } else {
            assertTrue(result.get().epochs().size() < 100_000);
        }
        assertFinite(model.predict(ones(2, 4)), "the weights after the interrupt");
        model.fit(rand(9, 8, 4), rand(10, 8, 2), quiet(1));
    }

    // ================================================================== callbacks, metrics, compile

    @Test
    void aCallbackThatThrowsPropagatesAndTheModelTrainsAgain() {
        Sequential model = regressor("r");
        RuntimeException boom = new IllegalStateException("boom");
        for (String hook : List.of("trainBegin", "epochBegin", "batchBegin", "batchEnd", "epochEnd", "trainEnd")) {
            Callback throwing = new Callback() {
                private void maybe(String at) {
                    if (at.equals(hook)) {
                        throw boom;
                    }
                }

                @Override
                public void onTrainBegin(Map<String, Double> logs) {
                    maybe("trainBegin");
                }

                @Override
                public void onTrainEnd(Map<String, Double> logs) {
                    maybe("trainEnd");
                }

                @Override
                public void onEpochBegin(int epoch, Map<String, Double> logs) {
                    maybe("epochBegin");
                }

                @Override
                public void onEpochEnd(int epoch, Map<String, Double> logs) {
                    maybe("epochEnd");
                }

                @Override
                public void onBatchBegin(int batch, Map<String, Double> logs) {
                    maybe("batchBegin");
                }

                @Override
                public void onBatchEnd(int batch, Map<String, Double> logs) {
                    maybe("batchEnd");
                }
            };
            Throwable t = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(RuntimeException.class,
                    () -> model.fit(rand(1, 16, 4), rand(2, 16, 2), quiet(2).batchSize(4).callbacks(throwing))), hook);
            assertSame(boom, t, hook);
        }
        History ok = model.fit(rand(1, 16, 4), rand(2, 16, 2), quiet(1).batchSize(4));
        assertTrue(Double.isFinite(ok.history().get("loss").get(0)));
    }

    @Test
    void aMetricThatThrowsPropagatesFromFitAndEvaluate() {
        Metric broken = new Metric() {
            @Override
            public void update(INDArray yTrue, INDArray yPred) {
                throw new ArithmeticException("broken metric");
            }

            @Override
            public double result() {
                return 0;
            }

            @Override
            public void reset() {
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        Sequential model = new Sequential(new Input(4), new Dense(2));
        model.compile(new SGD(0.01), Losses.meanSquaredError(), broken);
        assertTimeoutPreemptively(DEADLINE, () -> {
            fails(ArithmeticException.class, () -> model.fit(ones(4, 4), ones(4, 2), quiet(1)), "broken metric");
            fails(ArithmeticException.class, () -> model.evaluate(ones(4, 4), ones(4, 2)), "broken metric");
        });
        model.compile("sgd", "mse");
        assertEquals(java.util.Set.of("loss"), model.evaluate(ones(4, 4), ones(4, 2)).keySet());
    }

    @Test
    void recompilingBetweenEpochsTakesEffectOrIsRefused() {
        Sequential model = regressor("r");
        INDArray x = rand(1, 16, 4);
        INDArray y = rand(2, 16, 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        History h = assertTimeoutPreemptively(DEADLINE, () -> model.fit(x, y, quiet(3).batchSize(8).callbacks(
                new LambdaCallback().onEpochEnd((e, logs) -> {
                    if (e == 0) {
                        try {
                            model.compile("adam", "mae");
                        } catch (RuntimeException ex) {
                            failure.set(ex);
                        }
                    }
                }))));
        if (failure.get() != null) {
            assertTrue(failure.get() instanceof IllegalStateException, failure.get().toString());
            assertTrue(failure.get().getMessage().contains("r"), failure.get().getMessage());
        }
        h.history().get("loss").forEach(l -> assertTrue(Double.isFinite(l), h.toString()));
        // after the fit, the model is compiled with whatever it reports
        Map<String, Double> scores = model.evaluate(x, y);
        assertTrue(Double.isFinite(scores.get("loss")));
    }

    @Test
    void setWeightsWithWrongTypesOrNullsNamesTheLayer() {
        Sequential model = regressor("r");
        List<INDArray> good = model.getWeights();
        List<INDArray> asDouble = good.stream().map(w -> w.castTo(DataType.DOUBLE).addi(1)).toList();
        model.setWeights(asDouble);   // doubles are converted, not reinterpreted
        for (int i = 0; i < good.size(); i++) {
            assertEquals(DataType.FLOAT, model.getWeights().get(i).dataType());
            assertEquals(asDouble.get(i).castTo(DataType.FLOAT), model.getWeights().get(i));
        }
        List<INDArray> withNull = new ArrayList<>(good);
        withNull.set(1, null);
        fails(IllegalArgumentException.class, () -> model.setWeights(withNull), "hidden", "bias");
        List<INDArray> scalar = new ArrayList<>(good);
        scalar.set(1, Nd4j.scalar(1f));
        fails(IllegalArgumentException.class, () -> model.setWeights(scalar), "hidden", "bias", "[3]");
        fails(IllegalArgumentException.class, () -> model.setWeights(List.of()), "r", "expected 4", "0");
        assertEquals(asDouble.get(0).castTo(DataType.FLOAT), model.getWeights().get(0), "a failed call changes nothing");
    }

    @Test
    void aFailedSetWeightsChangesNothing() {
        Sequential model = regressor("r");
        List<INDArray> before = model.getWeights();
        List<INDArray> bad = new ArrayList<>();
        for (INDArray w : before) {
            bad.add(w.add(5));
        }
        bad.set(3, ones(7));   // the last one is wrong: the first three must not have been applied
        fails(IllegalArgumentException.class, () -> model.setWeights(bad), "out", "bias", "[2]", "[7]");
        assertEquals(before, model.getWeights());
    }

    @Test
    void getLayerOfAMissingNameListsTheLayers() {
        Sequential model = regressor("r");
        fails(IllegalArgumentException.class, () -> model.getLayer("nope"), "r", "'nope'", "hidden", "out");
        fails(IllegalArgumentException.class, () -> model.getLayer(null), "null");
    }

    @Test
    void aSequentialWithoutInputBuildsFromTheFirstBatchAndRefusesWhatNeedsAShape() {
        Sequential model = new Sequential(new Dense(3).name("d"), new Dense(1)).name("lazy");
        fails(IllegalStateException.class, model::getWeights, "lazy", "getWeights");
        fails(IllegalStateException.class, model::summary, "lazy", "summary");
        fails(IllegalStateException.class, model::countParams, "lazy");
        INDArray out = model.predict(ones(2, 5));
        assertArrayEquals(new long[]{2, 1}, out.shape());
        assertArrayEquals(new long[]{5}, model.inputShape());
        fails(IllegalArgumentException.class, () -> model.predict(ones(2, 6)), "lazy.predict", "[batch, 5]", "[2, 6]");
        fails(IllegalStateException.class, () -> new Sequential().name("none").predict(ones(1, 2)), "none");
    }

    @Test
    void aSequentialWithAnInputInTheMiddleOrPopOfAnEmptyModel() {
        fails(IllegalArgumentException.class, () -> new Sequential(new Dense(2), new Input(3)), "Input");
        fails(IllegalStateException.class, () -> new Sequential().pop());
    }

    @Test
    void predictAfterATrainingErrorStillUsesTheSameWeights() {
        Sequential model = classifier("c");
        INDArray x = rand(3, 4, 4);
        INDArray before = model.predict(x);
        assertThrows(IllegalArgumentException.class,
                () -> model.fit(x, Nd4j.createFromArray(0f, 1f, 7f, 2f), quiet(1).batchSize(2)));
        assertEquals(before, model.predict(x), "a rejected fit took no step");
    }
}
