package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.callbacks.ModelCheckpoint;
import org.neurite.layers.BatchNormalization;
import org.neurite.layers.Dense;
import org.neurite.layers.Dropout;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;

class ResumeTest {
    private static final INDArray X = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 80, 6)
            .castTo(DataType.FLOAT);
    private static final INDArray Y = X.sum(1).reshape(80, 1).gt(3).castTo(DataType.FLOAT);

    @TempDir
    Path dir;

    /**
     * With batch normalization (non-trainable moving statistics: the optimizer steps each weight)
     * or without (every weight trainable: the optimizer steps the flat parameter buffer at once).
     */
    private static Sequential compiledModel(boolean batchNorm) {
        Sequential model = batchNorm
                ? new Sequential(new Input(6), new Dense(16, "relu"), new BatchNormalization(), new Dropout(0.3),
                        new Dense(1, "sigmoid"))
                : new Sequential(new Input(6), new Dense(16, "relu"), new Dropout(0.3), new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-2), Losses.binaryCrossentropy(), Metrics.accuracy());
        return model;
    }

    private static Sequential compiledModel() {
        return compiledModel(true);
    }

    private static Fit options(int epochs) {
        return Fit.epochs(epochs).batchSize(8).validationSplit(0.25).verbose(0);
    }

    @ParameterizedTest(name = "batch normalization: {0}")
    @ValueSource(booleans = {true, false})
    void fitResumedFromACheckpointEqualsTheUninterruptedRun(boolean batchNorm) throws IOException {
        Neurite.seed(11);
        Sequential uninterrupted = compiledModel(batchNorm);
        History full = uninterrupted.fit(X, Y, options(4));

        Neurite.seed(11);
        Sequential first = compiledModel(batchNorm);
        first.fit(X, Y, options(2).callbacks(new ModelCheckpoint(dir.resolve("ckpt-{epoch}.neurite"))));
        assertTrue(Files.exists(dir.resolve("ckpt-1.neurite")));
        Neurite.seed(11);   // as a new process would, so nothing carries over but the file
        Sequential resumed = Sequential.load(dir.resolve("ckpt-2.neurite"));
        History rest = resumed.fit(X, Y, options(4).initialEpoch(2));

        INDArray expected = uninterrupted.snapshotWeights();
        INDArray found = resumed.snapshotWeights();
        double diff = expected.sub(found).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-6, "largest weight difference " + diff);
        assertEquals(full.get("loss").subList(2, 4), rest.get("loss"));
        assertEquals(List.of(2, 3), rest.epochs());
        assertEquals(uninterrupted.optimizer().iterations(), resumed.optimizer().iterations());
        assertTrue(ModelWeights.optimizerState(resumed, resumed.optimizer()).keySet().containsAll(List.of(
                resumed.layers().get(1).name() + "/kernel/m", resumed.layers().get(1).name() + "/bias/v")));
    }

    @Test
    void saveBestOnlyKeepsTheEpochsThatImproveTheMonitoredValue() throws IOException {
        Sequential model = compiledModel();
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("best-{epoch:03d}.neurite")).saveBestOnly(true);
        checkpoint.setModel(model);
        checkpoint.onTrainBegin(Map.of());
        double[] valLoss = {0.5, 0.7, 0.4, 0.45};
        for (int e = 0; e < valLoss.length; e++) {
            checkpoint.onEpochEnd(e, Map.of("loss", 1.0, "val_loss", valLoss[e]));
        }
        assertTrue(Files.exists(dir.resolve("best-001.neurite")));
        assertFalse(Files.exists(dir.resolve("best-002.neurite")));
        assertTrue(Files.exists(dir.resolve("best-003.neurite")));
        assertFalse(Files.exists(dir.resolve("best-004.neurite")));
        assertEquals(dir.resolve("best-003.neurite"), checkpoint.lastSaved());

        ModelCheckpoint accuracy = new ModelCheckpoint(dir.resolve("acc.neurite")).monitor("val_accuracy")
                .saveBestOnly(true);
        accuracy.setModel(model);
        accuracy.onTrainBegin(Map.of());
        accuracy.onEpochEnd(0, Map.of("loss", 1.0));   // not logged: skipped with a warning
        assertFalse(Files.exists(dir.resolve("acc.neurite")));
        accuracy.onEpochEnd(1, Map.of("val_accuracy", 0.8));
        assertTrue(Files.exists(dir.resolve("acc.neurite")));
    }

    @Test
    void aCheckpointThatCannotBeWrittenStopsFitNamingTheFile() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Sequential model = compiledModel();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> model.fit(X, Y,
                options(1).callbacks(new ModelCheckpoint(blocker.resolve("m.neurite")))));
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("not-a-folder"), e.getMessage());
    }

    @AfterEach
    void restoreTheDefaultSeed() {
        Neurite.seed(0);
    }
}
