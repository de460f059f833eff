package org.neurite.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.neurite.tensor.Tensor;

/** Schedule values at chosen steps, computed by hand from the Keras formulas. */
class LearningRateScheduleTest {
    private static final double EPS = 1e-15;

    @Test
    void exponentialDecayIsSmoothOrStaircase() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 10, 0.5);
        assertEquals(0.1, smooth.rate(0), EPS);
        assertEquals(0.1 * Math.sqrt(0.5), smooth.rate(5), EPS);    // 0.0707106781...
        assertEquals(0.05, smooth.rate(10), EPS);
        assertEquals(0.025, smooth.rate(20), EPS);

        ExponentialDecay stairs = new ExponentialDecay(0.1, 10, 0.5, true);
        assertEquals(0.1, stairs.rate(9), EPS);
        assertEquals(0.05, stairs.rate(10), EPS);
        assertEquals(0.05, stairs.rate(19), EPS);
        assertEquals(0.025, stairs.rate(25), EPS);
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
    }

    @Test
    void piecewiseConstantIncludesEachBoundaryInTheInterval() {
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new long[]{10, 20}, new double[]{1.0, 0.5, 0.1});
        assertEquals(1.0, s.rate(0));
        assertEquals(1.0, s.rate(10));
        assertEquals(0.5, s.rate(11));
        assertEquals(0.5, s.rate(20));
        assertEquals(0.1, s.rate(21));
        assertEquals(0.1, s.rate(1_000_000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[]{10, 20}, new double[]{1.0, 0.5}));
        assertTrue(e.getMessage().contains("one more value than boundaries"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PiecewiseConstantDecay(new long[]{20, 10}, new double[]{1.0, 0.5, 0.1}));
    }

    @Test
    void cosineDecayFollowsHalfACosineThenStays() {
        CosineDecay toZero = new CosineDecay(0.1, 100);
        assertEquals(0.1, toZero.rate(0), EPS);
        assertEquals(0.05 * (1 + Math.sqrt(0.5)), toZero.rate(25), EPS);   // 0.0853553390...
        assertEquals(0.05, toZero.rate(50), EPS);
        assertEquals(0.0, toZero.rate(100), EPS);
        assertEquals(0.0, toZero.rate(200), EPS);

        CosineDecay withFloor = new CosineDecay(0.1, 100, 0.1);
        assertEquals(0.1 * (0.9 * 0.5 + 0.1), withFloor.rate(50), EPS);   // 0.055
        assertEquals(0.01, withFloor.rate(100), EPS);
        assertEquals(0.01, withFloor.rate(150), EPS);
    }

    @Test
    void cosineWarmupRisesLinearlyThenDecaysFromTheTarget() {
        CosineDecay s = new CosineDecay(0.0, 100).withWarmup(0.1, 10);
        assertEquals(0.0, s.rate(0), EPS);
        assertEquals(0.05, s.rate(5), EPS);
        assertEquals(0.1, s.rate(10), EPS);
        assertEquals(0.05, s.rate(60), EPS);
        assertEquals(0.0, s.rate(110), EPS);
        assertEquals(0.0, s.rate(500), EPS);
    }

    @Test
    void builtInSchedulesSurviveSerialization() {
        List<LearningRateSchedule> schedules = List.of(new ExponentialDecay(0.1, 7, 0.9, true),
                new PiecewiseConstantDecay(new long[]{3, 8}, new double[]{0.3, 0.2, 0.1}),
                new CosineDecay(0.01, 50, 0.05).withWarmup(0.2, 5));
        for (LearningRateSchedule s : schedules) {
            Object serialized = LearningRateSchedule.serialize(s);
            LearningRateSchedule back = LearningRateSchedule.deserialize(serialized);
            assertEquals(s.config(), back.config(), s.className());
            for (long step : new long[]{0, 3, 4, 7, 9, 30, 60}) {
                assertEquals(s.rate(step), back.rate(step), 0.0, s.className() + " at " + step);
            }
        }
        LearningRateSchedule lambda = step -> 1.0 / (1 + step);
        assertSame(lambda, LearningRateSchedule.deserialize(LearningRateSchedule.serialize(lambda)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.deserialize(Map.of("class_name", "Nope", "config", Map.of())));
        assertTrue(e.getMessage().contains("unknown learning-rate schedule 'Nope'")
                && e.getMessage().contains("CosineDecay") && e.getMessage().contains("ExponentialDecay")
                && e.getMessage().contains("PiecewiseConstantDecay")
                && e.getMessage().contains("Schedules.register(\"Nope\""), e.getMessage());
    }

    @Test
    void optimizerEvaluatesTheScheduleAtItsStepCount() {
        ExponentialDecay schedule = new ExponentialDecay(0.1, 2, 0.5);
        SGD sgd = new SGD(schedule);
        List<Tensor> params = Fixtures.parameters(DataType.DOUBLE);
        assertEquals(0.1, sgd.learningRate(), EPS);
        for (int t = 0; t < 4; t++) {
            assertEquals(schedule.rate(t), sgd.currentLearningRate(), EPS, "before step " + t);
            Fixtures.setGradients(params, t);
            sgd.step(params);
        }
        assertEquals(0.025, sgd.currentLearningRate(), EPS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.5));
        assertTrue(e.getMessage().contains("ExponentialDecay"), e.getMessage());
    }
}
