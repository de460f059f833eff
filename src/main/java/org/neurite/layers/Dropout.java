package org.neurite.layers;

import java.util.Map;

import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;

/**
 * Inverted dropout, as Keras {@code Dropout}: while training, each element is zeroed with
 * probability {@code rate} and the others are scaled by {@code 1 / (1 - rate)}; at inference the
 * input passes through unchanged. Any input shape; no weights. The mask comes from ND4J's global
 * generator, so {@code Nd4j.getRandom().setSeed(s)} makes it reproducible.
 *
 * <pre>{@code new Dropout(0.5)}</pre>
 */
public final class Dropout extends Layer {
    private final double rate;

    /** {@code rate}: the fraction of inputs dropped while training, in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    public double rate() {
        return rate;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return Functional.dropout(x, rate, training);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rate", rate);
        config.put("noise_shape", null);
        config.put("seed", null);
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // steps are computed independently, so the input's step mask still applies
    }
}
