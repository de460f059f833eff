package org.neurite.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Batch;
import org.neurite.data.Dataset;
import org.neurite.privacy.PoissonSampler;

/**
 * One epoch of Poisson-sampled batches for differentially private training: {@code steps}
 * batches, each holding every example independently with the sampler's probability (so sizes
 * vary and a batch may be empty). Rows are gathered ({@link Dataset#subset}) into fresh arrays,
 * owned by the receiver.
 */
final class PoissonBatches implements Iterator<Batch> {
    private final Dataset data;
    private final PoissonSampler sampler;
    private int remaining;

    PoissonBatches(Dataset data, PoissonSampler sampler, int steps) {
        this.data = data;
        this.sampler = sampler;
        this.remaining = steps;
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public Batch next() {
        if (remaining <= 0) {
            throw new NoSuchElementException("the epoch's Poisson-sampled batches are used up");
        }
        remaining--;
        long[] rows = sampler.next();
        if (rows.length == 0) {
            return new Batch(empty(data.inputs()), empty(data.targets()));
        }
        Dataset sample = data.subset(Arrays.stream(rows).mapToInt(Math::toIntExact).toArray());
        return new Batch(sample.inputs(), sample.targets());
    }

    /** Arrays of no rows, shaped like {@code arrays}' rows. */
    private static List<INDArray> empty(List<INDArray> arrays) {
        List<INDArray> out = new ArrayList<>(arrays.size());
        for (INDArray a : arrays) {
            long[] shape = a.shape();
            shape[0] = 0;
            out.add(Nd4j.create(a.dataType(), shape));
        }
        return out;
    }
}
