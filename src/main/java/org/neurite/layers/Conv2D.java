package org.neurite.layers;

import org.neurite.tensor.DataFormat;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * A 2-D convolution layer, as Keras {@code Conv2D}: {@code activation(conv2d(x, kernel) + bias)}.
 *
 * <p>Input {@code [N, height, width, channels]} (channels last); output
 * {@code [N, height', width', filters]} with, per spatial axis, {@code ceil(in / stride)} for
 * "same" padding and {@code floor((in - (k - 1) * dilation - 1) / stride) + 1} for "valid". The
 * kernel is {@code [kH, kW, channels, filters]} (Glorot uniform), the bias {@code [filters]}
 * (zeros). Defaults: strides 1, padding "valid", dilation 1, no activation, bias on.
 *
 * <pre>{@code new Conv2D(32, 3, "relu").padding("same").strides(2)}</pre>
 */
public final class Conv2D extends BaseConv<Conv2D> {

    /** A linear convolution with a square {@code kernelSize x kernelSize} kernel. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, new int[]{kernelSize}, Activations.linear());
    }

    /** A square kernel followed by the named activation ("relu", ...; null for none). */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, new int[]{kernelSize}, Activations.get(activation));
    }

    /** A linear convolution with a {@code {kH, kW}} kernel. */
    public Conv2D(int filters, int[] kernelSize) {
        this(filters, kernelSize, Activations.linear());
    }

    public Conv2D(int filters, int[] kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    /** {@code kernelSize}: one value for a square kernel, or {@code {kH, kW}}. */
    public Conv2D(int filters, int[] kernelSize, ActivationFunction activation) {
        super(2, filters, kernelSize, activation);
    }

    @Override
    String layout() {
        return "[height, width, channels]";
    }

    @Override
    Tensor convolve(Tensor x, Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation) {
        return Functional.conv2d(x, kernel, bias, strides, padding, dilation, DataFormat.CHANNELS_LAST);
    }
}
