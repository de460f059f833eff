package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.io.Json;
import org.neurite.layers.ActivationFunction;
import org.neurite.layers.Activations;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.BaseLoss;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;
import org.neurite.optimizers.LearningRateSchedule;
import org.neurite.optimizers.Schedules;
import org.neurite.tensor.Tensor;

/** Custom losses, metrics, activations and learning-rate schedules registered, saved and loaded. */
class CustomObjectsTest {
    @TempDir
    Path dir;

    /** Mean squared error times a weight: a custom loss with an option in its config. */
    static final class WeightedMse extends BaseLoss {
        final double weight;

        WeightedMse(String name, double weight) {
            super(name);
            this.weight = weight;
        }

        @Override
        protected Tensor perExample(Tensor yTrue, Tensor yPred) {
            Tensor d = yPred.sub(yTrue);
            return meanPerExample(d.mul(d)).mul(weight);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("weight", weight);
        }
    }

    /** The largest absolute error seen: a custom metric with an option (a scale) in its config. */
    static final class MaxError implements Metric {
        final String name;
        final double scale;
        double max;

        MaxError(String name, double scale) {
            this.name = name;
            this.scale = scale;
        }

        @Override
        public void update(INDArray yTrue, INDArray yPred) {
            max = Math.max(max, yPred.sub(yTrue.reshape(yPred.shape()).castTo(yPred.dataType()))
                    .amaxNumber().doubleValue() * scale);
        }

        @Override
        public double result() {
            return max;
        }

        @Override
        public void reset() {
            max = 0;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Metric fresh() {
            return new MaxError(name, scale);
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("scale", scale);
        }
    }

    /** Keras's InverseTimeDecay: a custom schedule with a class name and a config. */
    record InverseTimeDecay(String className, double initial, double decaySteps, double decayRate)
            implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            return initial / (1 + decayRate * step / decaySteps);
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("initial_learning_rate", initial);
            c.put("decay_steps", decaySteps);
            c.put("decay_rate", decayRate);
            return c;
        }

