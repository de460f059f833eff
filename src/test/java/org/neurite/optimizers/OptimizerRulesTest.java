package org.neurite.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.optimizers.Fixtures.STEPS;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.neurite.Neurite;
import org.neurite.optimizers.KerasReference.Spec;
import org.neurite.tensor.Tensor;

/**
 * Golden values: every optimizer, from fixed parameters through a fixed sequence of 10 gradients,
 * against {@link KerasReference} after step 1 and after step 10.
 */
class OptimizerRulesTest {
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        ExponentialDecay exponential = new ExponentialDecay(0.1, 3, 0.5);
        PiecewiseConstantDecay piecewise = new PiecewiseConstantDecay(new long[]{2, 5}, new double[]{0.1, 0.05, 0.01});
        CosineDecay cosine = new CosineDecay(0.05, 8, 0.1);
        return Stream.of(
                // SGD: defaults, plain, momentum, nesterov
                c("sgd defaults", SGD::new, new Spec("sgd", 0.01)),
                c("sgd", () -> new SGD(0.1), new Spec("sgd", 0.1)),
                c("sgd momentum", () -> new SGD(0.05).momentum(0.9), new Spec("sgd", 0.05).with(s -> s.momentum = 0.9)),
                c("sgd nesterov", () -> new SGD(0.05).momentum(0.9).nesterov(true),
                        new Spec("sgd", 0.05).with(s -> { s.momentum = 0.9; s.nesterov = true; })),
                // Adam and AdamW
                c("adam defaults", Adam::new, new Spec("adam", 0.001)),
                c("adam tuned", () -> new Adam(0.05).beta1(0.8).beta2(0.95).epsilon(1e-3),
                        new Spec("adam", 0.05).with(s -> { s.beta1 = 0.8; s.beta2 = 0.95; s.epsilon = 1e-3; })),
                c("adam amsgrad", () -> new Adam(0.05).beta2(0.9).amsgrad(true),
                        new Spec("adam", 0.05).with(s -> { s.beta2 = 0.9; s.amsgrad = true; })),
                c("adamw defaults", AdamW::new, new Spec("adam", 0.001).with(s -> s.weightDecay = 0.004)),
                c("adamw tuned", () -> new AdamW(0.05).weightDecay(0.1).beta1(0.7),
                        new Spec("adam", 0.05).with(s -> { s.weightDecay = 0.1; s.beta1 = 0.7; })),
                // RMSprop: defaults, momentum, centered
                c("rmsprop defaults", RMSprop::new, new Spec("rmsprop", 0.001)),
                c("rmsprop momentum", () -> new RMSprop(0.01).rho(0.8).momentum(0.5).epsilon(1e-2),
                        new Spec("rmsprop", 0.01).with(s -> { s.rho = 0.8; s.momentum = 0.5; s.epsilon = 1e-2; })),
                c("rmsprop centered", () -> new RMSprop(0.01).centered(true).momentum(0.3),
                        new Spec("rmsprop", 0.01).with(s -> { s.centered = true; s.momentum = 0.3; })),
                // Adagrad
                c("adagrad defaults", Adagrad::new, new Spec("adagrad", 0.001)),
                c("adagrad tuned", () -> new Adagrad(0.1).initialAccumulatorValue(0.5).epsilon(0.01),
                        new Spec("adagrad", 0.1).with(s -> { s.initialAccumulator = 0.5; s.epsilon = 0.01; })),
                // schedules
                c("adam exponential decay", () -> new Adam(exponential),
                        new Spec("adam", 0).with(s -> s.schedule = step -> 0.1 * Math.pow(0.5, step / 3.0))),
                c("sgd momentum piecewise", () -> new SGD(piecewise).momentum(0.5),
                        new Spec("sgd", 0).with(s -> { s.momentum = 0.5; s.schedule = step -> step <= 2 ? 0.1
                                : step <= 5 ? 0.05 : 0.01; })),
                c("adamw cosine decay", () -> new AdamW(cosine).weightDecay(0.2),
                        new Spec("adam", 0).with(s -> { s.weightDecay = 0.2; s.schedule = step -> 0.05
                                * (0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, 8) / 8.0)) + 0.1); })),
                // clipping and weight decay owned by the base class
                c("sgd clipnorm", () -> new SGD(0.1).clipNorm(1.0), new Spec("sgd", 0.1).with(s -> s.clipnorm = 1.0)),
                c("adam global clipnorm", () -> new Adam(0.05).globalClipNorm(1.5),
                        new Spec("adam", 0.05).with(s -> s.globalClipnorm = 1.5)),
                c("sgd momentum clipvalue", () -> new SGD(0.1).momentum(0.9).clipValue(0.5),
                        new Spec("sgd", 0.1).with(s -> { s.momentum = 0.9; s.clipvalue = 0.5; })),
                c("rmsprop weight decay", () -> new RMSprop(0.01).weightDecay(0.05),
                        new Spec("rmsprop", 0.01).with(s -> s.weightDecay = 0.05)),
                // FLOAT parameters (state in FLOAT too), against the same double reference
                f("adam tuned", () -> new Adam(0.05).beta1(0.8).beta2(0.95).epsilon(1e-3),
                        new Spec("adam", 0.05).with(s -> { s.beta1 = 0.8; s.beta2 = 0.95; s.epsilon = 1e-3; })),
                f("sgd nesterov", () -> new SGD(0.05).momentum(0.9).nesterov(true),
                        new Spec("sgd", 0.05).with(s -> { s.momentum = 0.9; s.nesterov = true; })),
                f("rmsprop momentum", () -> new RMSprop(0.01).rho(0.8).momentum(0.5).epsilon(1e-2),
                        new Spec("rmsprop", 0.01).with(s -> { s.rho = 0.8; s.momentum = 0.5; s.epsilon = 1e-2; })),
                f("adagrad tuned", () -> new Adagrad(0.1).initialAccumulatorValue(0.5).epsilon(0.01),
                        new Spec("adagrad", 0.1).with(s -> { s.initialAccumulator = 0.5; s.epsilon = 0.01; })),
                f("adamw clipnorm", () -> new AdamW(0.05).weightDecay(0.1).clipNorm(1.0),
                        new Spec("adam", 0.05).with(s -> { s.weightDecay = 0.1; s.clipnorm = 1.0; })));
    }

    private static Arguments c(String label, Supplier<Optimizer> make, Spec spec) {
        return Arguments.of(label + " (DOUBLE)", make, spec, DataType.DOUBLE);
    }

    private static Arguments f(String label, Supplier<Optimizer> make, Spec spec) {
        return Arguments.of(label + " (FLOAT)", make, spec, DataType.FLOAT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKerasAfterStepOneAndStepTen(String label, Supplier<Optimizer> make, Spec spec, DataType type) {
        runAgainstKeras(label, make, spec, type);
    }

    /** The same golden values from the rules written in Java ({@code Neurite.fastPaths(false)}). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaRulesMatchKeras(String label, Supplier<Optimizer> make, Spec spec, DataType type) {
        Neurite.fastPaths(false);
        try {
            runAgainstKeras(label + ", Java rule", make, spec, type);
        } finally {
            Neurite.fastPaths(true);
        }
    }

    private static void runAgainstKeras(String label, Supplier<Optimizer> make, Spec spec, DataType type) {
        Optimizer optimizer = make.get();
        List<Tensor> params = Fixtures.parameters(type);
        double[][][] grads = Fixtures.gradients();
        for (int t = 0; t < STEPS; t++) {
            Fixtures.setGradients(params, t);
            optimizer.step(params);
            if (t == 0 || t == STEPS - 1) {
                assertClose(KerasReference.run(spec, Fixtures.INITIAL, grads, t + 1), Fixtures.values(params),
                        label + ", after step " + (t + 1));
            }
        }
        assertEquals(STEPS, optimizer.iterations());
        for (Tensor p : params) {
            assertEquals(type, p.dataType(), label);
        }
    }

    static void assertClose(double[][] expected, double[][] actual, String what) {
        for (int v = 0; v < expected.length; v++) {
            for (int k = 0; k < expected[v].length; k++) {
                assertEquals(expected[v][k], actual[v][k], TOLERANCE,
                        what + ": variable " + v + " element " + k);
            }
        }
    }
}
