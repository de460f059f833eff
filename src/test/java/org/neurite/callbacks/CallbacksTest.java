package org.neurite.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.optimizers.SGD;

class CallbacksTest {

    private static Sequential model(double learningRate) {
        Nd4j.getRandom().setSeed(11);
        Sequential m = new Sequential(new Input(3), new Dense(1));
        m.compile(new SGD(learningRate), Losses.meanSquaredError());
        return m;
    }

    private static INDArray x() {
        return Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}});
    }

    private static INDArray y() {
        return Nd4j.createFromArray(new float[][]{{1}, {2}, {3}, {6}});
    }

    /** Feeds scripted epoch-end values to a callback, as fit would. */
    private static void epochs(Callback c, Sequential m, String key, double... values) {
        c.setModel(m);
        c.onTrainBegin(new LinkedHashMap<>());
        for (int e = 0; e < values.length && !m.isStopTraining(); e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put(key, values[e]);
            c.onEpochEnd(e, logs);
        }
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsWithoutImprovement() {
        Sequential m = model(0.1);
        EarlyStopping es = new EarlyStopping("val_loss").patience(2);
        epochs(es, m, "val_loss", 1.0, 0.8, 0.9, 0.85, 0.7);
        assertTrue(m.isStopTraining());
        assertEquals(3, es.stoppedEpoch());   // epochs 2 and 3 did not beat 0.8
        assertEquals(1, es.bestEpoch());
    }

    @Test
    void earlyStoppingMaximisesAccuracyInAutoMode() {
        Sequential m = model(0.1);
        EarlyStopping es = new EarlyStopping("val_accuracy").patience(1);
        epochs(es, m, "val_accuracy", 0.5, 0.6, 0.7, 0.65);
        assertEquals(3, es.stoppedEpoch());
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        Sequential m = model(0.05);
        List<INDArray> atBest = new ArrayList<>();
        // the training loss falls every epoch, so monitor a scripted value that is best at epoch 1
        double[] scripted = {3, 1, 2, 2, 2};
        LambdaCallback script = new LambdaCallback().onEpochEnd((e, logs) -> {
            logs.put("score", scripted[e]);
            if (e == 1) {
                atBest.addAll(m.getWeights());
            }
        });
        EarlyStopping es = new EarlyStopping("score").patience(2).restoreBestWeights(true);
        History h = m.fit(x(), y(), Fit.epochs(5).batchSize(4).verbose(0).callbacks(script, es));
        assertEquals(4, h.get("loss").size());
        assertEquals(atBest, m.getWeights());
    }

    @Test
    void reduceLrOnPlateauMultipliesByFactorAfterPatience() {
        Sequential m = model(0.1);
        ReduceLROnPlateau r = new ReduceLROnPlateau("val_loss").patience(2).factor(0.5).minLr(0.03);
        epochs(r, m, "val_loss", 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        // epochs 1,2 no improvement -> 0.05; epochs 3,4 -> 0.025 clipped to 0.03; 5 -> no change
        assertEquals(0.03, m.optimizer().learningRate(), 1e-12);
    }

    @Test
    void terminateOnNanStopsAndKeepsTheLastGoodWeights() {
        Sequential m = model(1e30);              // diverges to inf/NaN within a few steps
        TerminateOnNaN t = new TerminateOnNaN();
        List<List<INDArray>> before = new ArrayList<>();
        LambdaCallback snapshot = new LambdaCallback().onBatchBegin((b, logs) -> {
            before.clear();
            before.add(m.getWeights());
        });
        History h = m.fit(x(), y(), Fit.epochs(50).batchSize(1).shuffle(false).verbose(0).callbacks(snapshot, t));
        assertTrue(t.terminatedBatch() >= 0);
        assertTrue(h.get("loss").size() <= 1, h.toString());
        for (INDArray w : m.getWeights()) {
            for (double v : w.reshape(w.length()).toDoubleVector()) {
                assertTrue(Double.isFinite(v), w.toString());
            }
        }
        assertEquals(before.get(0), m.getWeights());
    }

    @Test
    void csvLoggerWritesAHeaderAndOneRowPerEpoch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log.csv");
        Sequential m = model(0.05);
        m.fit(x(), y(), Fit.epochs(3).batchSize(2).verbose(0).callbacks(new CSVLogger(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("epoch,loss", lines.get(0));
        assertTrue(lines.get(3).startsWith("2,"), lines.toString());
    }

    @Test
    void learningRateSchedulerSetsTheRateEachEpoch() {
        Sequential m = model(0.1);
        List<Double> seen = new ArrayList<>();
        LearningRateScheduler s = new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1));
        LambdaCallback spy = new LambdaCallback().onEpochEnd((e, logs) -> seen.add(logs.get("learning_rate")));
        m.fit(x(), y(), Fit.epochs(3).batchSize(4).verbose(0).callbacks(s, spy));
        assertEquals(List.of(0.1, 0.05, 0.1 / 3), seen);
    }

    @Test
    void lambdaCallbackSeesEveryBoundaryInOrder() {
        Sequential m = model(0.05);
        List<String> events = new ArrayList<>();
        LambdaCallback c = new LambdaCallback()
                .onTrainBegin(l -> events.add("train"))
                .onEpochBegin((e, l) -> events.add("epoch" + e))
                .onBatchEnd((b, l) -> events.add("batch" + b))
                .onEpochEnd((e, l) -> events.add("end" + e))
                .onTrainEnd(l -> events.add("done"));
        m.fit(x(), y(), Fit.epochs(2).batchSize(2).verbose(0).callbacks(c));
        assertEquals(List.of("train", "epoch0", "batch0", "batch1", "end0", "epoch1", "batch0", "batch1", "end1", "done"),
                events);
    }

    @Test
    void progressBarPrintsOneLinePerEpochWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(2, 3, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Map<String, Double> logs = new LinkedHashMap<>(Map.of("loss", 0.5));
        for (int e = 0; e < 2; e++) {
            bar.onEpochBegin(e, logs);
            for (int b = 0; b < 3; b++) {
                bar.onBatchEnd(b, logs);
            }
            bar.onEpochEnd(e, logs);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("Epoch 1/2 - \\d+s - loss: 0\\.5000"), lines[0]);
    }

    @Test
    void liveProgressBarRedrawsWithStepsEtaAndValues() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(1, 4, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Map<String, Double> logs = new LinkedHashMap<>(Map.of("loss", 0.25));
        bar.onEpochBegin(0, logs);
        bar.onBatchEnd(0, logs);
        bar.onBatchEnd(3, logs);
        bar.onEpochEnd(0, logs);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("Epoch 1/1\n"), out);
        assertTrue(out.contains("\r1/4 [======>.......................] 0s ETA 0s - loss: 0.2500"), out);
        assertTrue(out.contains("4/4 [==============================]"), out);
        assertFalse(out.contains("5/4"), out);
    }

    @Test
    void historyRecordsEveryEpoch() {
        Sequential m = model(0.05);
        History h = m.fit(x(), y(), Fit.epochs(3).batchSize(4).verbose(0));
        assertEquals(List.of(0, 1, 2), h.epochs());
        assertEquals(3, h.get("loss").size());
        assertArrayEquals(new long[]{4, 1}, m.predict(x()).shape());
    }
}
