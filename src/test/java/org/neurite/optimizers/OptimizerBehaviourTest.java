package org.neurite.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.GradientBuffers;
import org.neurite.tensor.Tensor;

/** What step() promises besides the arithmetic: inputs left alone, skipping, memory, fluent API, errors. */
class OptimizerBehaviourTest {

    @Test
    void stepReadsGradientsWithoutChangingThem() {
        for (Optimizer o : List.of(new Adam(0.1), new RMSprop(0.1).clipValue(0.5), new SGD(0.1).clipNorm(0.5))) {
            List<Tensor> params = Fixtures.parameters(DataType.DOUBLE);
            Fixtures.setGradients(params, 3);
            o.step(params);
            for (int v = 0; v < params.size(); v++) {
                assertArrayEquals(Fixtures.gradient(3, v), params.get(v).grad().dup('c').reshape(-1).toDoubleVector(),
                        o.name());
            }
        }
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor frozen = Tensor.parameter(Nd4j.createFromArray(1.0, 2.0));
        List<Tensor> params = new java.util.ArrayList<>(Fixtures.parameters(DataType.DOUBLE));
        params.add(1, frozen);
        Adam adam = new Adam(0.1);
        Fixtures.setGradients(List.of(params.get(0)), 0);
        params.get(2).grad().assign(Nd4j.createFromArray(Fixtures.gradient(0, 1)));
        adam.step(params);
        assertArrayEquals(new double[]{1.0, 2.0}, frozen.value().toDoubleVector());
        assertTrue(adam.state(params).keySet().stream().noneMatch(k -> k.startsWith("1/")));
        assertEquals(1, adam.iterations());
    }

    @Test
    void noGradientAnywhereIsAnErrorAndAnEmptyListANoOp() {
        SGD sgd = new SGD();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.step(List.of(Tensor.parameter(Nd4j.ones(3)))));
        assertTrue(e.getMessage().startsWith("sgd: none of the 1 parameters has a gradient"), e.getMessage());
        sgd.step(List.of());
        assertEquals(0, sgd.iterations());
    }

    @Test
    void stateMatchesTheParameterTypeAndOutlivesAStepScope() {
        Adam adam = new Adam(0.05).clipNorm(1.0);
        List<Tensor> params = Fixtures.parameters(DataType.FLOAT);
        for (int t = 0; t < 3; t++) {
            try (MemoryScope step = MemoryScope.open("optimizer-test")) {
                Fixtures.setGradients(params, t);
                adam.step(params);
            }
        }
        Map<String, INDArray> state = adam.state(params);
        assertEquals(4, state.size());
        for (INDArray s : state.values()) {
            assertEquals(DataType.FLOAT, s.dataType());
            assertFalse(s.isAttached());
        }
        Fixtures.setGradients(params, 3);
        adam.step(params);                       // would throw on a leaked workspace pointer
        assertEquals(4, adam.iterations());
    }

    @Test
    void slotsAreAllocatedOnceAndUpdatedInPlace() {
        ParameterState state = new ParameterState(Nd4j.zeros(DataType.FLOAT, 2, 3));
        INDArray m = state.slot("m");
        assertSame(m, state.slot("m"));
        assertSame(state.scratch("update"), state.scratch("update"));
        assertEquals(DataType.FLOAT, m.dataType());
        assertArrayEquals(new long[]{2, 3}, m.shape());
        assertEquals(0.1, state.slot("acc", 0.1).getDouble(5), 1e-7);
        assertEquals(List.of("m", "acc"), List.copyOf(state.slots().keySet()));
    }

    @Test
    void setLearningRateAppliesToTheNextStep() {
        SGD sgd = new SGD(0.1);
        List<Tensor> params = Fixtures.parameters(DataType.DOUBLE);
        sgd.setLearningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        assertEquals(0.5, sgd.currentLearningRate());
        Fixtures.setGradients(params, 0);
        sgd.step(params);
        double expected = Fixtures.INITIAL[1][2] - 0.5 * Fixtures.gradient(0, 1)[2];
        assertEquals(expected, params.get(1).value().getDouble(2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-1));
    }

    @Test
    void fluentSettersKeepTheConcreteType() {
        Adam adam = new Adam(1e-3).clipNorm(1.0).beta1(0.8).weightDecay(0.01);
        AdamW adamw = new AdamW().clipValue(0.5).amsgrad(true).beta2(0.99);
        SGD sgd = new SGD().globalClipNorm(5).momentum(0.9).schedule(new CosineDecay(0.1, 10));
        RMSprop rms = new RMSprop().clipNorm(2).centered(true);
        Adagrad adagrad = new Adagrad().weightDecay(0.1).epsilon(1e-6);
        Optimizer asBase = new Adam(1e-3).clipNorm(1.0);
        assertEquals(List.of("adam", "adamw", "sgd", "rmsprop", "adagrad", "adam"),
                List.of(adam.name(), adamw.name(), sgd.name(), rms.name(), adagrad.name(), asBase.name()));
        assertEquals(0.5, adamw.config().get("clipvalue"));
    }

    @Test
    void onlyOneClippingOptionAtATime() {
        Adam adam = new Adam().clipNorm(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.clipValue(0.5));
        assertEquals("adam: only one of clipnorm, global_clipnorm and clipvalue can be set; clipnorm is already 1.0, "
                + "cannot also set clipvalue", e.getMessage());
        adam.clipNorm(0).clipValue(0.5);             // 0 turns an option off
        assertEquals(0.5, adam.config().get("clipvalue"));
    }

    @Test
    void badHyperparametersNameTheOptimizerAndTheKey() {
        assertEquals("adam: beta_1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam().beta1(1.0)).getMessage());
        assertEquals("sgd: momentum must be in [0, 1], got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new SGD().momentum(-0.1)).getMessage());
        assertEquals("rmsprop: epsilon must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new RMSprop().epsilon(Double.NaN)).getMessage());
        assertEquals("adagrad: learning_rate must be a finite number >= 0, got -0.01",
                assertThrows(IllegalArgumentException.class, () -> new Adagrad(-0.01)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdamW().weightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> new SGD((LearningRateSchedule) null));
    }

    @Test
    void globalClipNormOfANonFiniteGradientGivesNaNAsInKeras() {
        SGD sgd = new SGD(0.1).globalClipNorm(1.0);
        Tensor p = GradientBuffers.parameter(Nd4j.createFromArray(1.0, 2.0),
                Nd4j.createFromArray(Double.POSITIVE_INFINITY, 0.0));
        sgd.step(List.of(p));
        assertTrue(Double.isNaN(p.value().getDouble(1)));
    }
}
