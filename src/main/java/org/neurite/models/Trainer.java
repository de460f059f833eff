package org.neurite.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.Callback;
import org.neurite.callbacks.ProgressBar;
import org.neurite.data.Augmentation;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.Batches;
import org.neurite.data.Dataset;
import org.neurite.tensor.MemoryScope;

/**
 * The training loop of {@link Model#fit}: batches, one optimizer step each, callbacks at
 * every boundary. Each step runs in a memory scope, so steady-state training allocates nothing
 * new off-heap. Epoch {@code e} draws its batch order and reseeds ND4J's generator (dropout) from
 * the fit's seed and {@code e}, so a fit resumed at epoch {@code e} repeats the uninterrupted run.
 */
final class Trainer {
    private final Model model;
    private final Compiled compiled;

    Trainer(Model model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    History fit(Dataset given, Fit options) {
        Dataset data = prepare(given, "fit");
        Augmentation augmentation = options.augmentation();
        if (!augmentation.isIdentity()) {
            if (data.inputs().size() != 1) {
                throw new IllegalArgumentException(model.name() + ".fit: augmentation works on one image input, "
                        + "but the data has " + data.inputs().size() + " inputs");
            }
            Augmentation.requireImages(data.inputs().get(0).shape(), model.name() + ".fit");
        }
        Dataset train = data;
        Dataset validation = options.validationData();
        if (validation != null) {
            validation = prepare(validation, "fit (validation data)");
        }
        if (options.validationSplit() > 0) {
            long held = (long) Math.floor(data.size() * options.validationSplit());
            if (held < 1 || held >= data.size()) {
                throw new IllegalArgumentException("validation split " + options.validationSplit() + " of "
                        + data.size() + " examples leaves no validation or no training data");
            }
            train = data.slice(0, data.size() - held);
            validation = data.slice(data.size() - held, data.size());
        }
        if (options.classWeight() != null && data.targets().size() > 1) {
            throw new IllegalArgumentException(model.name() + ".fit: classWeight weighs the examples of a model with "
                    + "one output; this one has " + data.targets().size());
        }
        SampleWeights weights = null;
        if (options.classWeight() != null) {
            weights = new SampleWeights(options.classWeight());
            SampleWeights.checkLabels(train.labels(), model.name() + ".fit");   // before any training
        }
        long seed = options.seed();
        Batches batches = train.batches(options.batchSize(), options.shuffle(), seed);
        PrivateTraining dp = options.privacy() == null ? null : new PrivateTraining(model, compiled, train, options);
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(history);
        if (options.verbose() > 0) {
            callbacks.add(ProgressBar.forVerbose(options.verbose(), options.epochs(), batches.size()));
        }
        callbacks.addAll(options.callbacks());
        callbacks.forEach(c -> c.setModel(model));
        model.stopTraining(false);

        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(logs));
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.isStopTraining(); epoch++) {
            int e = epoch;
            if (dp != null && dp.stopsBefore(e)) {
                break;
            }
            Nd4j.getRandom().setSeed(epochSeed(seed, e));
            callbacks.forEach(c -> c.onEpochBegin(e, logs));
            Map<String, Double> epochLogs;
            if (dp == null) {
                try (BatchIterator it = batches.iterator(e)) {
                    epochLogs = runEpoch(it, weights, augmentation, callbacks, null);
                }
            } else {
                epochLogs = runEpoch(dp.epoch(e), null, augmentation, callbacks, dp);
                epochLogs.put("epsilon", dp.epsilonAfter(e + 1));
            }
            if (validation != null) {
                Map<String, Double> val = new Evaluator(model).evaluate(compiled, validation, options.batchSize());
                val.forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
            logs.clear();
            logs.putAll(epochLogs);
        }
        callbacks.forEach(c -> c.onTrainEnd(logs));
        MemoryScope.release("train");   // the step's reused arrays; trainOnBatch keeps them between calls
        return history;
    }

