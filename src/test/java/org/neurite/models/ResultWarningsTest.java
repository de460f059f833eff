package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.callbacks.EarlyStopping;
import org.neurite.callbacks.TerminateOnNaN;
import org.neurite.data.csv.Csv;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.optimizers.SGD;

/** Warnings that change results are in what the call returns, not only in the log (issue 14, item 3). */
class ResultWarningsTest {
    @TempDir
    Path dir;

    private static boolean any(List<String> warnings, String... parts) {
        return warnings.stream().anyMatch(w -> List.of(parts).stream().allMatch(w::contains));
    }

    @Test
    void restoredBestWeightsAreInTheHistory() {
        Neurite.seed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 2);
        INDArray y = x.sum(true, 1);
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile("sgd", "mse");
        // in "max" mode a falling loss never improves after epoch 1: stop at epoch 3, restore epoch 1
        EarlyStopping stop = new EarlyStopping("loss").mode("max").patience(2).restoreBestWeights(true);
        History history = model.fit(x, y, Fit.epochs(10).batchSize(8).verbose(0).callbacks(stop));
        assertEquals(3, history.get("loss").size());
        assertTrue(any(history.warnings(), "EarlyStopping", "weights of epoch 1"), history.warnings().toString());

        History plain = model.fit(x, y, Fit.epochs(1).verbose(0));
        assertEquals(List.of(), plain.warnings());
    }

    @Test
    void terminateOnNaNIsInTheHistory() {
        Neurite.seed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 2).muli(100);
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile(new SGD(1e20), Losses.meanSquaredError());   // diverges to an infinite loss at once
        History history = model.fit(x, x.sum(true, 1), Fit.epochs(3).batchSize(8).verbose(0)
                .callbacks(new TerminateOnNaN()));
        assertTrue(any(history.warnings(), "TerminateOnNaN", "training stopped"), history.warnings().toString());
    }

    @Test
    void aModelSavedWithoutItsCompileConfigurationSaysSoOnSaveAndOnLoad() throws IOException {
        Sequential model = new Sequential(new Input(2), new Dense(1));
        Path file = dir.resolve("uncompiled.neurite");
        model.save(file);
        assertTrue(any(model.warnings(), "without a compile configuration"), model.warnings().toString());
        Model loaded = Model.load(file);
        assertTrue(any(loaded.warnings(), file.toString(), "without its compile configuration"),
                loaded.warnings().toString());

        model.compile("adam", "mse");
        Path compiled = dir.resolve("compiled.neurite");
        model.save(compiled);
        assertEquals(List.of(), Model.load(compiled).warnings());
    }

    @Test
    void csvInferenceThatChangesTheDataIsInTheLoadResult() throws IOException {
        StringBuilder csv = new StringBuilder("size,color,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i == 9 ? "abc" : String.valueOf(i)).append(',').append(i % 2 == 0 ? "red" : "blue")
                    .append(',').append(i % 2).append('\n');
        }
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, csv);
        Csv.Loaded loaded = Csv.loadWithSchema(file, "label");
        assertTrue(any(loaded.warnings(), "\"size\"", "numeric", "\"abc\" on line 11"), loaded.warnings().toString());
        assertTrue(any(loaded.warnings(), "\"color\"", "categorical", "2 one-hot features"),
                loaded.warnings().toString());
        assertEquals(2, loaded.warnings().size(), "the numeric label is no warning: " + loaded.warnings());
        assertEquals(loaded.warnings().size(), Csv.stream(file, "label", 8).warnings().size());
        assertEquals(loaded.warnings(), loaded.report().warnings());
        assertTrue(loaded.report().toString().contains("is categorical"), loaded.report().toString());
    }
}
