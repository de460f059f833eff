package org.neurite.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Dataset;

/**
 * A worker's examples (its slice of every global batch, see {@link BatchSlots}) as arrays, and
 * its local batch of each step. A batch is a pure function of (epoch, step), so a retried task
 * trains on exactly the rows the failed attempt had.
 */
final class Shard {
    private final INDArray features;
    private final INDArray labels;
    private final int localBatch;
    private final boolean shuffle;
    private final long seed;
    private int shuffledEpoch = -1;
    private INDArray epochFeatures;
    private INDArray epochLabels;

    private Shard(INDArray features, INDArray labels, int localBatch, boolean shuffle, long seed) {
        this.features = features;
        this.labels = labels;
        this.localBatch = localBatch;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** The shard of worker {@code partition} from its rows in index order. */
    static Shard of(Iterator<Example> rows, Layout layout, int partition) {
        List<Example> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        int n = list.size();
        int width = (int) layout.featureCount();
        int labelWidth = (int) layout.labelCount();
        float[] x = new float[n * width];
        float[] y = new float[n * labelWidth];
        for (int i = 0; i < n; i++) {
            System.arraycopy(list.get(i).features(), 0, x, i * width, width);
            System.arraycopy(list.get(i).label(), 0, y, i * labelWidth, labelWidth);
        }
        INDArray features = n == 0 ? null : Nd4j.create(x, layout.batchShape(n), 'c');
        INDArray labels = n == 0 ? null : Nd4j.create(y, layout.labelShape(n), 'c');
        int local = BatchSlots.localBatch(partition, layout.workers(), layout.batchSize());
        return new Shard(features, labels, local, layout.shuffle(), layout.seed() * 31 + partition);
    }

    long size() {
        return features == null ? 0 : features.size(0);
    }

    /** Rows of step {@code step} of {@code epoch}: features then labels, or null when this worker has none. */
    INDArray[] batch(int epoch, int step) {
        long from = (long) step * localBatch;
        long to = Math.min(from + localBatch, size());
        if (from >= to) {
            return null;
        }
        INDArray x = features;
        INDArray y = labels;
        if (shuffle) {
            reshuffle(epoch);
            x = epochFeatures;
            y = epochLabels;
        }
        return new INDArray[]{rows(x, from, to), rows(y, from, to)};
    }

    /** This worker's rows in epoch {@code epoch}'s order, drawn from the seed (once per epoch). */
    private void reshuffle(int epoch) {
        if (epoch != shuffledEpoch) {
            Dataset order = Dataset.of(features, labels).shuffle(seed + epoch * 0x9E3779B97F4A7C15L);
            epochFeatures = order.features();
            epochLabels = order.labels();
            shuffledEpoch = epoch;
        }
    }

    private static INDArray rows(INDArray a, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(from, to);
        return a.get(index);   // a view: c-order rows are contiguous
    }
}
