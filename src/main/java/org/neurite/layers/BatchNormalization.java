package org.neurite.layers;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * Batch normalization over the last (channel) axis, as Keras {@code BatchNormalization}.
 *
 * <p>Training (and the layer trainable): each channel is normalised with the batch's mean and
 * biased variance over all other axes, {@code gamma * (x - mean) / sqrt(var + epsilon) + beta},
 * and the moving statistics are updated in place as
 * {@code moving = moving * momentum + batch * (1 - momentum)}. Gradients flow through the batch
 * statistics. Inference, or a frozen layer: the moving statistics are used instead.
 *
 * <p>Input {@code [N, ..., channels]}, output the same shape. Weights, in Keras's order:
 * {@code gamma} (ones), {@code beta} (zeros), then the non-trainable {@code moving_mean} (zeros)
 * and {@code moving_variance} (ones), each {@code [channels]}. Defaults: axis -1, momentum 0.99,
 * epsilon 1e-3, center and scale on.
 *
 * <pre>{@code new BatchNormalization().momentum(0.9)}</pre>
 */
public final class BatchNormalization extends Layer {
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Weight gamma;
    private Weight beta;
    private Weight movingMean;
    private Weight movingVariance;

    /** Normalises the last axis with Keras's defaults. */
    public BatchNormalization() {
    }

    /** Weight of the old value in the moving statistics' update (default 0.99). */
    public BatchNormalization momentum(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + value);
        }
        this.momentum = value;
        return this;
    }

    /** Added to the variance before the square root (default 1e-3). */
    public BatchNormalization epsilon(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name() + ": epsilon must be positive, got " + value);
        }
        this.epsilon = value;
        return this;
    }

    /** Whether to add the learnt offset {@code beta} (default true). */
    public BatchNormalization center(boolean value) {
        this.center = value;
        return this;
    }

    /** Whether to multiply by the learnt scale {@code gamma} (default true). */
    public BatchNormalization scale(boolean value) {
        this.scale = value;
        return this;
    }

    public BatchNormalization betaInitializer(Initializer value) {
        this.betaInitializer = value;
        return this;
    }

    public BatchNormalization gammaInitializer(Initializer value) {
        this.gammaInitializer = value;
        return this;
    }

    public BatchNormalization movingMeanInitializer(Initializer value) {
        this.movingMeanInitializer = value;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(Initializer value) {
        this.movingVarianceInitializer = value;
        return this;
    }

    public BatchNormalization betaRegularizer(Regularizer value) {
        this.betaRegularizer = value;
        return this;
    }

    public BatchNormalization gammaRegularizer(Regularizer value) {
        this.gammaRegularizer = value;
        return this;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        if (inputShape.length == 0) {
            throw shapeError("[..., channels]", inputShape);
        }
        long[] channels = {inputShape[inputShape.length - 1]};
        if (scale) {
            gamma = addWeight("gamma", channels, gammaInitializer, gammaRegularizer);
        }
        if (center) {
            beta = addWeight("beta", channels, betaInitializer, betaRegularizer);
        }
        movingMean = addWeight("moving_mean", movingMeanInitializer.create(dataType(), channels), false, null);
        movingVariance = addWeight("moving_variance", movingVarianceInitializer.create(dataType(), channels),
                false, null);
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        long[] built = inputShape();
        long[] example = requireBatchRank(x, built.length, "[..., channels] of rank " + built.length);
        long channels = movingMean.shape()[0];
        if (example[example.length - 1] != channels) {
            throw shapeError("[..., " + channels + "]", example);
        }
        return training && isTrainable() ? normaliseWithBatch(x) : normaliseWithMoving(x);
    }

    private Tensor normaliseWithBatch(Tensor x) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        Tensor mean = x.mean(axes);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.mul(centered).mean(axes);
        Tensor factor = variance.add(epsilon).pow(-0.5);
        if (gamma != null) {
            factor = factor.mul(tensor(gamma));
        }
        Tensor y = centered.mul(factor);
        if (beta != null) {
            y = y.add(tensor(beta));
        }
        updateMoving(movingMean.value(), mean.value());
        updateMoving(movingVariance.value(), variance.value());
        return y;
    }

    /** {@code moving = moving * momentum + batch * (1 - momentum)}, written into the weight's own array. */
    private void updateMoving(INDArray moving, INDArray batch) {
        moving.muli(momentum).addi(batch.castTo(moving.dataType()).mul(1 - momentum));
    }

    private Tensor normaliseWithMoving(Tensor x) {
        Tensor factor = tensor(movingVariance).add(epsilon).pow(-0.5);
        if (gamma != null) {
            factor = factor.mul(tensor(gamma));
        }
        Tensor shift = tensor(movingMean).mul(factor).neg();
        if (beta != null) {
            shift = shift.add(tensor(beta));
        }
        return x.mul(factor).add(shift);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", -1);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("beta_initializer", betaInitializer.name());
        config.put("gamma_initializer", gammaInitializer.name());
        config.put("moving_mean_initializer", movingMeanInitializer.name());
        config.put("moving_variance_initializer", movingVarianceInitializer.name());
        config.put("beta_regularizer", betaRegularizer == null ? null : betaRegularizer.config());
        config.put("gamma_regularizer", gammaRegularizer == null ? null : gammaRegularizer.config());
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // steps are computed independently, so the input's step mask still applies
    }
}