    /**
     * Checks shapes, then casts the dataset to the model's type (once, not per batch; no copy when
     * it has that type), then checks finite values and label ranges, before any training.
     */
    private Dataset prepare(Dataset given, String operation) {
        Evaluator.requireLabels(given, operation);
        DataChecks.shapes(model, given.inputs(), operation);
        Dataset data = InputTypes.cast(model, compiled.loss(), given, operation);
        DataChecks.inputs(model, data.inputs(), operation);
        DataChecks.targetCount(model, data.targets(), operation);
        DataChecks.labels(model, compiled.loss(), data.targets(), operation);
        return data;
    }

    /** A seed for epoch {@code epoch} of a run seeded with {@code seed} (SplitMix64's finaliser). */
    static long epochSeed(long seed, int epoch) {
        long z = seed + (epoch + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One epoch of ordinary steps, or of DP-SGD steps when {@code dp} is not null. */
    private Map<String, Double> runEpoch(Iterator<Batch> it, SampleWeights weights, Augmentation augmentation,
                                         List<Callback> callbacks, PrivateTraining dp) {
        Map<String, Double> logs = new LinkedHashMap<>();
        int index = 0;
        try (RunningScores scores = new RunningScores(model, compiled, "fit")) {
            while (it.hasNext() && !model.isStopTraining()) {
                Batch batch = it.next();
                int b = index++;
                callbacks.forEach(c -> c.onBatchBegin(b, logs));
                INDArray sw = weights == null ? null : weights.of(batch.labels());
                if (dp == null) {
                    step(batch.inputs(), batch.targets(), sw, augmentation, scores);
                } else {
                    dp.step(batch.inputs(), batch.targets(), augmentation, scores);
                }
                logs.putAll(scores.logs());
                batch.release();   // its memory returns at once instead of piling up until a GC
                callbacks.forEach(c -> c.onBatchEnd(b, logs));
            }
        }
        return logs;
    }

    /**
     * One optimizer step, added to {@code scores} (the loss, and the metrics from the batch's
     * outputs). The augmented copy of {@code x} lives in the step's memory scope.
     */
    private void step(List<INDArray> x, List<INDArray> y, INDArray sampleWeight, Augmentation augmentation,
                      RunningScores scores) {
        try (MemoryScope scope = MemoryScope.open("train")) {
            model.store().zeroGrad();
            List<INDArray> input = augmentation.isIdentity() ? x : List.of(augmentation.apply(x.get(0)));
            LossStep.Result r = LossStep.compute(model, compiled.loss(), input, y, sampleWeight, true);
            r.loss().backward();
            compiled.optimizer().step(model.store().optimizerTargets(compiled.optimizer().updatesElementwise()));
            scores.add(r, y, x.get(0).size(0));
        }
    }

    Map<String, Double> trainOnBatch(List<INDArray> givenX, List<INDArray> givenY) {
        DataChecks.shapes(model, givenX, "trainOnBatch");
        DataChecks.targetCount(model, givenY, "trainOnBatch");
        for (INDArray input : givenX) {
            for (INDArray labels : givenY) {
                if (labels == null || labels.rank() == 0 || labels.size(0) != input.size(0)) {
                    throw new IllegalArgumentException(model.name() + ".trainOnBatch: x has " + input.size(0)
                            + " rows but y has " + (labels == null ? "none" : labels.rank() == 0 ? "a scalar"
                            : labels.size(0)));
                }
            }
        }
        List<INDArray> x = InputTypes.inputs(model, givenX, "trainOnBatch");   // the model's type, as fit
        List<INDArray> y = InputTypes.targets(model, compiled.loss(), givenY);
        try (MemoryScope checks = MemoryScope.open("checks")) {   // the checks' scalars are freed at once
            DataChecks.inputs(model, x, "trainOnBatch");
            DataChecks.labels(model, compiled.loss(), y, "trainOnBatch");
        }
        try (RunningScores scores = new RunningScores(model, compiled, "trainOnBatch")) {
            step(x, y, null, Augmentation.none(), scores);
            return scores.logs();
        }
    }
}
