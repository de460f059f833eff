package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.Neurite;
import org.neurite.callbacks.LambdaCallback;
import org.neurite.data.Batch;
import org.neurite.data.BatchSource;
import org.neurite.data.Dataset;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.optimizers.SGD;

/** fit, evaluate and predict on a BatchSource: the same numbers as on the Dataset it streams. */
class StreamFitTest {
    private static final int N = 40;
    private static final int B = 8;

    private static INDArray x() {
        Neurite.seed(21);
        return Nd4j.rand(DataType.FLOAT, N, 3);
    }

    private static INDArray y(INDArray x) {
        return x.sum(true, 1).gt(1.5).castTo(DataType.FLOAT);
    }

    /** Batches of rows [from, to) of x and y, in order, made fresh on every call (as a file reader would). */
    private static Iterator<Batch> batches(INDArray x, INDArray y, int from, int to, INDArray weights) {
        List<Batch> out = new ArrayList<>();
        for (int r = from; r < to; r += B) {
            int end = Math.min(to, r + B);
            INDArray w = weights == null ? null : weights.get(NDArrayIndex.interval(r, end)).dup();
            out.add(new Batch(List.of(x.get(NDArrayIndex.interval(r, end), NDArrayIndex.all()).dup()),
                    List.of(y.get(NDArrayIndex.interval(r, end), NDArrayIndex.all()).dup()), w));
        }
        return out.iterator();
    }

    private static Sequential model() {
        Neurite.seed(4);
        Sequential model = new Sequential(new Input(3), new Dense(4, "relu"), new Dense(1, "sigmoid"));
        model.compile(new SGD(0.3), org.neurite.losses.Losses.binaryCrossentropy(),
                org.neurite.metrics.Metrics.accuracy());
        return model;
    }

    @Test
    void fitOnAStreamMatchesFitOnTheSameBatchesInMemory() {
        INDArray x = x();
        INDArray y = y(x);
        Sequential inMemory = model();
        History expected = inMemory.fit(x.get(NDArrayIndex.interval(0, 32), NDArrayIndex.all()),
                y.get(NDArrayIndex.interval(0, 32), NDArrayIndex.all()), Fit.epochs(3).batchSize(B).shuffle(false)
                        .verbose(0).seed(1).validationData(x.get(NDArrayIndex.interval(32, N), NDArrayIndex.all()),
                                y.get(NDArrayIndex.interval(32, N), NDArrayIndex.all())));
        Sequential streamed = model();
        AtomicInteger batchEnds = new AtomicInteger();
        History actual = streamed.fit(BatchSource.of(() -> batches(x, y, 0, 32, null)), Fit.epochs(3).verbose(0).seed(1)
                .validationData(BatchSource.of(() -> batches(x, y, 32, N, null)))
                .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> batchEnds.incrementAndGet())));
        assertEquals(expected.history(), actual.history());
        assertEquals(3 * 4, batchEnds.get(), "callbacks see every batch of every epoch");
        assertEquals(inMemory.getWeights(), streamed.getWeights());
        assertEquals(inMemory.evaluate(Dataset.of(x, y), 8), streamed.evaluate(BatchSource.once(batches(x, y, 0, N, null))));
        assertEquals(inMemory.predict(x), streamed.predict(BatchSource.once(batches(x, y, 0, N, null))));
    }

    @Test
    void batchWeightsWeighTheLossAsFitSampleWeightDoes() {
        INDArray x = x();
        INDArray y = y(x);
        INDArray w = Nd4j.rand(DataType.FLOAT, N).muli(3);
        Sequential inMemory = model();
        History expected = inMemory.fit(x, y, Fit.epochs(2).batchSize(B).shuffle(false).verbose(0).seed(1)
                .sampleWeight(w).classWeight(Map.of(1, 2.0)));
        Sequential streamed = model();
        History actual = streamed.fit(BatchSource.of(() -> batches(x, y, 0, N, w)), Fit.epochs(2).verbose(0).seed(1)
                .classWeight(Map.of(1, 2.0)));
        assertEquals(expected.history(), actual.history());
        assertEquals(inMemory.getWeights(), streamed.getWeights());
    }

    @Test
    void stepsPerEpochEndsEpochsOfAnEndlessSource() {
        INDArray x = x();
        INDArray y = y(x);
        Iterator<Batch> endless = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                int r = (next++ % 5) * B;
                return new Batch(x.get(NDArrayIndex.interval(r, r + B), NDArrayIndex.all()).dup(),
                        y.get(NDArrayIndex.interval(r, r + B), NDArrayIndex.all()).dup());
            }
        };
        AtomicInteger batchEnds = new AtomicInteger();
        History h = model().fit(BatchSource.of(() -> endless), Fit.epochs(2).stepsPerEpoch(3).verbose(0)
                .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> batchEnds.incrementAndGet())));
        assertEquals(2, h.get("loss").size());
        assertEquals(6, batchEnds.get());
    }

    @Test
    void aBadBatchIsAnErrorNamingItsNumberAndShapes() {
        INDArray x = x();
        INDArray y = y(x);
        List<Batch> list = new ArrayList<>();
        batches(x, y, 0, 16, null).forEachRemaining(list::add);
        list.add(new Batch(Nd4j.zeros(DataType.FLOAT, 4, 5), Nd4j.zeros(DataType.FLOAT, 4, 1)));
        Sequential model = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(BatchSource.once(list.iterator()), Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("batch 3") && e.getMessage().contains("5"), e.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> model.fit(BatchSource.once(batches(x, y, 0, 16, null)), Fit.epochs(2).verbose(0)));
        assertTrue(twice.getMessage().contains("once"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.fit(BatchSource.of(() -> batches(x, y, 0, 16, null)),
                Fit.epochs(1).verbose(0).validationSplit(0.2)));
    }
}
