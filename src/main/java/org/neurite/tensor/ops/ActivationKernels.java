package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.mul;
import static org.neurite.tensor.ops.SequenceKernels.sub;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.ops.RecurrentSequence.Activation;

/** The libnd4j kernels behind {@link Activation}, on preallocated buffers. */
final class ActivationKernels {

    private ActivationKernels() {
    }

    /** {@code out = f(x)}. */
    static void apply(Activation f, INDArray x, INDArray out) {
        switch (f) {
            case TANH -> Native.into("tanh", new INDArray[]{x}, new INDArray[]{out}, null, null, null);
            case SIGMOID -> Native.into("sigmoid", new INDArray[]{x}, new INDArray[]{out}, null, null, null);
            case RELU -> Native.into("relu", new INDArray[]{x}, new INDArray[]{out}, null, new double[]{0.0}, null);
            default -> {
                if (out != x) {
                    out.assign(x);
                }
            }
        }
    }

    /**
     * {@code out = f'(x) g} from the output {@code y = f(x)} instead of {@code x}, with plain
     * multiplications on contiguous arrays: libnd4j's {@code sigmoid_bp} costs about 5 ns per
     * element here, {@code y (1 - y) g} well under 1. {@code tmp} is scratch of {@code y}'s shape.
     */
    static void backwardFromOutput(Activation f, INDArray y, INDArray g, INDArray out, INDArray tmp) {
        switch (f) {
            case TANH -> {                    // (1 - y^2) g = g - y^2 g
                mul(y, y, tmp);
                mul(tmp, g, tmp);
                sub(g, tmp, out);
            }
            case SIGMOID -> {                 // y (1 - y) g = (y - y^2) g
                mul(y, y, tmp);
                sub(y, tmp, tmp);
                mul(tmp, g, out);
            }
            case RELU -> Native.into("relu_bp", new INDArray[]{y, g}, new INDArray[]{out}, null, new double[]{0.0},
                    null);                    // y > 0 exactly where x > 0
            default -> {
                if (out != g) {
                    out.assign(g);
                }
            }
        }
    }

    /** {@code out = f'(x) g}. */
    static void backward(Activation f, INDArray x, INDArray g, INDArray out) {
        switch (f) {
            case TANH -> Native.into("tanh_bp", new INDArray[]{x, g}, new INDArray[]{out}, null, null, null);
            case SIGMOID -> Native.into("sigmoid_bp", new INDArray[]{x, g}, new INDArray[]{out}, null, null, null);
            case RELU -> Native.into("relu_bp", new INDArray[]{x, g}, new INDArray[]{out}, null, new double[]{0.0},
                    null);
            default -> {
                if (out != g) {
                    out.assign(g);
                }
            }
        }
    }
}
