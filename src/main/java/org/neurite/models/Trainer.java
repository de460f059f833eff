package org.neurite.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.Callback;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.BatchSource;
import org.neurite.data.Batches;
import org.neurite.data.Dataset;
import org.neurite.preprocessing.Augmentation;
import org.neurite.tensor.MemoryScope;

/**
 * The training loop of {@link Model#fit}: batches, one optimizer step each, callbacks at
 * every boundary. Each step runs in a memory scope, so steady-state training allocates nothing
 * new off-heap. Epoch {@code e} draws its batch order and reseeds ND4J's generator (dropout) from
 * the fit's seed and {@code e}, so a fit resumed at epoch {@code e} repeats the uninterrupted run.
 */
final class Trainer {
    private final Network model;
    private final Compiled compiled;

    Trainer(Network model, Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    History fit(Dataset given, Fit options) {
        Dataset data = DataChecks.labelled(model, compiled.loss(), given, "fit");
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
            validation = DataChecks.labelled(model, compiled.loss(), validation, "fit (validation data)");
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
        INDArray sampleWeight = SampleWeights.rows(options.sampleWeight(), data.size(), train.size(), model.name());
        long seed = options.seed();
        Batches batches = train.batches(options.batchSize(), options.shuffle(), seed).withSampleWeight(sampleWeight);
        Dataset val = validation;
        Supplier<Map<String, Double>> validate = val == null ? validator(options)
                : () -> new Evaluator(model).evaluate(compiled, val, options.batchSize());
        if (options.privacy() != null) {
            if (sampleWeight != null) {
                throw new IllegalArgumentException(model.name() + ".fit with privacy: sampleWeight is not supported "
                        + "(it would change each example's share of the clipped sum)");
            }
            PrivateTraining dp = new PrivateTraining(model, compiled, train, options);
            BatchSource poisson = dp::epoch;   // Poisson samples of the training set, as the accountant assumes
            return loop(options, dp.steps(), poisson::batches, (batch, index) -> batch, null, augmentation, validate, dp);
        }
        return loop(options, batches.size(), batches::iterator, (batch, index) -> batch, weights, augmentation,
                validate, null);
    }

    /**
     * Trains on batches streamed from {@code source}: each epoch is a new pass (or
     * {@link Fit#stepsPerEpoch} batches), each batch is checked as it arrives ({@link DataChecks#streamed}).
     */
    History fit(BatchSource source, Fit options) {
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException(model.name() + ".fit: validationSplit cannot hold out the end of a "
                    + "stream; give validation data with Fit.validationData(...)");
        }
        if (options.privacy() != null) {
            throw new IllegalArgumentException(model.name() + ".fit: privacy needs the whole training set to draw "
                    + "Poisson samples from (the accountant assumes them); give a Dataset, not a BatchSource");
        }
        if (options.sampleWeight() != null) {
            throw new IllegalArgumentException(model.name() + ".fit: Fit.sampleWeight weighs the rows of a Dataset; "
                    + "a BatchSource's batches carry their own weights (Batch.sampleWeight)");
        }
        SampleWeights weights = options.classWeight() == null ? null : new SampleWeights(options.classWeight());
        Augmentation augmentation = options.augmentation();
        return loop(options, -1, source::batches, (batch, index) -> {
            Batch checked = DataChecks.streamed(model, compiled, batch, index, true, "fit");
            if (!augmentation.isIdentity()) {
                Augmentation.requireImages(checked.inputs().get(0).shape(), model.name() + ".fit");
            }
            return checked;
        }, weights, augmentation, validator(options), null);
    }

    /** The validation scores after an epoch: of the streamed validation data, or none (null). */
    private Supplier<Map<String, Double>> validator(Fit options) {
        BatchSource val = options.validationSource();
        return val == null ? null : () -> new Evaluator(model).evaluate(compiled, val);
    }

    private History loop(Fit options, int batchesPerEpoch, IntFunction<BatchIterator> epochs, BatchPreparer prepare,
                         SampleWeights weights, Augmentation augmentation, Supplier<Map<String, Double>> validate,
                         PrivateTraining dp) {
        long seed = options.seed();
        FitCallbacks fit = FitCallbacks.open(model, options, batchesPerEpoch);
        List<Callback> callbacks = fit.all();
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(logs));
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.isStopTraining(); epoch++) {
            int e = epoch;
            if (dp != null && dp.stopsBefore(e)) {
                break;
            }
            Nd4j.getRandom().setSeed(epochSeed(seed, e));
            callbacks.forEach(c -> c.onEpochBegin(e, logs));
            Map<String, Double> epochLogs = runEpoch(epochs.apply(e), options.stepsPerEpoch(), prepare, weights,
                    augmentation, callbacks, dp);
            if (dp != null) {
                epochLogs.put("epsilon", dp.epsilonAfter(e + 1));
            }
            if (validate != null) {
                validate.get().forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
            logs.clear();
            logs.putAll(epochLogs);
        }
        History history = fit.finish(logs);
        MemoryScope.release("train");   // the step's reused arrays; trainOnBatch keeps them between calls
        return history;
    }

    /** What happens to each batch before its step: nothing for a checked Dataset, the checks for a stream. */
    @FunctionalInterface
    private interface BatchPreparer {
        Batch prepare(Batch batch, int index);
    }

    /** A seed for epoch {@code epoch} of a run seeded with {@code seed} (SplitMix64's finaliser). */
    static long epochSeed(long seed, int epoch) {
        long z = seed + (epoch + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One epoch of ordinary steps, or of DP-SGD steps when {@code dp} is not null. */
    private Map<String, Double> runEpoch(BatchIterator batches, int steps, BatchPreparer prepare, SampleWeights weights,
                                         Augmentation augmentation, List<Callback> callbacks, PrivateTraining dp) {
        Map<String, Double> logs = new LinkedHashMap<>();
        int index = 0;
        try (BatchIterator it = batches;
             RunningScores scores = new RunningScores(model, compiled, "fit")) {
            while ((steps == 0 || index < steps) && it.hasNext() && !model.isStopTraining()) {
                int b = index++;
                Batch batch = prepare.prepare(it.next(), b);
                callbacks.forEach(c -> c.onBatchBegin(b, logs));
                INDArray sw = weights == null ? batch.sampleWeight()
                        : SampleWeights.combine(batch.sampleWeight(), weights, batch.labels());
                if (dp == null) {
                    step(batch.inputs(), batch.targets(), sw, augmentation, scores);
                } else {
                    dp.step(batch.inputs(), batch.targets(), augmentation, scores);
                }
                logs.putAll(scores.logs());
                if (sw != batch.sampleWeight()) {
                    sw.close();
                }
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
        DataChecks.Checked batch = DataChecks.batch(model, compiled.loss(), givenX, givenY, "trainOnBatch");
        try (RunningScores scores = new RunningScores(model, compiled, "trainOnBatch")) {
            step(batch.x(), batch.y(), null, Augmentation.none(), scores);
            return scores.logs();
        }
    }
}
