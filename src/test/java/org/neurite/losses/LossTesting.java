package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/** Helpers for the loss tests: evaluate a loss, its gradient, and check both paths. */
final class LossTesting {
    private LossTesting() {
    }

    static INDArray rows(double[][] values) {
        return Nd4j.createFromArray(values);
    }

    static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    /** The loss value; asserts it is a scalar. */
    static double value(Loss loss, INDArray yTrue, INDArray yPred, INDArray weights) {
        Tensor out = loss.compute(Tensor.constant(yTrue), Tensor.parameter(yPred.dup()), weights);
        assertEquals(0, out.rank(), "a loss is a rank-0 scalar");
        return out.item();
    }

    static double value(Loss loss, INDArray yTrue, INDArray yPred) {
        return value(loss, yTrue, yPred, null);
    }

    /** dLoss/dyPred through {@link Loss#compute} (the fused op where there is one). */
    static INDArray gradient(Loss loss, INDArray yTrue, INDArray yPred, INDArray weights) {
        Tensor p = Tensor.parameter(yPred.dup());
        loss.compute(Tensor.constant(yTrue), p, weights).backward();
        return p.grad();
    }

    /** dLoss/dyPred through the Tensor-op composition, bypassing any fused op. */
    static INDArray composedGradient(Loss loss, INDArray yTrue, INDArray yPred, INDArray weights) {
        Tensor p = Tensor.parameter(yPred.dup());
        ((BaseLoss) loss).composed(Tensor.constant(yTrue), p, weights).backward();
        return p.grad();
    }

    static double composedValue(Loss loss, INDArray yTrue, INDArray yPred, INDArray weights) {
        return ((BaseLoss) loss).composed(Tensor.constant(yTrue), Tensor.constant(yPred), weights).item();
    }

    /** Finite differences agree with autograd on both the fused and the composed path. */
    static void assertGradientsCheck(Loss loss, INDArray yTrue, INDArray yPred, INDArray weights) {
        GradientCheck.Result fused = GradientCheck.check(
                in -> loss.compute(Tensor.constant(yTrue), in.get(0), weights), List.of(Tensor.parameter(yPred)));
        assertTrue(fused.passed(), "fused: " + fused);
        GradientCheck.Result composed = GradientCheck.check(
                in -> ((BaseLoss) loss).composed(Tensor.constant(yTrue), in.get(0), weights),
                List.of(Tensor.parameter(yPred)));
        assertTrue(composed.passed(), "composed: " + composed);
    }

    static void assertClose(INDArray expected, INDArray actual, double eps) {
        assertTrue(expected.castTo(actual.dataType()).equalsWithEps(actual, eps),
                "expected\n" + expected + "\nbut got\n" + actual);
    }

    static void assertFinite(INDArray a) {
        assertTrue(a.isInfinite().castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue() == 0
                && a.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue() == 0,
                "not finite: " + a);
    }
}
