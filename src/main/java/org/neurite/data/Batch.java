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
}
