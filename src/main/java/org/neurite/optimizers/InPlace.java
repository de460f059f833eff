package org.neurite.optimizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/**
 * The few in-place ND4J operations the update rules need beyond {@code addi}/{@code muli}: each
 * writes into an existing array, so a steady-state step allocates no parameter-sized temporary.
 * All run through {@link Native}.
 */
final class InPlace {
    private InPlace() {
    }

    /** {@code y += alpha * x} (x and y of the same type and shape; views are fine). */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Native.axpy(alpha, x, y);
    }

    /** {@code x = min(max(x, min), max)}. */
    static void clip(INDArray x, double min, double max) {
        Native.into("clipbyvalue", new INDArray[]{x}, new INDArray[]{x}, null, new double[]{min, max}, null);
    }

    /** {@code x = sqrt(x)}. */
    static void sqrt(INDArray x) {
        Native.sqrt(x, false);
    }

    /** The 0-based step as the int ND4J's updater ops take (bias correction is 1 long before it saturates). */
    static int iteration(long iteration) {
        return (int) Math.min(iteration, Integer.MAX_VALUE);
    }
}
