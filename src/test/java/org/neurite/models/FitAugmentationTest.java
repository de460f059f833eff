package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.optimizers.SGD;
import org.neurite.preprocessing.Augmentation;
import org.neurite.tensor.Tensor;

/** {@code Fit.augment}: training batches are augmented, labels and everything else are not. */
class FitAugmentationTest {

    /** Passes its input through and records a copy of every batch it sees, by training flag. */
    private static final class Recorder extends Layer {
        final List<INDArray> training = new ArrayList<>();
        final List<INDArray> inference = new ArrayList<>();

        @Override
        protected long[] onBuild(long[] inputShape) {
            return inputShape;
        }

        @Override
        public Tensor forward(Tensor x, boolean isTraining) {
            INDArray copy;
            try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                copy = x.value().dup();
            }
            (isTraining ? training : inference).add(copy);
            return x;
        }
    }

    /** Records every yTrue it is updated with. */
    private static final class LabelRecorder implements Metric {
        final List<Double> seen = new ArrayList<>();

        @Override
        public void update(INDArray yTrue, INDArray yPred) {
            for (double v : yTrue.toDoubleVector()) {
                seen.add(v);
            }
        }

        @Override
        public double result() {
            return 0;
        }

        @Override
        public void reset() {
        }

        @Override
        public String name() {
            return "labels";
        }
    }

    /** 20 images 4x4x1, each with a different label 0..19 (so a label identifies its example). */
    private static Dataset data() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 4, 4, 1);
        INDArray y = Nd4j.arange(20).castTo(DataType.FLOAT);
        return Dataset.of(x, y);
    }

    private static boolean containsRowsOf(List<INDArray> batches, INDArray expected) {
        INDArray all = Nd4j.concat(0, batches.toArray(INDArray[]::new));
        return all.equals(expected);
    }

    @Test
    void onlyTrainingBatchesAreAugmentedAndLabelsAreUntouched() {
        Dataset data = data();
        Recorder recorder = new Recorder();
        LabelRecorder labels = new LabelRecorder();
        Sequential model = new Sequential(new Input(4, 4, 1), recorder, new Flatten(), new Dense(20, "softmax"));
        model.compile(new SGD(0.01), Losses.sparseCategoricalCrossentropy(), labels);
        Augmentation augmentation = Augmentation.none().randomFlip("horizontal").gaussianNoise(0.5);

        model.fit(data, Fit.epochs(1).batchSize(5).validationSplit(0.25).augment(augmentation).verbose(0));

        // training: 15 examples, each one changed by the noise; the labels are exactly 0..14
        assertEquals(3, recorder.training.size());
        INDArray original = data.features().get(interval(0, 15));
        INDArray trained = Nd4j.concat(0, recorder.training.toArray(INDArray[]::new));
        assertArrayEquals(original.shape(), trained.shape());
        for (int i = 0; i < 15; i++) {
            for (int j = 0; j < 15; j++) {
                assertFalse(trained.slice(i).equals(original.slice(j)), "training example " + i + " not augmented");
            }
        }
        double[] trainLabels = labels.seen.stream().limit(15).mapToDouble(Double::doubleValue).sorted().toArray();
        assertArrayEquals(Nd4j.arange(15).castTo(DataType.DOUBLE).toDoubleVector(), trainLabels);

        // validation: the last 5 examples exactly as they are, labels 15..19
        assertTrue(containsRowsOf(recorder.inference, data.features().get(interval(15, 20))));
        assertEquals(List.of(15.0, 16.0, 17.0, 18.0, 19.0), labels.seen.subList(15, 20));

        // evaluate and predict see the original images
        recorder.inference.clear();
        model.evaluate(data);
        assertTrue(containsRowsOf(recorder.inference, data.features()));
        recorder.inference.clear();
        model.predict(data.features());
        assertTrue(containsRowsOf(recorder.inference, data.features()));
        assertEquals(3, recorder.training.size());
    }

    @Test
    void augmentationNeedsImages() {
        Sequential mlp = new Sequential(new Input(5), new Dense(1, "sigmoid"));
        mlp.compile("adam", "binary_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.fit(x, y, Fit.epochs(1).augment(Augmentation.none().gaussianNoise(0.1)).verbose(0)));
        assertTrue(e.getMessage().contains("[8, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).augment(null));
        assertEquals(Augmentation.none(), Fit.epochs(1).augmentation());
        assertTrue(mlp.fit(x, y, Fit.epochs(1).verbose(0)).history().containsKey("loss"));
    }
}
