package org.neurite.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Tensor;

/** Lookup by name, config round trips and state save/restore. */
class OptimizersTest {

    @Test
    void namesResolveCaseInsensitivelyToDefaultInstances() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertInstanceOf(Adam.class, Optimizers.get("Adam"));
        assertInstanceOf(AdamW.class, Optimizers.get("ADAMW"));
        assertInstanceOf(RMSprop.class, Optimizers.get("RMSprop"));
        assertInstanceOf(Adagrad.class, Optimizers.get("adagrad"));
        for (String name : Optimizers.NAMES) {
            assertEquals(name, Optimizers.get(name).name());
        }
        assertEquals(0.01, Optimizers.get("sgd").learningRate());
        assertEquals(0.001, Optimizers.get("adam").learningRate());
        assertEquals(0.004, Optimizers.get("adamw").config().get("weight_decay"));
        assertNull(Optimizers.get("adam").config().get("weight_decay"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamax"));
        assertEquals("unknown optimizer 'adamax'; valid names: adagrad, adam, adamw, rmsprop, sgd", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
    }

    @Test
    void configUsesKerasKeysAndDefaults() {
        assertEquals(Map.of("learning_rate", 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7, "amsgrad", false),
                withoutNulls(new Adam().config()));
        assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.0, "nesterov", false),
                withoutNulls(new SGD().config()));
        assertEquals(Map.of("learning_rate", 0.001, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7, "centered", false),
                withoutNulls(new RMSprop().config()));
        assertEquals(Map.of("learning_rate", 0.001, "initial_accumulator_value", 0.1, "epsilon", 1e-7),
                withoutNulls(new Adagrad().config()));
        Map<String, Object> adam = new Adam().config();
        for (String key : List.of("weight_decay", "clipnorm", "global_clipnorm", "clipvalue")) {
            assertTrue(adam.containsKey(key) && adam.get(key) == null, key);
        }
    }

    static Stream<Supplier<Optimizer>> configured() {
        return Stream.of(
                () -> new SGD(0.2).momentum(0.8).nesterov(true).clipValue(0.3),
                () -> new Adam(0.02).beta1(0.7).beta2(0.9).epsilon(1e-4).amsgrad(true).globalClipNorm(2.0),
                () -> new AdamW(new CosineDecay(0.1, 40, 0.2).withWarmup(0.3, 4)).weightDecay(0.0),
                () -> new RMSprop(new ExponentialDecay(0.1, 5, 0.7, true)).rho(0.8).momentum(0.5).centered(true)
                        .clipNorm(1.0).weightDecay(0.01),
                () -> new Adagrad(new PiecewiseConstantDecay(new long[]{2}, new double[]{0.1, 0.01}))
                        .initialAccumulatorValue(0.3).epsilon(1e-5));
    }

    @ParameterizedTest
    @MethodSource("configured")
    void fromConfigRebuildsAnEqualOptimizer(Supplier<Optimizer> make) {
        Optimizer original = make.get();
        Optimizer copy = Optimizers.fromConfig(original.name(), original.config());
        assertEquals(original.getClass(), copy.getClass());
        assertEquals(original.config(), copy.config());
        // and it behaves identically
        List<Tensor> a = Fixtures.parameters(DataType.DOUBLE);
        List<Tensor> b = Fixtures.parameters(DataType.DOUBLE);
        for (int t = 0; t < 5; t++) {
            Fixtures.setGradients(a, t);
            Fixtures.setGradients(b, t);
            original.step(a);
            copy.step(b);
        }
        assertArrayEquals(Fixtures.values(a), Fixtures.values(b));
    }

