package org.neurite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A streaming evaluation measure: {@link #update} with each batch, read {@link #result}, and
 * {@link #reset} between epochs. Metrics take plain arrays (no gradients) and keep their running
 * state outside any ND4J workspace, so they may be updated inside a per-batch memory scope.
 *
 * <pre>{@code
 * Metric acc = Metrics.get("sparse_categorical_accuracy");
 * for (Batch b : batches) {
 *     acc.update(b.labels(), model.predict(b.features()));
 * }
 * double accuracy = acc.result();
 * }</pre>
 * A metric that has seen no example reports 0, as Keras does.
 */
public interface Metric {

    /**
     * Adds a batch.
     *
     * @param yTrue the targets (shape depends on the metric: 0/1 values, one-hot rows or class ids)
     * @param yPred the model's output after its final activation (probabilities or values), {@code [N, ...]}
     * @throws IllegalArgumentException when the shapes do not fit, naming the metric and both shapes
     */
    void update(INDArray yTrue, INDArray yPred);

    /** The value over every batch since the last {@link #reset}. */
    double result();

    /** Forgets every batch seen. */
    void reset();

    /** The Keras name, such as {@code "accuracy"}, {@code "precision"} or {@code "auc"}. */
    String name();
}
