package org.neurite.metrics;

import java.util.Map;

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
 *
 * <p>A metric object is running state for one computation at a time. A model therefore keeps the
 * metrics it was compiled with as templates and gives every {@code evaluate} call and every
 * epoch of {@code fit} its own instances, made with {@link #fresh()}, so that such calls can run
 * on several threads at once (docs/reliability.md).
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

    /**
     * A new metric of the same kind and configuration (name, threshold, class count, ...) that
     * has seen nothing; this one is left as it is. Every built-in metric makes one.
     *
     * <p>The default returns {@code this}: the metric cannot be copied, so a model uses that one
     * object for one call at a time, and a second {@code evaluate} or {@code fit} wanting it while
     * another call on any thread uses it fails with an {@link IllegalStateException}. Override
     * this method (typically {@code return new MyMetric(sameSettings);}) to let such calls run
     * at once.
     */
    default Metric fresh() {
        return this;
    }

    /**
     * The metric's options under JSON-writable keys, saved with a model so that
     * {@link Metrics#fromConfig} can rebuild a custom metric registered with {@link Metrics#register}.
     * Empty by default (built-in metrics are saved and restored by name).
     */
    default Map<String, Object> config() {
        return Map.of();
    }
}