    @Test
    void fromConfigKeepsDefaultsForAbsentKeysAndRejectsUnknownOnes() {
        assertEquals(new AdamW().config(), Optimizers.fromConfig("adamw", Map.of()).config());
        Map<String, Object> off = new HashMap<>();
        off.put("weight_decay", null);
        assertNull(Optimizers.fromConfig("adamw", off).config().get("weight_decay"));
        Map<String, Object> fromJson = Map.of("learning_rate", 1, "momentum", 0.5, "name", "SGD");
        assertEquals(1.0, Optimizers.fromConfig("sgd", fromJson).learningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromConfig("sgd", Map.of("beta_1", 0.9)));
        assertTrue(e.getMessage().contains("sgd: unknown config key 'beta_1'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("adam", Map.of("beta_1", "high")));
    }

    static Stream<Supplier<Optimizer>> stateful() {
        return Stream.of(
                () -> new SGD(0.05).momentum(0.9).nesterov(true),
                () -> new Adam(0.05).amsgrad(true).clipNorm(1.0),
                () -> new AdamW(new ExponentialDecay(0.05, 3, 0.8)),
                () -> new RMSprop(0.01).momentum(0.5).centered(true),
                () -> new Adagrad(0.1));
    }

    @ParameterizedTest
    @MethodSource("stateful")
    void savedStateContinuesIdentically(Supplier<Optimizer> make) {
        Optimizer original = make.get();
        List<Tensor> a = Fixtures.parameters(DataType.DOUBLE);
        for (int t = 0; t < 4; t++) {
            Fixtures.setGradients(a, t);
            original.step(a);
        }
        Map<String, INDArray> saved = original.state(a);
        assertTrue(saved.keySet().stream().allMatch(k -> k.startsWith("0/") || k.startsWith("1/")),
                saved.keySet()::toString);

        Optimizer restored = Optimizers.fromConfig(original.name(), original.config());
        List<Tensor> b = Fixtures.parameters(DataType.DOUBLE);
        for (int v = 0; v < b.size(); v++) {
            b.get(v).value().assign(a.get(v).value());
        }
        restored.loadState(b, saved, original.iterations());
        assertEquals(original.iterations(), restored.iterations());
        assertEquals(original.currentLearningRate(), restored.currentLearningRate());
        for (int t = 4; t < Fixtures.STEPS; t++) {
            Fixtures.setGradients(a, t);
            Fixtures.setGradients(b, t);
            original.step(a);
            restored.step(b);
        }
        assertArrayEquals(Fixtures.values(a), Fixtures.values(b));
        Map<String, INDArray> end = restored.state(b);
        assertEquals(original.state(a), end);
    }

    @Test
    void adamStateNamesTheFirstAndSecondMoments() {
        Adam adam = new Adam(0.1).beta1(0.8).beta2(0.9);
        List<Tensor> params = Fixtures.parameters(DataType.DOUBLE);
        Fixtures.setGradients(params, 0);
        adam.step(params);
        Map<String, INDArray> state = adam.state(params);
        assertEquals(List.of("0/m", "0/v", "1/m", "1/v"), List.copyOf(state.keySet()));
        double[] g = Fixtures.gradient(0, 1);
        for (int k = 0; k < g.length; k++) {
            assertEquals(0.2 * g[k], state.get("1/m").getDouble(k), 1e-15);
            assertEquals(0.1 * g[k] * g[k], state.get("1/v").getDouble(k), 1e-15);
        }
    }

    @Test
    void loadStateRejectsForeignKeysAndShapesAndChangesNothing() {
        SGD sgd = new SGD(0.1).momentum(0.9);
        List<Tensor> params = Fixtures.parameters(DataType.DOUBLE);
        Fixtures.setGradients(params, 0);
        sgd.step(params);
        Map<String, INDArray> before = sgd.state(params);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.loadState(params, Map.of("0/m", Nd4j.zeros(DataType.DOUBLE, 2, 3)), 5));
        assertTrue(e.getMessage().contains("'0/m'") && e.getMessage().contains("[momentum]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> sgd.loadState(params, Map.of("2/momentum", Nd4j.zeros(DataType.DOUBLE, 4)), 5));
        e = assertThrows(IllegalArgumentException.class,
                () -> sgd.loadState(params, Map.of("1/momentum", Nd4j.zeros(DataType.DOUBLE, 2, 2)), 5));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("[4]"), e.getMessage());
        assertEquals(before, sgd.state(params));
        assertEquals(1, sgd.iterations());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> config) {
        Map<String, Object> out = new HashMap<>(config);
        out.values().removeIf(v -> v == null);
        return out;
    }
}
