package org.neurite.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What every task of one fit needs to know about the data: the per-example shapes, the number
 * of examples and workers, the global batch size and the shuffling.
 *
 * @param labelShape per-example label shape; empty for one scalar per example
 */
record Layout(long[] inputShape, long[] labelShape, long examples, int workers, int batchSize, boolean shuffle,
              long seed) implements Serializable {

    long featureCount() {
        return Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
    }

    long labelCount() {
        return Arrays.stream(labelShape).reduce(1, (a, b) -> a * b);
    }

    long[] batchShape(long n) {
        return prepend(n, inputShape);
    }

    long[] labelShape(long n) {
        return prepend(n, labelShape);
    }

    /** Synchronous steps per epoch: every example once, in global batches of {@code batchSize}. */
    int stepsPerEpoch() {
        return (int) ((examples + batchSize - 1) / batchSize);
    }

    /** The examples in global batch {@code step} (the last one may be short). */
    long globalBatch(int step) {
        return Math.min(batchSize, examples - (long) step * batchSize);
    }

    private static long[] prepend(long n, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
