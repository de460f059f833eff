package org.neurite.models;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Batch;
import org.neurite.data.Dataset;
import org.neurite.preprocessing.Augmentation;
import org.neurite.privacy.ClippedSum;
import org.neurite.privacy.DifferentialPrivacy;
import org.neurite.privacy.GaussianNoise;
import org.neurite.privacy.PoissonSampler;
import org.neurite.privacy.RdpAccountant;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.PerExampleGradients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DP-SGD inside {@link Model#fit} ({@code Fit.privacy}): Poisson-sampled batches, and per step the
 * per-example gradients ({@link PerExampleGradients}), each clipped to norm {@code C}, summed,
 * plus Gaussian noise of standard deviation {@code sigma C}, divided by the expected batch size
 * {@code q n}; then the compiled optimizer's ordinary step. {@code q = batchSize / n}, and an
 * epoch is {@code ceil(n / batchSize)} steps, as without privacy.
 */
final class PrivateTraining {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateTraining.class);

    private final Network model;
    private final Compiled compiled;
    private final DifferentialPrivacy settings;
    private final Dataset train;
    private final long seed;
    private final double q;
    private final int stepsPerEpoch;
    private final double delta;
    private final double sigma;
    private final SecureRandom secure;
    private final GaussianNoise noise;

    PrivateTraining(Network model, Compiled compiled, Dataset train, Fit options) {
        PrivacyChecks.requireSupported(model);
        if (options.classWeight() != null) {
            throw new IllegalArgumentException(model.name() + ".fit with privacy: classWeight is not supported "
                    + "(a weighted example could exceed the clipping norm); balance the data instead");
        }
        this.model = model;
        this.compiled = compiled;
        this.settings = options.privacy();
        this.train = train;
        this.seed = options.seed();
        long n = train.size();
        this.q = Math.min(1.0, (double) options.batchSize() / n);
        this.stepsPerEpoch = (int) ((n + options.batchSize() - 1) / options.batchSize());
        this.delta = settings.deltaFor(n);
        this.sigma = settings.noiseMultiplierFor(q, (long) stepsPerEpoch * options.epochs(), delta);
        this.secure = settings.isSecureRandom() ? new SecureRandom() : null;
        this.noise = secure == null ? GaussianNoise.seeded() : GaussianNoise.secure(secure);
        LOG.info("{}: DP-SGD on {} examples, sampling rate {}, {} steps per epoch, noise multiplier {}, clip {}, "
                + "delta {}", model.name(), n, q, stepsPerEpoch, sigma, settings.l2NormClip(), delta);
    }

    double noiseMultiplier() {
        return sigma;
    }

    /** The number of steps (Poisson samples) in an epoch. */
    int steps() {
        return stepsPerEpoch;
    }

    /** Epoch {@code e}'s batches: {@code stepsPerEpoch} Poisson samples. */
    Iterator<Batch> epoch(int e) {
        Random random = secure != null ? secure : new Random(Trainer.epochSeed(seed ^ 0x5DEECE66DL, e));
        return new PoissonBatches(train, new PoissonSampler(train.size(), q, random), stepsPerEpoch);
    }

    /** The epsilon spent once {@code epochs} epochs (this fit's and earlier ones it resumes) are done. */
    double epsilonAfter(int epochs) {
        return RdpAccountant.epsilon(q, sigma, (long) epochs * stepsPerEpoch, delta);
    }

    /**
     * Whether training must stop before epoch {@code e} (0-based) because finishing it would spend
     * more than the budget; if so, says so in the log and tells the model to stop.
     */
    boolean stopsBefore(int e) {
        double next = epsilonAfter(e + 1);
        if (next <= settings.budget()) {
            return false;
        }
        LOG.warn("{}: privacy budget {} reached; stopping before epoch {}, after which epsilon would be {}",
                model.name(), settings.budget(), e + 1, next);
        model.stopTraining(true);
        return true;
    }

    /** One DP-SGD step on a sampled batch (possibly empty: then the step is noise alone). */
    void step(List<INDArray> x, List<INDArray> y, Augmentation augmentation, RunningScores scores) {
        try (MemoryScope scope = MemoryScope.open("train")) {
            ParameterStore store = model.store();
            store.zeroGrad();
            INDArray grads = store.grads();
            int rows = (int) x.get(0).size(0);
            if (rows > 0) {
                List<INDArray> input = augmentation.isIdentity() ? x : List.of(augmentation.apply(x.get(0)));
                LossStep.Result r;
                try (PerExampleGradients collected = PerExampleGradients.open(rows)) {
                    r = LossStep.compute(model, compiled.loss(), input, y, null, true);
                    r.loss().backward();
                    // the loss is the batch mean, so each collected gradient is the example's divided by rows
                    ClippedSum.into(collected, rows, settings.l2NormClip());
                }
                scores.add(r, y, rows);
            }
            noise.addTo(grads, sigma * settings.l2NormClip());
            grads.divi(q * train.size());
            compiled.optimizer().step(store.optimizerTargets(compiled.optimizer().updatesElementwise()));
        }
    }
}
