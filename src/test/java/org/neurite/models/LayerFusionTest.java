package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Activation;
import org.neurite.layers.BatchNormalization;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.layers.MaxPooling2D;
import org.neurite.tensor.Tensor;

class LayerFusionTest {

    @Test
    void anActivationLayerBeforeMaxPoolingIsAppliedAfterItWithTheSameValuesAndGradients() {
        Nd4j.getRandom().setSeed(11);
        Sequential model = new Sequential(new Input(6, 6, 2), new Conv2D(3, 3).useBias(false), new BatchNormalization(),
                new Activation("relu"), new MaxPooling2D(2), new Flatten(), new Dense(2));
        model.compile("sgd", "mse");
        List<Layer> layers = model.layers();
        int relu = 0;
        while (!(layers.get(relu) instanceof Activation)) {
            relu++;
        }
        assertTrue(LayerFusion.poolsAfterActivation(layers.get(relu), layers.get(relu + 1)));
        assertFalse(LayerFusion.poolsAfterActivation(new Activation("gelu"), layers.get(relu + 1)), "gelu is not monotonic");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6, 6, 2).subi(0.5);

        List<INDArray> fused = gradients(model, x, true);
        List<INDArray> plain = gradients(model, x, false);
        for (int i = 0; i < fused.size(); i++) {
            assertTrue(plain.get(i).equalsWithEps(fused.get(i), 1e-12), "array " + i + ": " + plain.get(i) + " vs " + fused.get(i));
        }
        assertEquals(plain.size(), fused.size());
    }

    /** The output, then each weight's gradient of sum(output^2), the layers fused or one by one. */
    private static List<INDArray> gradients(Sequential model, INDArray x, boolean fused) {
        List<Layer> layers = model.layers();
        model.store().zeroGrad();
        Tensor h = Tensor.constant(x.castTo(model.dataType()));
        if (fused) {
            h = model.graph().forward(List.of(h), true, null).get(0);   // the graph plans the fusion
        } else {
            for (Layer layer : layers) {
                h = layer.forward(h, true);
            }
        }
        h.mul(h).sum().backward();
        List<INDArray> out = new ArrayList<>(List.of(h.value().dup()));
        for (Layer layer : layers) {
            layer.weights().forEach(w -> out.add(w.parameter().grad() == null ? Nd4j.empty() : w.parameter().grad().dup()));
        }
        return out;
    }
}
