package org.neurite.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.Neurite;
import org.neurite.callbacks.Callback;
import org.neurite.data.BatchSource;
import org.neurite.data.Dataset;
import org.neurite.preprocessing.Augmentation;
import org.neurite.privacy.DifferentialPrivacy;

/**
 * Options of {@link Model#fit}, with Keras's defaults:
 * {@code Fit.epochs(10).batchSize(32).validationSplit(0.1)}.
 * Batch size 32, shuffle each epoch, verbose 1, no validation.
 */
public final class Fit {
    private final int epochs;
    private int initialEpoch;
    private int batchSize = 32;
    private boolean shuffle = true;
    private double validationSplit;
    private Dataset validationData;
    private BatchSource validationSource;
    private Map<Integer, Double> classWeight;
    private INDArray sampleWeight;
    private int stepsPerEpoch;
    private final List<Callback> callbacks = new ArrayList<>();
    private int verbose = 1;
    private Long seed;
    private Augmentation augmentation = Augmentation.none();
    private DifferentialPrivacy privacy;

    private Fit(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
    }

    /** Starts the options with the number of epochs. */
    public static Fit epochs(int epochs) {
        return new Fit(epochs);
    }

    public Fit batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** Epoch to start from (0-based), for resuming: trains epochs initialEpoch..epochs-1. */
    public Fit initialEpoch(int value) {
        if (value < 0 || value >= epochs) {
            throw new IllegalArgumentException("initial epoch must be in [0, " + epochs + "), got " + value);
        }
        this.initialEpoch = value;
        return this;
    }

    public Fit shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Holds out the LAST fraction of the training rows (before shuffling) for validation, as Keras. */
    public Fit validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split must be in [0, 1), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    public Fit validationData(Dataset data) {
        this.validationData = data;
        this.validationSource = null;
        return this;
    }

    public Fit validationData(INDArray x, INDArray y) {
        return validationData(Dataset.of(x, y));
    }

    /** Validation data read as it is needed, evaluated after every epoch (replaces a {@link Dataset} set before). */
    public Fit validationData(BatchSource data) {
        this.validationSource = data;
        this.validationData = null;
        return this;
    }

    /**
     * Weights of each training example in the loss, shape {@code [n]} (or {@code [n, 1]}), as Keras's
     * {@code sample_weight}: example {@code i}'s loss is multiplied by {@code weights[i]} before
     * the batch mean {@code sum(loss_i * w_i) / b}. The weights follow their rows through shuffling
     * and {@link #validationSplit} (validation data is not weighed); with {@link #classWeight} too,
     * an example weighs the product of both. For a {@link BatchSource}, each {@link
     * org.neurite.data.Batch#sampleWeight() batch carries its weights} instead. Null: none.
     */
    public Fit sampleWeight(INDArray weights) {
        this.sampleWeight = weights;
        return this;
    }

    /**
     * For a {@link BatchSource}: the number of batches that make an epoch (Keras's
     * {@code steps_per_epoch}), for a source that never ends; 0 (the default) means until the
     * source's epoch ends. Each epoch then asks the source for a new pass.
     */
    public Fit stepsPerEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("steps per epoch must be >= 0 (0: the whole source), got " + value);
        }
        this.stepsPerEpoch = value;
        return this;
    }

    /**
     * Weights of each class in the loss (class id to weight), e.g. from class imbalance
     * ({@link org.neurite.data.ClassWeights#balanced}). Each training example's loss is multiplied by
     * the weight of its class; a class the map leaves out weighs 1.0, as in Keras 3, so
     * {@code Map.of(0, 1.0, 1, 2.0)} on labels with classes 0, 1 and 2 weighs class 2 by 1.0. Labels
     * are class ids {@code [n]} or {@code [n, 1]} (whole numbers {@code >= 0}; anything else is an
     * error naming the example and its value when {@code fit} starts) or one-hot rows {@code [n, k]}
     * (a row's weight is its dot product with the weights of classes {@code 0..k-1}). Only for a
     * model with one output; validation data is not weighed. Null: no class weights.
     *
     * @throws IllegalArgumentException naming the class and the value, for a class id below 0, or a
     *         weight that is NaN, infinite, negative or null
     */
    public Fit classWeight(Map<Integer, Double> weights) {
        this.classWeight = weights == null ? null : Map.copyOf(SampleWeights.checked(weights, "Fit.classWeight"));
        return this;
    }

    public Fit callbacks(Callback... values) {
        callbacks.addAll(Arrays.asList(values));
        return this;
    }

    /** 0 = silent, 1 = progress bar (one line per epoch when not on a terminal), 2 = one line per epoch. */
    public Fit verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        this.verbose = value;
        return this;
    }

    /**
     * Seed of this fit's randomness: epoch {@code e} shuffles and reseeds ND4J's generator (dropout)
     * from it and {@code e}. Default: {@link Neurite#currentSeed()}.
     */
    public Fit seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Random image augmentation applied to the features of every training batch (never to
     * validation data, {@code evaluate} or {@code predict}); see {@link Augmentation}. The features
     * must be channels-last images {@code [n, height, width, channels]}.
     */
    public Fit augment(Augmentation value) {
        if (value == null) {
            throw new IllegalArgumentException("augmentation must not be null; use Augmentation.none() for none");
        }
        this.augmentation = value;
        return this;
    }

    /**
     * Differentially private training (DP-SGD, see docs/privacy.md): Poisson-sampled batches of
     * {@code batchSize} examples on average, per-example gradients clipped and noised, epsilon in
     * the history after every epoch ({@code "epsilon"}). Null (the default): ordinary training.
     */
    public Fit privacy(DifferentialPrivacy value) {
        this.privacy = value;
        return this;
    }

    /** The privacy settings, or null for ordinary training. */
    public DifferentialPrivacy privacy() {
        return privacy;
    }

    public int epochs() {
        return epochs;
    }

    public int initialEpoch() {
        return initialEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public double validationSplit() {
        return validationSplit;
    }

    public Dataset validationData() {
        return validationData;
    }

    /** The streamed validation data, or null. */
    public BatchSource validationSource() {
        return validationSource;
    }

    public Map<Integer, Double> classWeight() {
        return classWeight;
    }

    /** The per-example weights, or null. */
    public INDArray sampleWeight() {
        return sampleWeight;
    }

    /** Batches per epoch of a {@link BatchSource}; 0: the whole pass. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    public int verbose() {
        return verbose;
    }

    /** The seed set with {@link #seed(long)}, or else {@link Neurite#currentSeed()} at the time of the call. */
    public long seed() {
        return seed != null ? seed : Neurite.currentSeed();
    }

    /** The training-batch augmentation; {@link Augmentation#none()} unless set. */
    public Augmentation augmentation() {
        return augmentation;
    }
}
