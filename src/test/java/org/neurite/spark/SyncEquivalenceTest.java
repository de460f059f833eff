package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.models.Sequential;

/**
 * SYNCHRONOUS on two workers against single-machine {@code fit} with the same global batch and
 * shuffling off: 150 examples in batches of 16 (the tenth batch short), two epochs, 20 steps.
 */
class SyncEquivalenceTest {
    /** Fresh options each time: {@code Fit} is a mutable builder. */
    static Fit fit() {
        return Fit.epochs(2).batchSize(16).shuffle(false).verbose(0);
    }

    @Test
    void denseWithSgdMatchesFit() {
        assertSameAsFit(() -> dense("sgd"), data(150, new long[]{6}, 3));
    }

    @Test
    void denseWithAdamMatchesFit() {
        assertSameAsFit(() -> dense("adam"), data(150, new long[]{6}, 3));
    }

    @Test
    void conv2dWithSgdMatchesFit() {
        assertSameAsFit(() -> conv("sgd"), data(150, new long[]{8, 8, 1}, 3));
    }

    @Test
    void conv2dWithAdamMatchesFit() {
        assertSameAsFit(() -> conv("adam"), data(150, new long[]{8, 8, 1}, 3));
    }

    private static void assertSameAsFit(Supplier<Model> make, Dataset data) {
        Model single = make.get();
        Model distributed = copy(single);
        History expected = single.fit(data, fit());
        History got = new SparkTrainer(LocalSpark.session()).workers(2).fit(distributed, data, fit());
        assertWeightsClose(single, distributed, 1e-5);
        assertEquals(expected.get("loss").size(), got.get("loss").size());
        assertEquals(expected.last("loss"), got.last("loss"), 1e-5, "the epoch's mean loss, summed over shards");
        assertEquals(expected.last("accuracy"), got.last("accuracy"), 1e-9, "accuracy from the shards' outputs");
    }

    static Model dense(String optimizer) {
        Model m = new Sequential(new Input(6), new Dense(8, "relu"), new Dense(3, "softmax"));
        m.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    static Model conv(String optimizer) {
        Model m = new Sequential(new Input(8, 8, 1), new Conv2D(4, 3, "relu"), new MaxPooling2D(2), new Flatten(),
                new Dense(3, "softmax"));
        m.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    /** {@code n} examples of the given shape with class ids in [0, classes) that depend on the features. */
    static Dataset data(int n, long[] shape, int classes) {
        long[] full = new long[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7), full).castTo(DataType.FLOAT);
        INDArray sums = x.reshape(n, -1).sum(1);
        INDArray y = sums.sub(sums.meanNumber()).mul(4).add(classes / 2.0).castTo(DataType.INT).castTo(DataType.FLOAT);
        return Dataset.of(x, Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue(
                y, 0, classes - 1))[0]);
    }

    /** The same architecture, weights and (fresh) optimizer, through Neurite's file format. */
    static Model copy(Model model) {
        return ModelBytes.load(ModelBytes.of(model), "a test copy");
    }

    static void assertWeightsClose(Model expected, Model got, double tolerance) {
        List<INDArray> a = expected.getWeights();
        List<INDArray> b = got.getWeights();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            double diff = a.get(i).sub(b.get(i)).amaxNumber().doubleValue();
            assertEquals(0, diff, tolerance, "weight " + i + " differs by " + diff);
        }
    }
}
