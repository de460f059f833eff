package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.neurite.tensor.Native;

/**
 * Runs a libnd4j convolution kernel, working around two oneDNN bugs in ND4J 1.0.0-M2.1.
 *
 * <p>oneDNN reads only plain c-order arrays correctly: given a strided view (a spatial or channel
 * crop, a permuted array) FLOAT {@code conv2d}/{@code conv1d} and their {@code _bp} return wrong
 * values, and an f-order input crashes the JVM. Every operand that is not c-contiguous is
 * therefore copied first (a view of whole leading-axis slices is contiguous and passes as is).
 *
 * <p>With the oneDNN builds of ND4J 1.0.0-M2.1, FLOAT {@code conv2d}, {@code conv1d} and their
 * {@code _bp} fail for any dilation above 1 ("could not create a descriptor for a dilated
 * convolution"); the generic kernels are correct, so platform helpers are switched off for the call.
 * The switch is process-wide, so a dilated convolution running concurrently on another thread may
 * briefly make an undilated one take the (slower, still correct) generic path.
 */
final class ConvKernels {
    private ConvKernels() {
    }

    static INDArray[] call(boolean dilated, String name, INDArray[] operands, long[] iargs) {
        INDArray[] inputs = new INDArray[operands.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = contiguous(operands[i]);
        }
        if (!dilated) {
            return Native.call(name, inputs, iargs, null, null);
        }
        Environment env = Nd4j.getEnvironment();
        boolean previous = env.helpersAllowed();
        env.allowHelpers(false);
        try {
            return Native.call(name, inputs, iargs, null, null);
        } finally {
            env.allowHelpers(previous);
        }
    }

    /** {@code a} itself when its elements lie densely in c order, else a c-order copy. */
    static INDArray contiguous(INDArray a) {
        if (a.ordering() != 'c') {
            return a.dup('c');
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return a.dup('c');
            }
            expected *= a.size(i);
        }
        return a;
    }

    /**
     * The op's gradients from a {@code conv*_bp} result {@code (dx, dW[, db])}: dx put back to the
     * uncropped input shape when needed, db only when there is a bias.
     */
    static INDArray[] gradients(INDArray[] bp, boolean needsInput, long[] inputShape, INDArrayIndex[] crop,
                                boolean hasBias) {
        INDArray dx = needsInput ? Window.uncrop(bp[0], inputShape, crop) : null;
        return hasBias ? new INDArray[]{dx, bp[1], bp[2]} : new INDArray[]{dx, bp[1]};
    }

    /** {@code inputs} followed by {@code last}, skipping nulls (an absent bias). */
    static INDArray[] inputs(INDArray last, INDArray... inputs) {
        int n = 0;
        for (INDArray a : inputs) {
            n += a == null ? 0 : 1;
        }
        INDArray[] out = new INDArray[n + (last == null ? 0 : 1)];
        int i = 0;
        for (INDArray a : inputs) {
            if (a != null) {
                out[i++] = a;
            }
        }
        if (last != null) {
            out[i] = last;
        }
        return out;
    }
}
