package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.callbacks.Callback;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;

/**
 * The entry point for distributed trainers, driven here by plain local steps: Replica's backward
 * and update inside DistributedFit's loop must train, score and stop exactly as {@code fit}.
 */
class DistributedFitTest {
    private static final INDArray X = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 50, 4)
            .castTo(DataType.FLOAT);
    private static final INDArray Y = X.sum(1).gt(2).castTo(DataType.FLOAT).reshape(50, 1);
    private static final int BATCH = 8;

    @Test
    void localStepsThroughReplicaEqualFit() throws Exception {
        Model expected = model();
        Model got = copy(expected);
        History fitHistory = expected.fit(X, Y, Fit.epochs(2).batchSize(BATCH).shuffle(false).verbose(0));
        History history = DistributedFit.run(got, Fit.epochs(2).batchSize(BATCH).verbose(0), 7, 0, 0, localSteps(got));
        for (int i = 0; i < expected.getWeights().size(); i++) {
            assertEquals(0, expected.getWeights().get(i).sub(got.getWeights().get(i)).amaxNumber().doubleValue(), 1e-6);
        }
        assertEquals(fitHistory.get("loss").get(1), history.get("loss").get(1), 1e-6);
        assertEquals(fitHistory.get("accuracy").get(1), history.get("accuracy").get(1), 1e-9);
    }

    @Test
    void aCallbackThatStopsTrainingEndsTheRunAfterItsBatch() throws Exception {
        Model model = model();
        Callback stop = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 2) {
                    model.stopTraining(true);
                }
            }
        };
        int[] steps = {0};
        DistributedFit.Steps counting = (epoch, step, scores) -> {
            steps[0]++;
            localSteps(model).run(epoch, step, scores);
        };
        History history = DistributedFit.run(model, Fit.epochs(3).batchSize(BATCH).verbose(0).callbacks(stop), 7, 0, 0,
                counting);
        assertEquals(3, steps[0]);
        assertEquals(List.of(0), history.epochs());
    }

    /** Step {@code s}: rows [s*8, s*8+8) of X, trained with one optimizer step, as fit does with shuffling off. */
    private static DistributedFit.Steps localSteps(Model model) {
        Replica replica = Replica.of(model);
        return (epoch, step, scores) -> {
            long from = (long) step * BATCH;
            long to = Math.min(from + BATCH, X.size(0));
            INDArray x = X.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = Y.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Replica.Shard shard = replica.backward(List.of(x), List.of(y), 1);
            replica.update();
            scores.add(shard.loss(), y, shard.predictions(), to - from);
        };
    }

    private static Model model() {
        Model m = new Sequential(new Input(4), new Dense(5, "tanh"), new Dense(1, "sigmoid"));
        m.compile("adam", "binary_crossentropy", "accuracy");
        return m;
    }

    private static Model copy(Model model) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("distributed-fit", ".neurite");
        try {
            model.save(file);
            return Model.load(file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
