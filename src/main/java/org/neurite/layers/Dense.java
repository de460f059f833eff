package org.neurite.layers;

import java.util.Arrays;
import java.util.Map;

import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;

/**
 * A fully connected layer: {@code activation(x W + b)} on the last axis. The kernel is
 * {@code [in, units]} (Glorot uniform), the bias {@code [units]} (zeros), as Keras.
 *
 * <pre>{@code new Dense(128, "relu")}</pre>
 */
public final class Dense extends Layer implements ActivatedLayer {
    private final int units;
    private final ActivationFunction activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Weight kernel;
    private Weight bias;

    /** A linear layer (no activation). */
    public Dense(int units) {
        this(units, Activations.linear());
    }

    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    public Dense(int units, ActivationFunction activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
        this.activation = activation;
    }

    public Dense useBias(boolean value) {
        this.useBias = value;
        return this;
    }

    public Dense kernelInitializer(Initializer value) {
        this.kernelInitializer = value;
        return this;
    }

    public Dense biasInitializer(Initializer value) {
        this.biasInitializer = value;
        return this;
    }

    public Dense kernelRegularizer(Regularizer value) {
        this.kernelRegularizer = value;
        return this;
    }

    public Dense biasRegularizer(Regularizer value) {
        this.biasRegularizer = value;
        return this;
    }

    public int units() {
        return units;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        long in = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", new long[]{in, units}, kernelInitializer, kernelRegularizer);
        if (useBias) {
            bias = addWeight("bias", new long[]{units}, biasInitializer, biasRegularizer);
        }
        long[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return activation.apply(forwardLinear(x, training));
    }

    @Override
    public Tensor forwardLinear(Tensor x, boolean training) {
        long in = kernel.shape()[0];
        if (x.size(-1) != in) {
            throw shapeError("[..., " + in + "]", Arrays.copyOfRange(x.shape(), 1, x.rank()));
        }
        requireDataType(x, kernel);
        Tensor flat = x.rank() == 2 ? x : x.reshape(-1, in);
        Tensor y = Functional.linear(flat, tensor(kernel), bias == null ? null : tensor(bias));
        if (x.rank() != 2) {
            long[] shape = x.shape();   // Tensor.shape() is already a copy
            shape[shape.length - 1] = units;
            y = y.reshape(shape);
        }
        return y;
    }

    @Override
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("units", units);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.config());
        config.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.config());
    }

    @Override
    protected boolean supportsMasking() {
        return true;   // steps are computed independently, so the input's step mask still applies
    }
}
