package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;
import org.opentest4j.AssertionFailedError;

/** The harness must catch a layer whose gradients are wrong, not pass it vacuously. */
class LayerHarnessTest {

    /** Scales its input by a weight but hides the weight from autograd. */
    private static final class DetachedScale extends Layer {
        private Weight factor;

        @Override
        protected long[] onBuild(long[] inputShape) {
            factor = addWeight("factor", new long[]{inputShape[0]}, Initializers.ones(), null);
            return inputShape;
        }

        @Override
        public Tensor forward(Tensor x, boolean training) {
            return x.mul(Tensor.constant(factor.value()));
        }
    }

    @Test
    void gradientCheckPerturbsTheLayersOwnWeights() {
        // the numeric gradient of the weight is non-zero; the analytic one is missing
        assertThrows(AssertionFailedError.class, () -> LayerHarness.of(new DetachedScale(), 3).checkGradients());
    }

    @Test
    void harnessPassesTheSameLayerWhenTheWeightIsTracked() {
        LayerHarness.of(new Dense(1).useBias(false), 3).checkAll(new long[]{1}, 3);
        // the weights the check used are the layer's own: it leaves them unchanged
        Dense dense = new Dense(2);
        LayerHarness h = LayerHarness.of(dense, 2);
        List<INDArray> before = dense.getWeights();
        h.checkGradients();
        assertEquals(before, dense.getWeights());
    }
}
