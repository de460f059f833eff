package org.neurite.metrics;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * The area under the ROC curve, computed exactly: the fraction of (positive, negative) pairs
 * whose positive example scores higher, ties counting one half (the Mann-Whitney statistic, equal
 * to scikit-learn's {@code roc_auc_score}). Keras's {@code AUC} instead buckets scores into 200
 * thresholds, so its value can differ from this one in the second or third decimal.
 * Name {@code "auc"}.
 *
 * <p>Shapes: {@code yPred} scores {@code [N, 1]} or {@code [N]}; {@code yTrue} the same shape
 * ({@code [N]} fits {@code [N, 1]}), positive when {@code >= 0.5}. A multi-column {@code yPred}
 * is flattened, each element an independent binary prediction (Keras's default
 * {@code multi_label=False}: a micro-average).
 *
 * <p>Every score is kept until {@link #reset} (16 bytes per element); {@link #result} sorts them,
 * so it costs {@code O(n log n)}. With only one class seen the result is 0, as in Keras.
 */
public final class AUC implements Metric {
    private final List<INDArray> scores = new ArrayList<>();
    private final List<INDArray> labels = new ArrayList<>();

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        INDArray target = RateMetric.alignTo(yTrue, yPred, name());
        if (yPred.length() == 0) {
            return;
        }
        scores.add(Allocator.persistentCopy(yPred.castTo(DataType.DOUBLE).reshape(yPred.length())));
        labels.add(Allocator.persistentCopy(target.gte(0.5).castTo(DataType.DOUBLE).reshape(yPred.length())));
    }

    @Override
    public double result() {
        if (scores.isEmpty()) {
            return 0;
        }
        INDArray s = scores.size() == 1 ? scores.get(0) : Nd4j.concat(0, scores.toArray(new INDArray[0]));
        INDArray y = labels.size() == 1 ? labels.get(0) : Nd4j.concat(0, labels.toArray(new INDArray[0]));
        long n = s.length();
        double positives = y.sumNumber().doubleValue();
        double negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0;
        }
        // ascending scores; group equal scores so that ties count one half
        INDArray[] sorted = Nd4j.sortWithIndices(s.dup(), 0, true);
        INDArray order = sorted[0].castTo(DataType.LONG);
        INDArray sortedScores = sorted[1];
        INDArray sortedLabels = Native.call("gather", y, order)[0];
        INDArray startsGroup = Nd4j.ones(DataType.DOUBLE, n);
        if (n > 1) {
            INDArray differs = sortedScores.get(NDArrayIndex.interval(1, n))
                    .neq(sortedScores.get(NDArrayIndex.interval(0, n - 1)));
            startsGroup.get(NDArrayIndex.interval(1, n)).assign(differs.castTo(DataType.DOUBLE));
        }
        INDArray group = startsGroup.cumsum(0).subi(1).castTo(DataType.LONG);
        INDArray groupPositives = Native.call("segment_sum", sortedLabels, group)[0];
        INDArray groupSizes = Native.call("segment_sum", Nd4j.onesLike(sortedLabels), group)[0];
        INDArray groupNegatives = groupSizes.sub(groupPositives);
        // positives scoring strictly higher than group g: all minus those up to and including g
        INDArray higher = groupPositives.cumsum(0).rsubi(positives);
        INDArray credit = higher.addi(groupPositives.mul(0.5));
        double correctPairs = groupNegatives.mul(credit).sumNumber().doubleValue();
        return correctPairs / (positives * negatives);
    }

    @Override
    public void reset() {
        scores.clear();
        labels.clear();
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public AUC fresh() {
        return new AUC();
    }

    @Override
    public String toString() {
        return name() + "=" + result();
    }
}
