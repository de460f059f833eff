package org.neurite.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: {@code features} of shape {@code [b, ...]} and {@code labels} of shape
 * {@code [b, ...]} (null for a dataset without labels). Both are fresh arrays outside every ND4J
 * workspace, owned by whoever receives the batch.
 */
public record Batch(INDArray features, INDArray labels) {
    /** The number of examples {@code b} in this batch. */
    public long size() {
        return features.size(0);
    }

    /**
     * Frees the batch's off-heap memory now rather than when the garbage collector gets to it; for
     * a training loop that is done with the batch. Views of the dataset (consecutive rows) and
     * arrays in a workspace are left alone.
     */
    public void release() {
        free(features);
        free(labels);
    }

    private static void free(INDArray a) {
        if (a != null && !a.isView() && !a.isAttached() && a.closeable()) {
            a.close();
        }
    }

    /** TEMPORARY until multi-input datasets land. */
    public java.util.List<INDArray> inputs() {
        return java.util.List.of(features);
    }
}
