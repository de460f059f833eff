package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared helpers for the op gradient tests: seeded random inputs and the assertion. */
public final class Gradients {
    private static final org.nd4j.linalg.api.rng.Random RNG = Nd4j.getRandomFactory().getNewRandomInstance(7);

    private Gradients() {
    }

    /** A DOUBLE parameter with values uniform in [low, high). */
    public static Tensor paramIn(double low, double high, long... shape) {
        return Tensor.parameter(uniform(low, high, shape));
    }

    /** A DOUBLE parameter with values uniform in [-1, 1). */
    public static Tensor param(long... shape) {
        return paramIn(-1, 1, shape);
    }

    public static INDArray uniform(double low, double high, long... shape) {
        return Nd4j.rand(RNG, shape).castTo(DataType.DOUBLE).muli(high - low).addi(low);
    }

    /** Asserts that autograd matches finite differences for {@code f} at {@code inputs}. */
    public static void assertGradients(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradientCheck.Result r = GradientCheck.check(f, Arrays.asList(inputs));
        assertTrue(r.passed(), r.toString());
    }
}
