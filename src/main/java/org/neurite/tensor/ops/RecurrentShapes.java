package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The shape checks of a {@link RecurrentSequence}'s inputs, with errors naming every shape. */
final class RecurrentShapes {
    private RecurrentShapes() {
    }

    /** Checks x {@code [N, T, in]}, W {@code [in, k*u]}, U {@code [u, k*u]} and the step mask {@code [N, T]}. */
    static void check(String op, INDArray x, INDArray kernel, INDArray recurrentKernel, int k, INDArray mask) {
        long units = recurrentKernel.size(0);
        if (x.rank() != 3 || kernel.rank() != 2 || recurrentKernel.rank() != 2 || kernel.size(0) != x.size(2)
                || kernel.size(1) != k * units || recurrentKernel.size(1) != k * units) {
            throw new IllegalArgumentException(op + ": cannot apply kernel " + Arrays.toString(kernel.shape())
                    + " and recurrent kernel " + Arrays.toString(recurrentKernel.shape()) + " to input "
                    + Arrays.toString(x.shape()) + " (expected [N, T, in], [in, " + k + "*units], [units, "
                    + k + "*units])");
        }
        long n = x.size(0);
        long steps = x.size(1);
        if (mask != null && (mask.rank() != 2 || mask.size(0) != n || mask.size(1) != steps)) {
            throw new IllegalArgumentException(op + ": step mask " + Arrays.toString(mask.shape())
                    + " does not match input " + Arrays.toString(x.shape()) + " (expected [" + n + ", " + steps + "])");
        }
    }
}
