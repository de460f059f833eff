package org.neurite.metrics;

/**
 * F1, the harmonic mean of precision and recall: {@code 2 TP / (2 TP + FP + FN)}. Binary or
 * macro-averaged multi-class (the mean of the per-class F1 scores, as scikit-learn's
 * {@code average="macro"}), see {@link ClassScore}. Default threshold 0.5, name {@code "f1_score"}.
 */
public final class F1Score extends ClassScore {

    public F1Score() {
        this(0.5);
    }

    /** @param threshold a binary prediction is positive when {@code yPred > threshold} */
    public F1Score(double threshold) {
        super("f1_score", threshold);
    }

    @Override
    public F1Score fresh() {
        return new F1Score(threshold());
    }

    @Override
    protected double score(double truePositives, double falsePositives, double falseNegatives) {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }
}
