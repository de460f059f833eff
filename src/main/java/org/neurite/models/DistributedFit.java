package org.neurite.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.callbacks.Callback;

/**
 * {@link Model#fit}'s epoch loop for trainers whose steps run elsewhere (org.neurite.spark): the
 * caller's {@link Steps} changes the model's weights, and this loop does what {@code fit} does
 * around its steps on the driver: callbacks at every boundary ({@link History}, the progress bar,
 * EarlyStopping, ModelCheckpoint), the epoch's running loss and metrics, validation data, and
 * stopping when a callback asks. It never calls into the caller's package except through
 * {@link Steps}.
 */
public final class DistributedFit {
    private DistributedFit() {
    }

    /** The steps of one fit, run by an engine outside this package. */
    public interface Steps {
        /**
         * Runs step {@code step} of epoch {@code epoch}; on return the model holds the weights
         * (and optimizer state) after it, and every batch it trained on is added to {@code scores}.
         */
        void run(int epoch, int step, Scores scores);
    }

    /** The running loss and metrics of an epoch, fed with each batch's outputs. */
    public static final class Scores {
        private final RunningScores running;

        private Scores(RunningScores running) {
            this.running = running;
        }

        /** Adds a batch of {@code size} examples with mean loss {@code loss} (one output only). */
        public void add(double loss, INDArray targets, INDArray predictions, long size) {
            running.add(loss, List.of(targets), List.of(predictions), size);
        }
    }

    /**
     * Trains {@code model} with {@code stepsPerEpoch} steps per epoch from epoch {@code firstEpoch},
     * step {@code firstStep} (a resumed run) to {@code options.epochs()}.
     */
    public static History run(Model model, Fit options, int stepsPerEpoch, int firstEpoch, int firstStep, Steps steps) {
        try (UseGuard.Ticket ignored = model.begin(UseGuard.Kind.TRAIN, "distributed fit")) {
            return loop(model, model.compiled("distributed fit"), options, stepsPerEpoch, firstEpoch, firstStep, steps);
        }
    }

    private static History loop(Model model, Compiled compiled, Fit options, int stepsPerEpoch, int firstEpoch,
                                int firstStep, Steps steps) {
        FitCallbacks fit = FitCallbacks.open(model, options, stepsPerEpoch);
        List<Callback> callbacks = fit.all();
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(logs));
        for (int epoch = firstEpoch; epoch < options.epochs() && !model.isStopTraining(); epoch++) {
            int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(e, logs));
            Map<String, Double> epochLogs = new LinkedHashMap<>();
            try (RunningScores running = new RunningScores(model, compiled, "distributed fit")) {
                Scores scores = new Scores(running);
                int from = epoch == firstEpoch ? firstStep : 0;
                for (int step = from; step < stepsPerEpoch && !model.isStopTraining(); step++) {
                    int b = step;
                    callbacks.forEach(c -> c.onBatchBegin(b, epochLogs));
                    steps.run(e, b, scores);
                    epochLogs.putAll(running.logs());
                    callbacks.forEach(c -> c.onBatchEnd(b, epochLogs));
                }
            }
            if (options.validationData() != null) {
                new Evaluator(model).evaluate(compiled, options.validationData(), options.batchSize())
                        .forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
            logs.clear();
            logs.putAll(epochLogs);
        }
        return fit.finish(logs);
    }
}
