package org.neurite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.models.DistributedFit;

/**
 * What the tasks of one step send back, summed by Spark's tree aggregation: a vector (the summed
 * gradient of a synchronous step, or the example-weighted sum of the workers' weights after an
 * averaging round), the weighted sum of their optimizer states, and each local batch's loss,
 * labels and outputs for the driver's metrics.
 */
final class StepReport implements Serializable {
    /** One local batch's scores: the metrics run on the driver over these. */
    record BatchScore(int step, int partition, double loss, long size, Floats targets, Floats predictions)
            implements Serializable {
    }

    Floats vector;
    final Map<String, Floats> state = new LinkedHashMap<>();
    long iterations;
    double weight;
    final List<BatchScore> batches = new ArrayList<>();

    /** Adds {@code other} into this report and returns it (Spark's seqOp and combOp). */
    static StepReport merge(StepReport into, StepReport other) {
        if (other.vector != null) {
            if (into.vector == null) {
                into.vector = new Floats(other.vector.values().clone(), other.vector.shape());
            } else {
                into.vector.addScaled(other.vector, 1);
            }
        }
        other.state.forEach((key, value) -> into.state.merge(key, value, (a, b) -> {
            Floats sum = new Floats(a.values().clone(), a.shape());
            sum.addScaled(b, 1);
            return sum;
        }));
        into.iterations = Math.max(into.iterations, other.iterations);
        into.weight += other.weight;
        into.batches.addAll(other.batches);
        return into;
    }

    /** Feeds the local batches to the epoch's metrics, in a fixed order (step, then partition). */
    void reportTo(DistributedFit.Scores scores) {
        List<BatchScore> ordered = new ArrayList<>(batches);
        ordered.sort(Comparator.comparingInt(BatchScore::step).thenComparingInt(BatchScore::partition));
        for (BatchScore b : ordered) {
            try (INDArray targets = b.targets().toArray(); INDArray predictions = b.predictions().toArray()) {
                scores.add(b.loss(), targets, predictions, b.size());
            }
        }
    }
}
