package org.neurite.bench;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Features and labels in the harness's layout, which is Neurite's: images FLOAT
 * {@code [n, 28, 28, 1]} in [0, 1] with class ids {@code [n]}; padded word ids FLOAT {@code [n, 56]}
 * and the MLP's rows {@code [n, 5]}, each with 0/1 labels {@code [n, 1]}. Each framework converts
 * batches into its own layout before any timing.
 */
public record Examples(INDArray features, INDArray labels) {
    public long size() {
        return features.size(0);
    }

    /** The first {@code n} examples (views). */
    public Examples take(long n) {
        if (n >= size()) {
            return this;
        }
        return new Examples(features.get(NDArrayIndex.interval(0, n)), labels.get(NDArrayIndex.interval(0, n)));
    }

    /** Consecutive views of at most {@code size} examples covering all of them (the last may be shorter). */
    public List<Examples> chunks(int size) {
        List<Examples> out = new ArrayList<>();
        for (long from = 0; from < size(); from += size) {
            long to = Math.min(size(), from + size);
            out.add(new Examples(features.get(NDArrayIndex.interval(from, to)), labels.get(NDArrayIndex.interval(from, to))));
        }
        return out;
    }

    /**
     * Up to {@code count} consecutive full batches of {@code batchSize}, each a contiguous copy, in
     * order from the first example; fewer when the data hold fewer full batches.
     */
    public List<Examples> batches(int batchSize, int count) {
        int available = (int) Math.min(count, size() / batchSize);
        if (available < 1) {
            throw new IllegalArgumentException(size() + " examples hold no batch of " + batchSize);
        }
        List<Examples> out = new ArrayList<>(available);
        for (int i = 0; i < available; i++) {
            long from = (long) i * batchSize;
            out.add(new Examples(features.get(NDArrayIndex.interval(from, from + batchSize)).dup(),
                    labels.get(NDArrayIndex.interval(from, from + batchSize)).dup()));
        }
        return out;
    }
}
