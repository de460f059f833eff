package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.layers.Layer;

class TransferLearningTest {
    private static final INDArray X = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 64, 6)
            .castTo(DataType.FLOAT);
    private static final INDArray BINARY = X.sum(1).reshape(64, 1).gt(3).castTo(DataType.FLOAT);
    private static final INDArray CLASSES = X.getColumn(0).mul(2.999).castTo(DataType.INT).castTo(DataType.FLOAT);

    @TempDir
    Path dir;
    private Path file;

    /** A model trained on the binary task and saved to {@link #file}. */
    @BeforeEach
    void trainAndSaveABaseModel() throws IOException {
        Sequential base = new Sequential(new Input(6), new Dense(16, "relu").name("base1"),
                new Dense(8, "relu").name("base2"), new Dense(1, "sigmoid").name("head"));
        base.compile("adam", "binary_crossentropy", "accuracy");
        base.fit(X, BINARY, Fit.epochs(2).batchSize(16).verbose(0));
        file = dir.resolve("base.neurite");
        base.save(file);
    }

    private static List<INDArray> weightsOf(Sequential model, String... layers) {
        return java.util.Arrays.stream(layers).flatMap(n -> model.getLayer(n).getWeights().stream()).toList();
    }

    @Test
    void weightsLoadByNameIntoANewHeadAndFrozenLayersKeepThemThroughFit() throws IOException {
        Sequential saved = Sequential.load(file);
        Sequential model = new Sequential(new Input(6), new Dense(16, "relu").name("base1"),
                new Dense(8, "relu").name("base2"), new Dense(3, "softmax").name("new_head"));
        assertEquals(List.of("base1", "base2"), model.loadWeightsByName(file));
        List<INDArray> base = weightsOf(saved, "base1", "base2");
        assertEquals(base, weightsOf(model, "base1", "base2"));

        model.getLayer("base1").trainable(false);
        model.getLayer("base2").trainable(false);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        List<INDArray> head = weightsOf(model, "new_head");
        model.fit(X, CLASSES, Fit.epochs(2).batchSize(16).verbose(0));
        assertEquals(base, weightsOf(model, "base1", "base2"), "frozen layers are unchanged");
        assertNotEquals(head, weightsOf(model, "new_head"), "the new head learnt");
    }

    @Test
    void aLoadedModelDropsItsHeadAndTakesANewOneAndFreezingSurvivesSaving() throws IOException {
        Sequential model = Sequential.load(file);
        Layer oldHead = model.pop();
        assertEquals("head", oldHead.name());
        model.add(new Dense(3, "softmax").name("classes"));
        model.layers().stream().filter(l -> !l.name().equals("classes")).forEach(l -> l.trainable(false));
        model.compile("adam", "sparse_categorical_crossentropy");
        List<INDArray> base = weightsOf(model, "base1", "base2");
        model.fit(X, CLASSES, Fit.epochs(1).batchSize(16).verbose(0));
        assertEquals(base, weightsOf(model, "base1", "base2"));

        Path tuned = dir.resolve("tuned.neurite");
        model.save(tuned);
        Sequential again = Sequential.load(tuned);
        assertFalse(again.getLayer("base1").isTrainable());
        assertTrue(again.getLayer("classes").isTrainable());
        again.fit(X, CLASSES, Fit.epochs(1).batchSize(16).verbose(0));
        assertEquals(base, weightsOf(again, "base1", "base2"));
    }

    @Test
    void weightsLoadByPositionIntoTheSameArchitectureWithOtherNames() throws IOException {
        Sequential model = new Sequential(new Input(6), new Dense(16, "relu"), new Dense(8, "relu"),
                new Dense(1, "sigmoid"));
        model.loadWeights(file);
        assertArrayEquals(SaveLoadTest.bits(Sequential.load(file).predict(X)), SaveLoadTest.bits(model.predict(X)));
    }

    @Test
    void weightsOfAnotherArchitectureAreRejectedNamingTheLayerAndBothShapes() {
        Sequential narrow = new Sequential(new Input(6), new Dense(4, "relu").name("base1"),
                new Dense(8, "relu"), new Dense(1, "sigmoid"));
        List<INDArray> before = narrow.getWeights();
        for (boolean byName : new boolean[]{false, true}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> {
                        if (byName) {
                            narrow.loadWeightsByName(file);
                        } else {
                            narrow.loadWeights(file);
                        }
                    });
            String m = e.getMessage();
            assertTrue(m.contains("base.neurite") && m.contains("'base1'") && m.contains("'kernel'")
                    && m.contains("[6, 4]") && m.contains("[6, 16]"), m);
            assertEquals(before, narrow.getWeights(), "a rejected load changes nothing");
        }
        Sequential shorter = new Sequential(new Input(6), new Dense(16, "relu"), new Dense(1, "sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shorter.loadWeights(file));
        assertTrue(e.getMessage().contains("holds weights of 3 layers [base1, base2, head]")
                && e.getMessage().contains("has 2 layers with weights"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Sequential(new Dense(2)).loadWeights(file));
    }
}