        static InverseTimeDecay fromConfig(String className, Map<String, Object> c) {
            return new InverseTimeDecay(className, ((Number) c.get("initial_learning_rate")).doubleValue(),
                    ((Number) c.get("decay_steps")).doubleValue(), ((Number) c.get("decay_rate")).doubleValue());
        }
    }

    /** A named activation whose name is never registered. */
    static final class Unregistered implements ActivationFunction {
        @Override
        public Tensor apply(Tensor x) {
            return x.tanh();
        }

        @Override
        public String name() {
            return "unregistered_activation";
        }
    }

    @BeforeAll
    static void register() {
        Losses.register("weighted_mse", c -> new WeightedMse("weighted_mse", ((Number) c.getOrDefault("weight", 1.0)).doubleValue()));
        Metrics.register("max_error", c -> new MaxError("max_error", ((Number) c.getOrDefault("scale", 1.0)).doubleValue()));
        Activations.register("scaled_tanh", x -> x.tanh().mul(1.5));
        Schedules.register("InverseTimeDecay", c -> InverseTimeDecay.fromConfig("InverseTimeDecay", c));
    }

    private static Sequential customModel() {
        Neurite.seed(7);
        Sequential model = new Sequential(new Input(4), new Dense(6, "scaled_tanh").name("hidden"),
                new Dense(2).name("out"));
        model.compile(new Adam(new InverseTimeDecay("InverseTimeDecay", 0.01, 10, 0.5)),
                new WeightedMse("weighted_mse", 2.5), new MaxError("max_error", 2.0));
        return model;
    }

    @Test
    void aModelWithCustomObjectsSavesAndLoadsCompiledAndContinuesIdentically() throws IOException {
        Neurite.seed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 2);
        Sequential model = customModel();
        model.fit(x, y, Fit.epochs(2).batchSize(4).seed(3).verbose(0));
        Path file = dir.resolve("custom.neurite");
        model.save(file);

        Map<String, Object> compile = Json.parseObject(configJson(file)).get("compile_config") instanceof Map<?, ?> m
                ? cast(m) : Map.of();
        assertEquals(Map.of("class_name", "WeightedMse", "config",
                Map.of("name", "weighted_mse", "reduction", "sum_over_batch_size", "weight", 2.5)), compile.get("loss"));
        assertEquals(List.of(Map.of("class_name", "MaxError", "config", Map.of("name", "max_error", "scale", 2.0))),
                compile.get("metrics"));

        Sequential loaded = Sequential.load(file);
        assertTrue(loaded.isCompiled());
        assertEquals("scaled_tanh", ((Dense) loaded.getLayer("hidden")).activation().name());
        assertInstanceOf(WeightedMse.class, loaded.loss());
        assertEquals(2.5, ((WeightedMse) loaded.loss()).weight);
        assertEquals(model.loss(), loaded.loss());
        assertEquals(model.optimizer().schedule(), loaded.optimizer().schedule());
        assertEquals(model.optimizer().config(), loaded.optimizer().config());
        assertEquals(List.of("max_error"), loaded.metrics().stream().map(Metric::name).toList());
        assertEquals(2.0, ((MaxError) loaded.metrics().get(0)).scale);

        assertArrayEquals(SaveLoadTest.bits(model.predict(x)), SaveLoadTest.bits(loaded.predict(x)));
        assertEquals(model.evaluate(x, y), loaded.evaluate(x, y));
        assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
        Map<String, INDArray> state = ModelWeights.optimizerState(model, model.optimizer());
        Map<String, INDArray> restored = ModelWeights.optimizerState(loaded, loaded.optimizer());
        assertEquals(state.keySet(), restored.keySet());
        state.forEach((k, v) -> assertArrayEquals(SaveLoadTest.bits(v), SaveLoadTest.bits(restored.get(k)), k));

        History a = model.fit(x, y, Fit.epochs(4).initialEpoch(2).batchSize(4).seed(3).verbose(0));
        History b = loaded.fit(x, y, Fit.epochs(4).initialEpoch(2).batchSize(4).seed(3).verbose(0));
        assertEquals(a.history(), b.history());
        for (int i = 0; i < model.getWeights().size(); i++) {
            assertArrayEquals(SaveLoadTest.bits(model.getWeights().get(i)), SaveLoadTest.bits(loaded.getWeights().get(i)));
        }
    }

    @Test
    void customObjectsWorkByNameInCompile() {
        Sequential model = new Sequential(new Input(3), new Dense(1, "scaled_tanh"));
        model.compile("sgd", "weighted_mse", "max_error");
        assertEquals("weighted_mse", model.loss().name());
        assertEquals("max_error", model.metrics().get(0).name());
        assertEquals(Activations.get("SCALED_TANH").name(), "scaled_tanh");
        assertTrue(Losses.names().contains("weighted_mse") && Metrics.names().contains("max_error")
                && Activations.names().contains("scaled_tanh") && Schedules.classNames().contains("InverseTimeDecay"));
        assertThrows(IllegalArgumentException.class, () -> Losses.register("MSE", c -> Losses.meanSquaredError()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.register("accuracy", c -> Metrics.auc()));
        assertThrows(IllegalArgumentException.class, () -> Activations.register("relu", x -> x));
        assertThrows(IllegalArgumentException.class, () -> Schedules.register("CosineDecay", c -> s -> 0.1));
    }

    @Test
    void loadingAnUnregisteredCustomObjectFailsNamingItAndHowToRegisterIt() throws IOException {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 4);
        expectLoadFailure(model -> model.compile(model.optimizer(), new WeightedMse("unregistered_loss", 1.0)),
                "the loss 'unregistered_loss' (class WeightedMse) is neither built in nor registered",
                "Losses.register(\"unregistered_loss\"");
        expectLoadFailure(model -> model.compile(model.optimizer(), model.loss(), new MaxError("unregistered_metric", 1)),
                "the metric 'unregistered_metric' (class MaxError) is neither built in nor registered",
                "Metrics.register(\"unregistered_metric\"");
        expectLoadFailure(model -> model.compile(new Adam(new InverseTimeDecay("UnregisteredDecay", 0.1, 1, 1)),
                        model.loss()),
                "the learning-rate schedule 'UnregisteredDecay' is neither built in nor registered",
                "Schedules.register(\"UnregisteredDecay\"");

        Sequential model = new Sequential(new Input(4), new Dense(2, new Unregistered()));
        model.compile("adam", "mse");
        model.predict(x);
        Path file = dir.resolve("activation.neurite");
        model.save(file);
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("unknown activation 'unregistered_activation'")
                && e.getMessage().contains("Activations.register(\"unregistered_activation\""), e.getMessage());
    }

    private void expectLoadFailure(java.util.function.Consumer<Sequential> compile, String... parts) throws IOException {
        Sequential model = new Sequential(new Input(4), new Dense(2));
        model.compile("adam", "mse");
        compile.accept(model);
        Path file = dir.resolve("unregistered.neurite");
        model.save(file);
        IOException e = assertThrows(IOException.class, () -> Sequential.load(file));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        // the weights are still there for a model built in code
        Sequential built = new Sequential(new Input(4), new Dense(2));
        built.loadWeights(file);
        assertEquals(model.getWeights(), built.getWeights());
    }

    @Test
    void aLambdaScheduleIsRefusedAtSaveNamingTheScheduleAndHowToMakeItSaveable() throws IOException {
        Sequential model = new Sequential(new Input(4), new Dense(2));
        model.compile("adam", "mse");
        Path file = dir.resolve("lambda.neurite");
        model.save(file);
        byte[] before = Files.readAllBytes(file);

        model.compile(new Adam(step -> 1e-3 / (1 + step)), Losses.meanSquaredError());
        IOException e = assertThrows(IOException.class, () -> model.save(file));
        assertTrue(e.getMessage().startsWith("cannot save " + file + ": the optimizer's learning-rate schedule"),
                e.getMessage());
        assertTrue(e.getMessage().contains("a lambda") && e.getMessage().contains("Schedules.register(")
                && e.getMessage().contains("className()"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the previous file is unchanged");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
        assertFalse(e.getMessage().isBlank());
    }

    private static String configJson(Path file) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
