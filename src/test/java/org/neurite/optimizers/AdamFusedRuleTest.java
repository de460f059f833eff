package org.neurite.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused Adam kernel against the rule written in Java, on the same parameters, state and
 * gradients for several steps (both are checked against Keras's formula in {@link OptimizerRulesTest}).
 */
class AdamFusedRuleTest {
    @ParameterizedTest(name = "amsgrad {0}")
    @ValueSource(booleans = {false, true})
    void fusedKernelComputesTheJavaRule(boolean amsgrad) {
        Adam adam = new Adam(0.01).beta1(0.8).beta2(0.95).epsilon(1e-4).amsgrad(amsgrad);
        Nd4j.getRandom().setSeed(7);
        INDArray start = Nd4j.randn(DataType.DOUBLE, 3, 5);
        INDArray javaParam = start.dup();
        INDArray fusedParam = start.dup();
        ParameterState javaState = new ParameterState(javaParam);
        ParameterState fusedState = new ParameterState(fusedParam);
        for (int t = 0; t < 12; t++) {
            // a gradient that shrinks after step 6, so AMSGrad's running maximum differs from v
            INDArray grad = Nd4j.randn(DataType.DOUBLE, 3, 5).muli(t < 6 ? 2.0 : 0.1);
            adam.rule(javaParam, grad, javaState, 0.01, t);
            adam.fused(fusedParam, grad, fusedState, 0.01, t);
            double[] expected = javaParam.dup().reshape(-1).toDoubleVector();
            double[] actual = fusedParam.dup().reshape(-1).toDoubleVector();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-12, "step " + (t + 1) + ", element " + k);
            }
        }
    }
}
