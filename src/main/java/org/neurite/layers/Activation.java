package org.neurite.layers;

import java.util.Map;

import org.neurite.tensor.Tensor;

/** Applies an activation on its own: {@code new Activation("softmax")}. */
public final class Activation extends Layer implements ActivatedLayer {
    private final ActivationFunction activation;

    public Activation(String activation) {
        this(Activations.get(activation));
    }

    public Activation(ActivationFunction activation) {
        this.activation = activation;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return activation.apply(x);
    }

    @Override
    public Tensor forwardLinear(Tensor x, boolean training) {
        return x;
    }

    @Override
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("activation", activation.name());
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // steps are computed independently, so the input's step mask still applies
    }
}
