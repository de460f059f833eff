package org.neurite.metrics;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.ClassLabels;
import org.neurite.tensor.Allocator;

/**
 * Counts of (true class, predicted class) pairs over every batch seen: {@code matrix()[t][p]} is
 * the number of examples of class {@code t} predicted as {@code p} (rows true, columns predicted,
 * as scikit-learn and {@code tf.math.confusion_matrix}). As a {@link Metric} its result is the
 * accuracy, the diagonal over the total. Name {@code "confusion_matrix"}.
 *
 * <p>Accepted shapes, with {@code K = numClasses}:
 * <ul>
 * <li>{@code yPred [N, K]} (or {@code [N, ..., K]}): the predicted class is the argmax; {@code yTrue}
 *     is one-hot of the same shape (its argmax is the class) or class ids {@code [N]} / {@code [N, 1]}.</li>
 * <li>{@code yPred [N, 1]} or {@code [N]} with {@code K = 2}: binary; predicted class 1 when
 *     {@code yPred > threshold} (default 0.5), true class 1 when {@code yTrue >= 0.5}.</li>
 * </ul>
 * Counting is one matrix product of one-hot encodings per batch.
 *
 * <pre>{@code
 * ConfusionMatrix cm = new ConfusionMatrix(10);
 * cm.update(labels, probabilities);
 * long[][] counts = cm.matrix();
 * String table = cm.toString();
 * }</pre>
 */
public final class ConfusionMatrix implements Metric {
    private final int numClasses;
    private final double threshold;
    private final String owner;
    private final INDArray counts;

    /** Threshold 0.5 for binary predictions. */
    public ConfusionMatrix(int numClasses) {
        this(numClasses, 0.5);
    }

    public ConfusionMatrix(int numClasses, double threshold) {
        this(numClasses, threshold, "confusion_matrix");
    }

    /** A matrix whose errors name {@code owner}, the metric built on it. */
    ConfusionMatrix(int numClasses, double threshold, String owner) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(owner + ": numClasses must be at least 2, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.threshold = threshold;
        this.owner = owner;
        this.counts = Allocator.persistentZeros(DataType.DOUBLE, numClasses, numClasses);
    }

    public int numClasses() {
        return numClasses;
    }

    /** True when {@code yPred} holds one probability per example (binary), not one per class. */
    static boolean isBinary(INDArray yPred) {
        return yPred.rank() <= 1 || yPred.size(yPred.rank() - 1) == 1;
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        INDArray truth;
        INDArray predicted;
        if (isBinary(yPred)) {
            if (numClasses != 2) {
                throw new IllegalArgumentException(owner + ": yPred " + Arrays.toString(yPred.shape())
                        + " holds one probability per example, which needs numClasses = 2, not " + numClasses);
            }
            INDArray target = RateMetric.alignTo(yTrue, yPred, owner);
            truth = target.gte(0.5).castTo(DataType.DOUBLE);
            predicted = yPred.castTo(DataType.DOUBLE).gt(threshold).castTo(DataType.DOUBLE);
        } else {
            long[] p = yPred.shape();
            int classAxis = p.length - 1;
            if (p[classAxis] != numClasses) {
                throw new IllegalArgumentException(owner + ": yPred " + Arrays.toString(p) + " has " + p[classAxis]
                        + " classes on its last axis, expected " + numClasses);
            }
            predicted = Nd4j.argMax(yPred, classAxis);
            if (Arrays.equals(yTrue.shape(), p)) {
                truth = Nd4j.argMax(yTrue, classAxis);
            } else if (ClassLabels.fitsAsSparse(yTrue.shape(), p)) {
                truth = yTrue;
            } else {
                throw new IllegalArgumentException(owner + ": yTrue shape " + Arrays.toString(yTrue.shape())
                        + " does not fit yPred shape " + Arrays.toString(p) + "; expected one-hot targets of the same "
                        + "shape or class ids of shape " + Arrays.toString(Arrays.copyOf(p, classAxis)));
            }
        }
        INDArray t = ClassLabels.oneHot(truth.reshape(truth.length()), numClasses, DataType.DOUBLE, owner);
        INDArray q = ClassLabels.oneHot(predicted.reshape(predicted.length()), numClasses, DataType.DOUBLE, owner);
        counts.addi(t.transpose().mmul(q));
    }

    /** The counts, {@code [true class][predicted class]}. */
    public long[][] matrix() {
        return counts.toLongMatrix();
    }

    /** Examples counted so far. */
    public long total() {
        return counts.sumNumber().longValue();
    }

    /** Per class: correct predictions (the diagonal), shape {@code [K]}. */
    INDArray truePositives() {
        return Nd4j.diag(counts).reshape(numClasses);
    }

    /** Per class: examples truly of the class (row sums), shape {@code [K]}. */
    INDArray actual() {
        return counts.sum(1);
    }

    /** Per class: examples predicted as the class (column sums), shape {@code [K]}. */
    INDArray predictedCounts() {
        return counts.sum(0);
    }

    /** The accuracy: the diagonal over the total, 0 before any update. */
    @Override
    public double result() {
        double total = counts.sumNumber().doubleValue();
        return total == 0 ? 0 : truePositives().sumNumber().doubleValue() / total;
    }

    @Override
    public void reset() {
        counts.assign(0);
    }

    @Override
    public String name() {
        return "confusion_matrix";
    }

    /** A matrix of the same class count and threshold, all counts 0. */
    @Override
    public ConfusionMatrix fresh() {
        return new ConfusionMatrix(numClasses, threshold, owner);
    }

    /** A table with true classes as rows and predicted classes as columns. */
    @Override
    public String toString() {
        long[][] m = matrix();
        int width = Math.max(6, Long.toString(Math.max(total(), numClasses)).length() + 2);
        StringBuilder sb = new StringBuilder("confusion matrix (rows: true class, columns: predicted class)\n");
        sb.append(String.format("%" + (width + 5) + "s", ""));
        for (int p = 0; p < numClasses; p++) {
            sb.append(String.format("%" + width + "s", "p" + p));
        }
        sb.append('\n');
        for (int t = 0; t < numClasses; t++) {
            sb.append(String.format("%-" + (width + 5) + "s", "true " + t));
            for (int p = 0; p < numClasses; p++) {
                sb.append(String.format("%" + width + "d", m[t][p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
