package org.neurite.layers;

import org.neurite.tensor.Functional;
import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * A 1-D (temporal) convolution layer, as Keras {@code Conv1D}: {@code activation(conv1d(x, kernel) + bias)}.
 *
 * <p>Input {@code [N, steps, channels]}; output {@code [N, steps', filters]} with
 * {@code ceil(steps / stride)} for "same" padding and
 * {@code floor((steps - (k - 1) * dilation - 1) / stride) + 1} for "valid". The kernel is
 * {@code [k, channels, filters]} (Glorot uniform), the bias {@code [filters]} (zeros). Defaults:
 * stride 1, padding "valid", dilation 1, no activation, bias on. ("causal" padding is not supported.)
 *
 * <pre>{@code new Conv1D(128, 5, "relu")}</pre>
 */
public final class Conv1D extends BaseConv<Conv1D> {

    /** A linear convolution with a window of {@code kernelSize} steps. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, Activations.linear());
    }

    /** A window of {@code kernelSize} steps followed by the named activation (null for none). */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize, Activations.get(activation));
    }

    public Conv1D(int filters, int kernelSize, ActivationFunction activation) {
        super(1, filters, new int[]{kernelSize}, activation);
    }

    @Override
    String layout() {
        return "[steps, channels]";
    }

    @Override
    Tensor convolve(Tensor x, Tensor kernel, Tensor bias, int[] strides, Padding padding, int[] dilation) {
        return Functional.conv1d(x, kernel, bias, strides[0], padding, dilation[0]);
    }
}
