package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.LambdaCallback;
import org.neurite.callbacks.TerminateOnNaN;
import org.neurite.data.Dataset;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.SGD;

/** One test per kind of bad input: the exception type, and a message naming where and both values. */
class BadInputTest {
    @TempDir
    Path dir;

    private static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.FLOAT, shape);
    }

    private static <T extends Throwable> String message(Class<T> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    private static Sequential classifier() {
        Sequential model = new Sequential(new Input(5), new Dense(8, "relu"), new Dense(3, "softmax").name("probs"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model.name("clf");
    }

    @Test
    void wrongInputRankOrShapeInFitEvaluateAndPredict() {
        Sequential model = classifier();
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4);
        for (INDArray bad : List.of(ones(4, 6), ones(4, 5, 1))) {
            String found = Arrays.toString(bad.shape());
            assertMentions(message(IllegalArgumentException.class, () -> model.fit(bad, y, Fit.epochs(1).verbose(0))),
                    "clf.fit", "input of layer 'input", "[batch, 5]", found);
            assertMentions(message(IllegalArgumentException.class, () -> model.evaluate(bad, y)), "clf.evaluate", found);
            assertMentions(message(IllegalArgumentException.class, () -> model.predict(bad)), "clf.predict", found);
        }
    }

    @Test
    void sparseLabelsOutOfRangeNameTheOutputLayerTheLossAndTheValidRange() {
        Sequential model = classifier();
        INDArray y = Nd4j.createFromArray(0f, 1f, 5f, 2f);
        for (Executable call : List.<Executable>of(() -> model.fit(ones(4, 5), y, Fit.epochs(1).verbose(0)),
                () -> model.evaluate(ones(4, 5), y), () -> model.trainOnBatch(ones(4, 5), y))) {
            assertMentions(message(IllegalArgumentException.class, call), "labels for output layer 'probs'",
                    "sparse_categorical_crossentropy", "label 5 at index 2", "[0, 3)");
        }
    }

    @Test
    void differentRowCountsInXAndY() {
        Sequential model = classifier();
        assertMentions(message(IllegalArgumentException.class,
                () -> model.fit(ones(10, 5), Nd4j.zeros(DataType.FLOAT, 8), Fit.epochs(1).verbose(0))),
                "features have 10 examples but labels have 8");
        assertMentions(message(IllegalArgumentException.class,
                () -> model.trainOnBatch(ones(10, 5), Nd4j.zeros(DataType.FLOAT, 8))), "x has 10 rows but y has 8");
    }

    @Test
    void nanOrInfiniteInputsAreCountedAndTheFirstOneIsLocated() {
        Sequential model = classifier();
        INDArray x = ones(4, 5);
        x.putScalar(new long[]{2, 3}, Float.NaN);
        x.putScalar(new long[]{3, 0}, Float.POSITIVE_INFINITY);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4);
        for (Executable call : List.<Executable>of(() -> model.fit(x, y, Fit.epochs(1).verbose(0)),
                () -> model.evaluate(x, y), () -> model.predict(x), () -> model.trainOnBatch(x, y))) {
            assertMentions(message(IllegalArgumentException.class, call), "input of layer 'input",
                    "expected finite numbers but found 2 NaN or infinite value(s) of 20", "(NaN) at example 2, index [2, 3]");
        }
        INDArray badLabels = Nd4j.createFromArray(0f, Float.NaN, 1f, 1f);
        assertMentions(message(IllegalArgumentException.class, () -> model.fit(ones(4, 5), badLabels,
                Fit.epochs(1).verbose(0))), "labels for output layer 'probs'", "found 1 NaN");
        assertMentions(message(IllegalArgumentException.class, () -> model.fit(ones(4, 5), y,
                Fit.epochs(1).verbose(0).validationData(x, y))), "clf.fit (validation data)", "found 2 NaN");
    }

    @Test
    void hugeButFiniteInputsPassTheFiniteCheckThoughTheirSumOverflows() {
        Sequential model = classifier();
        INDArray x = ones(4, 5).muli(3e38f);   // every value finite, their float sum is not
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4);
        model.predict(x);
        model.trainOnBatch(x, y);
        INDArray withNaN = x.dup();
        withNaN.putScalar(new long[]{1, 1}, Float.NaN);
        assertMentions(message(IllegalArgumentException.class, () -> model.trainOnBatch(withNaN, y)),
                "found 1 NaN or infinite value(s) of 20", "at example 1, index [1, 1]");
    }

    @Test
    void aNanLossDuringFitStopsTrainingWithTheLastGoodWeights() {
        Sequential model = new Sequential(new Input(3), new Dense(1));
        model.compile(new SGD(1e18), Losses.meanSquaredError());
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 64, 3).castTo(DataType.FLOAT).muli(100);
        List<INDArray> atBatchBegin = new ArrayList<>();
        TerminateOnNaN terminate = new TerminateOnNaN();
        History h = model.fit(x, x.sum(1).reshape(64, 1), Fit.epochs(5).batchSize(8).shuffle(false).verbose(0)
                .callbacks(new LambdaCallback().onBatchBegin((b, logs) -> atBatchBegin.add(model.snapshotWeights())),
                        terminate));
        int bad = terminate.terminatedBatch();
        assertTrue(bad > 0, "the loss diverged within the first epoch: " + h);
        assertEquals(List.of(0), h.epochs(), "no epoch after the one that diverged");
        INDArray kept = model.snapshotWeights();
        assertEquals(0, Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(
                kept, org.nd4j.linalg.indexing.conditions.Conditions.notFinite())).getInt(0));
        INDArray expected = atBatchBegin.get(bad).isInfinite().any() || atBatchBegin.get(bad).isNaN().any()
                ? atBatchBegin.get(bad - 1) : atBatchBegin.get(bad);
        assertArrayEquals(SaveLoadTest.bits(expected), SaveLoadTest.bits(kept));
    }

    @Test
    void terminateOnNaNFallsBackOneBatchWhenTheWeightsAreAlreadyNonFinite() {
        Sequential model = new Sequential(new Input(2), new Dense(1));
        TerminateOnNaN terminate = new TerminateOnNaN();
        terminate.setModel(model);
        terminate.onTrainBegin(Map.of());
        terminate.onBatchBegin(0, Map.of());
        model.setWeights(List.of(ones(2, 1), ones(1)));
        terminate.onBatchEnd(0, Map.of("loss", 1.0));
        terminate.onBatchBegin(1, Map.of());          // good weights: all ones
        model.setWeights(List.of(ones(2, 1).muli(Float.POSITIVE_INFINITY), ones(1)));
        terminate.onBatchEnd(1, Map.of("loss", 2.0)); // finite loss, but the step overflowed
        terminate.onBatchBegin(2, Map.of());
        terminate.onBatchEnd(2, Map.of("loss", Double.NaN));
        assertEquals(2, terminate.terminatedBatch());
        assertTrue(model.isStopTraining());
        assertEquals(List.of(ones(2, 1), ones(1)), model.getWeights());
    }

    @Test
    void anEmptyDatasetIsRejected() {
        Sequential model = classifier();
        assertMentions(message(IllegalArgumentException.class, () -> model.fit(Nd4j.create(DataType.FLOAT, 0, 5),
                Nd4j.create(DataType.FLOAT, 0), Fit.epochs(1))), "at least one example", "[0, 5]");
        assertMentions(message(IllegalArgumentException.class, () -> model.fit(ones(1, 5), Nd4j.zeros(DataType.FLOAT, 1),
                Fit.epochs(1).validationSplit(0.5).verbose(0))), "validation split 0.5 of 1 examples leaves no");
    }

    @Test
    void aBatchSizeBelowOneIsRejected() {
        Sequential model = classifier();
        assertMentions(message(IllegalArgumentException.class, () -> Fit.epochs(1).batchSize(0)),
                "batch size must be at least 1, got 0");
        assertMentions(message(IllegalArgumentException.class, () -> model.predict(ones(2, 5), -3)),
                "batchSize must be at least 1, got -3");
        assertMentions(message(IllegalArgumentException.class,
                () -> model.evaluate(Dataset.of(ones(2, 5), Nd4j.zeros(DataType.FLOAT, 2)), 0)), "got 0");
    }

    @Test
    void fitOrEvaluateBeforeCompileIsAnIllegalState() {
        Sequential model = new Sequential(new Input(5), new Dense(1)).name("raw");
        assertMentions(message(IllegalStateException.class, () -> model.fit(ones(2, 5), ones(2, 1), Fit.epochs(1))),
                "raw: fit called before compile()", "call compile(optimizer, loss, metrics...) first");
        assertMentions(message(IllegalStateException.class, () -> model.evaluate(ones(2, 5), ones(2, 1))),
                "evaluate called before compile()");
    }

    @Test
    void unknownActivationLossOptimizerOrMetricNamesListTheValidOnes() {
        Sequential model = new Sequential(new Input(5), new Dense(1));
        assertMentions(message(IllegalArgumentException.class, () -> new Dense(3, "rellu")),
                "unknown activation 'rellu'", "relu", "softmax");
        assertMentions(message(IllegalArgumentException.class, () -> model.compile("adam", "msee")),
                "unknown loss 'msee'", "mean_squared_error", "binary_crossentropy");
        assertMentions(message(IllegalArgumentException.class, () -> model.compile("adamm", "mse")),
                "unknown optimizer 'adamm'", "adam, adamw, rmsprop, sgd");
        assertMentions(message(IllegalArgumentException.class, () -> model.compile("adam", "mse", "accuracyy")),
                "unknown metric 'accuracyy'", "accuracy", "auc");
        assertMentions(message(IllegalArgumentException.class, () -> Metrics.get("f2")), "f1_score");
    }

    @Test
    void aTruncatedCorruptOrNewerModelFileIsAnIOExceptionNamingTheFile() throws IOException {
        Sequential model = classifier();
        Path good = dir.resolve("good.neurite");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = Files.write(dir.resolve("truncated.neurite"), Arrays.copyOf(bytes, bytes.length / 2));
        assertMentions(message(IOException.class, () -> Sequential.load(truncated)), "truncated.neurite",
                "not a Neurite model file, or a damaged one (expected a zip archive)");
        Path text = Files.writeString(dir.resolve("text.neurite"), "hello");
        assertMentions(message(IOException.class, () -> Sequential.load(text)), "text.neurite");
        assertMentions(message(IOException.class, () -> Sequential.load(dir.resolve("missing.neurite"))),
                "missing.neurite");

        Path newer = ModelFiles.withConfig(good, dir.resolve("newer.neurite"),
                c -> c.replace("\"format_version\": 1", "\"format_version\": 2"));
        assertMentions(message(IOException.class, () -> Sequential.load(newer)), "newer.neurite",
                "written in Neurite model format version 2", "reads versions 1 to 1");
        Path badJson = ModelFiles.withConfig(good, dir.resolve("json.neurite"), c -> c.substring(0, 40));
        assertMentions(message(IOException.class, () -> Sequential.load(badJson)), "json.neurite: config.json: malformed JSON");
        Path unknown = ModelFiles.withConfig(good, dir.resolve("unknown.neurite"),
                c -> c.replace("\"class_name\": \"Dense\"", "\"class_name\": \"Densely\""));
        assertMentions(message(IOException.class, () -> Sequential.load(unknown)), "unknown.neurite: layer 1 (Densely)",
                "unknown layer class 'Densely'", "Dense");
        Path wider = ModelFiles.withConfig(good, dir.resolve("wider.neurite"),
                c -> c.replace("\"units\": 3", "\"units\": 4"));
        assertMentions(message(IOException.class, () -> Sequential.load(wider)), "wider.neurite", "layer 'probs'",
                "[8, 3]", "[8, 4]");
        Path damaged = ModelFiles.withEntry(good, dir.resolve("damaged.neurite"), ModelFile.WEIGHTS,
                b -> Arrays.copyOf(b, b.length - 4));
        assertMentions(message(IOException.class, () -> Sequential.load(damaged)),
                "damaged.neurite!/model.weights.safetensors", "tensor 'probs/bias'", "[288, 300]", "<= 296");
    }

    @Test
    void weightsOfADifferentArchitectureNameTheLayerAndBothShapes() throws IOException {
        Path file = dir.resolve("clf.neurite");
        classifier().save(file);
        Sequential wider = new Sequential(new Input(5), new Dense(8, "relu"), new Dense(4, "softmax").name("probs"));
        for (Executable load : List.<Executable>of(() -> wider.loadWeights(file), () -> wider.loadWeightsByName(file))) {
            assertMentions(message(IllegalArgumentException.class, load), "clf.neurite", "layer 'probs' (Dense)",
                    "weight 'kernel' expects shape [8, 4]", "has [8, 3]");
        }

        Sequential model = classifier();
        List<INDArray> weights = new ArrayList<>(model.getWeights());
        weights.set(2, ones(8, 4));
        assertMentions(message(IllegalArgumentException.class, () -> model.setWeights(weights)),
                "probs: weight 'kernel' expects shape [8, 3] but got [8, 4]");
        assertMentions(message(IllegalArgumentException.class, () -> model.setWeights(weights.subList(0, 3))),
                "expected 4 weight arrays but got 3");
    }
}
