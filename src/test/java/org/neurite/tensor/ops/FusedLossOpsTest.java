package org.neurite.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.neurite.tensor.Gradients.assertGradients;
import static org.neurite.tensor.Gradients.paramIn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Gradients;
import org.neurite.tensor.Tensor;

/** GradientCheck of the fused ops on their own, for both inputs, with arbitrary (unnormalised) targets. */
class FusedLossOpsTest {
    private static final INDArray W = Nd4j.createFromArray(0.5, 2.0, 1.5);

    @Test
    void softmaxCrossEntropyGradientsForLogitsAndTargets() {
        // targets in [0, 1) that do not sum to 1 per row exercise the softmax * sum(y) term
        assertGradients(in -> Tensor.apply(new SoftmaxCrossEntropy(null), in.get(0), in.get(1)),
                paramIn(-3, 3, 3, 4), paramIn(0, 1, 3, 4));
        assertGradients(in -> Tensor.apply(new SoftmaxCrossEntropy(W), in.get(0), in.get(1)),
                paramIn(-3, 3, 3, 4), paramIn(0, 1, 3, 4));
        assertGradients(in -> Tensor.apply(new SoftmaxCrossEntropy(W), in.get(0), in.get(1)),
                paramIn(-3, 3, 3, 2, 5), paramIn(0, 1, 3, 2, 5));
    }

    @Test
    void sigmoidCrossEntropyGradientsForLogitsAndTargets() {
        assertGradients(in -> Tensor.apply(new SigmoidCrossEntropy(null), in.get(0), in.get(1)),
                paramIn(-4, 4, 3, 2), paramIn(0, 1, 3, 2));
        assertGradients(in -> Tensor.apply(new SigmoidCrossEntropy(W), in.get(0), in.get(1)),
                paramIn(-4, 4, 3, 2, 2), paramIn(0, 1, 3, 2, 2));
        assertGradients(in -> Tensor.apply(new SigmoidCrossEntropy(W), in.get(0), in.get(1)),
                paramIn(-4, 4, 3), paramIn(0, 1, 3));
    }

    @Test
    void fusedOpsMatchTheirTensorCompositionOnSoftTargets() {
        INDArray z = Gradients.uniform(-3, 3, 3, 4);
        INDArray y = Gradients.uniform(0, 1, 3, 4);
        Tensor fused = Tensor.apply(new SoftmaxCrossEntropy(W), Tensor.constant(z), Tensor.constant(y));
        Tensor composed = Tensor.constant(y).mul(Tensor.constant(z).logSoftmax()).sum(1).neg()
                .mul(Tensor.constant(W)).mean();
        assertArrayEquals(new long[0], fused.shape());
        assertEquals(composed.item(), fused.item(), 1e-12);
        Tensor sigmoid = Tensor.apply(new SigmoidCrossEntropy(W), Tensor.constant(z), Tensor.constant(y));
        INDArray p = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(z, true);
        INDArray elementwise = y.mul(org.nd4j.linalg.ops.transforms.Transforms.log(p, true))
                .add(y.rsub(1).mul(org.nd4j.linalg.ops.transforms.Transforms.log(p.rsub(1), true))).negi();
        double expected = elementwise.mean(1).mul(W).meanNumber().doubleValue();
        assertEquals(expected, sigmoid.item(), 1e-12);
    }
}
