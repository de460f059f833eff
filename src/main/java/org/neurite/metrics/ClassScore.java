package org.neurite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Precision, recall and F1 from a running {@link ConfusionMatrix}. A subclass gives only the
 * score of one class from its true positives, false positives and false negatives.
 *
 * <ul>
 * <li>Binary ({@code yPred [N, 1]} or {@code [N]}): the score of the positive class, predicted when
 *     {@code yPred > threshold} (default 0.5); targets count as positive when {@code >= 0.5}.</li>
 * <li>Multi-class ({@code yPred [N, K]}, {@code K > 1}): the predicted class is the argmax, the
 *     target is one-hot ({@code [N, K]}) or a class id ({@code [N]} / {@code [N, 1]}); the result is
 *     the macro average of the one-vs-rest scores over the classes that occur among the targets or
 *     the predictions seen (scikit-learn's {@code average="macro"}). This differs from Keras's
 *     {@code Precision}/{@code Recall}, which threshold every element of a multi-column output.</li>
 * </ul>
 * A score whose denominator is 0 counts as 0, as in Keras and scikit-learn.
 */
public abstract class ClassScore implements Metric {
    private final String name;
    private final double threshold;
    private ConfusionMatrix matrix;
    private boolean binary;

    protected ClassScore(String name, double threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    /** The score of one class; each argument is a count. */
    protected abstract double score(double truePositives, double falsePositives, double falseNegatives);

    public double threshold() {
        return threshold;
    }

    @Override
    public final void update(INDArray yTrue, INDArray yPred) {
        if (matrix == null) {
            binary = ConfusionMatrix.isBinary(yPred);
            int classes = binary ? 2 : Math.toIntExact(yPred.size(yPred.rank() - 1));
            matrix = new ConfusionMatrix(classes, threshold, name);
        }
        matrix.update(yTrue, yPred);
    }

    @Override
    public final double result() {
        if (matrix == null) {
            return 0;
        }
        double[] tp = matrix.truePositives().toDoubleVector();
        double[] actual = matrix.actual().toDoubleVector();
        double[] predicted = matrix.predictedCounts().toDoubleVector();
        if (binary) {
            return score(tp[1], predicted[1] - tp[1], actual[1] - tp[1]);
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < tp.length; c++) {
            if (actual[c] + predicted[c] > 0) {
                sum += score(tp[c], predicted[c] - tp[c], actual[c] - tp[c]);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    @Override
    public final void reset() {
        if (matrix != null) {
            matrix.reset();
        }
    }

    @Override
    public final String name() {
        return name;
    }

    /** {@code a / b}, or 0 when {@code b} is 0. */
    protected static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }
}
