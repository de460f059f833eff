package org.neurite.metrics;

/**
 * Recall, {@code TP / (TP + FN)}: of the positive examples, the fraction predicted positive.
 * Binary or macro-averaged multi-class, see {@link ClassScore}. Default threshold 0.5, name
 * {@code "recall"}.
 */
public final class Recall extends ClassScore {

    public Recall() {
        this(0.5);
    }

    /** @param threshold a binary prediction is positive when {@code yPred > threshold} */
    public Recall(double threshold) {
        super("recall", threshold);
    }

    @Override
    public Recall fresh() {
        return new Recall(threshold());
    }

    @Override
    protected double score(double truePositives, double falsePositives, double falseNegatives) {
        return ratio(truePositives, truePositives + falseNegatives);
    }
}
