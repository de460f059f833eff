package org.neurite.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Batch;
import org.neurite.data.Dataset;
import org.neurite.privacy.PoissonSampler;

/**
 * One epoch of Poisson-sampled batches for differentially private training: {@code steps}
 * batches, each holding every example independently with the sampler's probability (so sizes
 * vary and a batch may be empty). Rows are gathered into fresh arrays, owned by the receiver.
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
        INDArray index = rows.length == 0 ? null : Nd4j.createFromArray(rows);
        return new Batch(gather(data.inputs(), rows.length, index), gather(data.targets(), rows.length, index));
    }

    private static List<INDArray> gather(List<INDArray> arrays, int count, INDArray index) {
        List<INDArray> out = new ArrayList<>(arrays.size());
        for (INDArray a : arrays) {
            if (count == 0) {
                long[] shape = a.shape();
                shape[0] = 0;
                out.add(Nd4j.create(a.dataType(), shape));
            } else {
                DynamicCustomOp op = DynamicCustomOp.builder("gather").addInputs(a, index).addIntegerArguments(0).build();
                out.add(Nd4j.exec(op)[0]);
            }
        }
        return out;
    }
}
