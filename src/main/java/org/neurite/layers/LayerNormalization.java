package org.neurite.layers;

import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * Layer normalization over the last axis, as Keras {@code LayerNormalization}: each example (each
 * position, for sequences) is normalised with its own mean and biased variance over the last
 * axis, {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}, the same in training and inference.
 *
 * <p>Input {@code [N, ..., features]}, output the same shape. Weights {@code gamma} (ones) and
 * {@code beta} (zeros), each {@code [features]}. Defaults: axis -1, epsilon 1e-3, center and scale on.
 *
 * <pre>{@code new LayerNormalization()}</pre>
 */
public final class LayerNormalization extends Layer {
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Weight gamma;
    private Weight beta;

    /** Normalises the last axis with Keras's defaults. */
    public LayerNormalization() {
    }

    /** Added to the variance before the square root (default 1e-3). */
    public LayerNormalization epsilon(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name() + ": epsilon must be positive, got " + value);
        }
        this.epsilon = value;
        return this;
    }

    /** Whether to add the learnt offset {@code beta} (default true). */
    public LayerNormalization center(boolean value) {
        this.center = value;
        return this;
    }

    /** Whether to multiply by the learnt scale {@code gamma} (default true). */
    public LayerNormalization scale(boolean value) {
        this.scale = value;
        return this;
    }

    public LayerNormalization betaInitializer(Initializer value) {
        this.betaInitializer = value;
        return this;
    }

    public LayerNormalization gammaInitializer(Initializer value) {
        this.gammaInitializer = value;
        return this;
    }

    public LayerNormalization betaRegularizer(Regularizer value) {
        this.betaRegularizer = value;
        return this;
    }

    public LayerNormalization gammaRegularizer(Regularizer value) {
        this.gammaRegularizer = value;
        return this;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        if (inputShape.length == 0) {
            throw shapeError("[..., features]", inputShape);
        }
        long[] features = {inputShape[inputShape.length - 1]};
        if (scale) {
            gamma = addWeight("gamma", features, gammaInitializer, gammaRegularizer);
        }
        if (center) {
            beta = addWeight("beta", features, betaInitializer, betaRegularizer);
        }
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        long[] built = inputShape();
        long[] example = requireBatchRank(x, built.length, "[..., features] of rank " + built.length);
        long features = built[built.length - 1];
        if (example[example.length - 1] != features) {
            throw shapeError("[..., " + features + "]", example);
        }
        Tensor centered = x.sub(x.mean(true, -1));
        Tensor variance = centered.mul(centered).mean(true, -1);
        Tensor y = centered.mul(variance.add(epsilon).pow(-0.5));
        if (gamma != null) {
            y = y.mul(tensor(gamma));
        }
        if (beta != null) {
            y = y.add(tensor(beta));
        }
        return y;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", -1);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("rms_scaling", false);
        config.put("beta_initializer", betaInitializer.name());
        config.put("gamma_initializer", gammaInitializer.name());
        config.put("beta_regularizer", betaRegularizer == null ? null : betaRegularizer.config());
        config.put("gamma_regularizer", gammaRegularizer == null ? null : gammaRegularizer.config());
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // steps are computed independently, so the input's step mask still applies
    }
}
