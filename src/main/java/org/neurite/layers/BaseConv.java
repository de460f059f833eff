package org.neurite.layers;

import java.util.Arrays;
import java.util.Map;

import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * What {@link Conv1D} and {@link Conv2D} share: {@code activation(conv(x, kernel) + bias)} on
 * channels-last input, with a kernel {@code [k..., channels, filters]} (Glorot uniform) and a bias
 * {@code [filters]} (zeros), as Keras's {@code BaseConv}. Defaults: strides 1, padding "valid",
 * dilation 1, bias on.
 *
 * @param <T> the concrete layer, so that the fluent setters keep its type
 */
abstract class BaseConv<T extends BaseConv<T>> extends Layer implements ActivatedLayer {
    private final int spatialRank;
    private final int filters;
    private final int[] kernelSize;
    private final ActivationFunction activation;
    private int[] strides;
    private int[] dilation;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Weight kernel;
    private Weight bias;

    BaseConv(int spatialRank, int filters, int[] kernelSize, ActivationFunction activation) {
        if (filters <= 0) {
            throw new IllegalArgumentException(className() + ": filters must be positive, got " + filters);
        }
        this.spatialRank = spatialRank;
        this.filters = filters;
        this.kernelSize = Windows.tuple(className(), "kernel size", kernelSize, spatialRank);
        this.activation = activation;
        this.strides = Windows.tuple(className(), "strides", new int[]{1}, spatialRank);
        this.dilation = strides.clone();
    }

    /** The input layout for messages, e.g. "[height, width, channels]". */
    abstract String layout();

    /** The convolution itself (with the bias fused when there is one); the only call into the op. */
    abstract Tensor convolve(Tensor x, Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation);

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Step of the window along each spatial axis: one value for all, or one per axis (default 1). */
    public T strides(int... values) {
        this.strides = Windows.tuple(className(), "strides", values, spatialRank);
        return self();
    }

    /** "valid" (no padding, the default) or "same" (zero padding, output size ceil(in / stride)). */
    public T padding(String value) {
        this.padding = Windows.padding(className(), value);
        return self();
    }

    /** Spacing of the kernel taps: one value for all axes or one per axis (default 1). */
    public T dilationRate(int... values) {
        this.dilation = Windows.tuple(className(), "dilation rate", values, spatialRank);
        return self();
    }

    public T useBias(boolean value) {
        this.useBias = value;
        return self();
    }

    public T kernelInitializer(Initializer value) {
        this.kernelInitializer = value;
        return self();
    }

    public T biasInitializer(Initializer value) {
        this.biasInitializer = value;
        return self();
    }

    public T kernelRegularizer(Regularizer value) {
        this.kernelRegularizer = value;
        return self();
    }

    public T biasRegularizer(Regularizer value) {
        this.biasRegularizer = value;
        return self();
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, spatialRank + 1, layout());
        if (Arrays.stream(strides).anyMatch(s -> s > 1) && Arrays.stream(dilation).anyMatch(d -> d > 1)) {
            throw new IllegalArgumentException(name() + " (" + className() + "): strides > 1 cannot be combined "
                    + "with a dilation rate > 1, got strides " + Arrays.toString(strides) + " and dilation rate "
                    + Arrays.toString(dilation));
        }
        long channels = inputShape[spatialRank];
        long[] out = new long[spatialRank + 1];
        for (int i = 0; i < spatialRank; i++) {
            out[i] = Windows.outputLength(inputShape[i], kernelSize[i], strides[i], dilation[i], padding);
            if (out[i] <= 0) {
                throw shapeError(layout() + " with spatial sizes at least " + Arrays.toString(extents())
                        + " for kernel " + Arrays.toString(kernelSize) + " and padding \"valid\"", inputShape);
            }
        }
        out[spatialRank] = filters;
        long[] kernelShape = new long[spatialRank + 2];
        for (int i = 0; i < spatialRank; i++) {
            kernelShape[i] = kernelSize[i];
        }
        kernelShape[spatialRank] = channels;
        kernelShape[spatialRank + 1] = filters;
        kernel = addWeight("kernel", kernelShape, kernelInitializer, kernelRegularizer);
        if (useBias) {
            bias = addWeight("bias", new long[]{filters}, biasInitializer, biasRegularizer);
        }
        return out;
    }

    private long[] extents() {
        long[] e = new long[spatialRank];
        for (int i = 0; i < spatialRank; i++) {
            e[i] = (long) (kernelSize[i] - 1) * dilation[i] + 1;
        }
        return e;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return activation.apply(forwardLinear(x, training));
    }

    @Override
    public Tensor forwardLinear(Tensor x, boolean training) {
        long[] example = requireBatchRank(x, spatialRank + 1, layout());
        long channels = kernel.shape()[spatialRank];
        if (example[spatialRank] != channels) {
            throw shapeError(layout() + " with " + channels + " channels", example);
        }
        requireDataType(x, kernel);
        return convolve(x, tensor(kernel), bias == null ? null : tensor(bias), strides, padding, dilation);
    }

    @Override
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("filters", filters);
        config.put("kernel_size", Windows.list(kernelSize));
        config.put("strides", Windows.list(strides));
        config.put("padding", Windows.name(padding));
        config.put("data_format", "channels_last");
        config.put("dilation_rate", Windows.list(dilation));
        config.put("groups", 1);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("kernel_regularizer", kernelRegularizer == null ? null : kernelRegularizer.config());
        config.put("bias_regularizer", biasRegularizer == null ? null : biasRegularizer.config());
    }
}
