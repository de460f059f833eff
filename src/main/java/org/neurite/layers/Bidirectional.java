package org.neurite.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;

/**
 * Runs a recurrent layer over the sequence in both directions and concatenates the two outputs
 * on the last axis, as Keras {@code Bidirectional} with {@code merge_mode="concat"}. The backward
 * half is a copy of the wrapped layer with {@code goBackwards} flipped and its own weights; with
 * {@code returnSequences} its outputs are put back in time order, so step {@code t} of the result
 * is {@code [forward h_t, backward h_t]}. Weights: the forward layer's, then the backward layer's,
 * named {@code forward_kernel}, ..., {@code backward_bias}.
 *
 * <pre>{@code new Bidirectional(new LSTM(32).returnSequences(true))}</pre>
 */
public final class Bidirectional extends Layer {
    private final Recurrent<?> forwardLayer;
    private final Recurrent<?> backwardLayer;
    private Weight[] forwardWeights;
    private Weight[] backwardWeights;

    /** Wraps a {@link SimpleRNN}, {@link LSTM} or {@link GRU} (which should not be used on its own). */
    public Bidirectional(Layer layer) {
        if (!(layer instanceof Recurrent<?> r)) {
            throw new IllegalArgumentException("Bidirectional: wraps a SimpleRNN, LSTM or GRU, got " + layer);
        }
        if (r.isBuilt()) {
            throw new IllegalArgumentException("Bidirectional: the wrapped layer " + r + " is already built");
        }
        forwardLayer = r;
        backwardLayer = (Recurrent<?>) LayerRegistry.fromConfig(r.className(), r.config());
        backwardLayer.goBackwards(!r.isGoBackwards());
        backwardLayer.name("backward_" + r.name());
    }

    /** The wrapped (forward) layer. */
    public Layer layer() {
        return forwardLayer;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, 2, "[timesteps, features]");
        forwardWeights = forwardLayer.declareWeights(this, "forward_", inputShape[1]);
        backwardWeights = backwardLayer.declareWeights(this, "backward_", inputShape[1]);
        return forwardLayer.outputShape(inputShape, 2L * forwardLayer.units());
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor f = forwardLayer.run(this, x, training, tensors(forwardWeights), false);
        Tensor b = backwardLayer.run(this, x, training, tensors(backwardWeights), true);
        return Functional.concat(-1, f, b);
    }

    private Tensor[] tensors(Weight[] ws) {
        Tensor[] out = new Tensor[ws.length];
        for (int i = 0; i < ws.length; i++) {
            out[i] = tensor(ws[i]);
        }
        return out;
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return forwardLayer.isReturnSequences() ? inputs.get(0).mask() : null;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("class_name", forwardLayer.className());
        inner.put("config", forwardLayer.config());
        config.put("layer", inner);
        config.put("merge_mode", "concat");
    }
}
