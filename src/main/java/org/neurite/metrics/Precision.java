package org.neurite.metrics;

/**
 * Precision, {@code TP / (TP + FP)}: of the examples predicted positive, the fraction that are.
 * Binary or macro-averaged multi-class, see {@link ClassScore}. Default threshold 0.5, name
 * {@code "precision"}.
 */
public final class Precision extends ClassScore {

    public Precision() {
        this(0.5);
    }

    /** @param threshold a binary prediction is positive when {@code yPred > threshold} */
    public Precision(double threshold) {
        super("precision", threshold);
    }

    @Override
    public Precision fresh() {
        return new Precision(threshold());
    }

    @Override
    protected double score(double truePositives, double falsePositives, double falseNegatives) {
        return ratio(truePositives, truePositives + falsePositives);
    }
}
