package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Metric#fresh()}: a new metric of the same kind and configuration that has seen nothing,
 * leaving the original as it was. Models compute every evaluation and epoch on such copies
 * (docs/reliability.md), so a copy that lost a setting would silently change a result.
 */
class MetricFreshTest {
    private static final INDArray BINARY_TRUE = Nd4j.createFromArray(1f, 0f, 1f, 1f, 0f, 0f).reshape(6, 1);
    private static final INDArray BINARY_PRED = Nd4j.createFromArray(0.9f, 0.35f, 0.4f, 0.7f, 0.2f, 0.6f).reshape(6, 1);
    private static final INDArray CLASS_TRUE = Nd4j.createFromArray(0f, 1f, 2f, 2f);
    private static final INDArray CLASS_PRED = Nd4j.createFromArray(new float[][]{
            {0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}, {0.2f, 0.2f, 0.6f}, {0.5f, 0.1f, 0.4f}});

    /** The copy: another object of the same class and name, empty; the original keeps its state. */
    private static void assertFreshCopy(Metric metric, INDArray yTrue, INDArray yPred) {
        metric.update(yTrue, yPred);
        double before = metric.result();
        Metric copy = metric.fresh();
        assertNotSame(metric, copy);
        assertSame(metric.getClass(), copy.getClass());
        assertEquals(metric.name(), copy.name());
        assertEquals(0, copy.result(), "a copy has seen nothing");
        assertEquals(before, metric.result(), "the original is untouched");
        copy.update(yTrue, yPred);
        assertEquals(before, copy.result(), "same configuration, same result on the same data");
        copy.update(yTrue, yPred);
        assertEquals(before, metric.result(), "the copy's state is its own");
    }

    @Test
    void everyBuiltInMetricCopiesItselfWithItsConfiguration() {
        for (Metric m : List.of(new BinaryAccuracy("acc", 0.38), new Precision(0.38), new Recall(0.38),
                new F1Score(0.38), new AUC(), new ConfusionMatrix(2, 0.38), new Accuracy("acc"))) {
            assertFreshCopy(m, BINARY_TRUE, BINARY_PRED);
        }
        for (Metric m : List.of(new SparseCategoricalAccuracy("acc"), new Precision(), new Recall(), new F1Score(),
                new ConfusionMatrix(3), new Accuracy())) {
            assertFreshCopy(m, CLASS_TRUE, CLASS_PRED);
        }
        INDArray oneHot = Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}});
        assertFreshCopy(new CategoricalAccuracy("acc"), oneHot, CLASS_PRED);
    }

    @Test
    void thresholdsAndClassCountsSurvive() {
        assertEquals(0.38, new BinaryAccuracy("acc", 0.38).fresh().threshold());
        assertEquals(0.38, new Precision(0.38).fresh().threshold());
        assertEquals(0.38, new Recall(0.38).fresh().threshold());
        assertEquals(0.38, new F1Score(0.38).fresh().threshold());
        assertEquals(5, new ConfusionMatrix(5).fresh().numClasses());
    }

    @Test
    void aResolvedAccuracyStaysResolvedAndAnUnresolvedOneStaysOpen() {
        Accuracy resolved = new Accuracy("acc");
        resolved.update(CLASS_TRUE, CLASS_PRED);
        Accuracy copy = resolved.fresh();
        assertInstanceOf(SparseCategoricalAccuracy.class, copy.resolved());
        assertNotSame(resolved.resolved(), copy.resolved());
        assertEquals("acc", copy.resolved().name());
        assertEquals(null, new Accuracy().fresh().resolved());
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy",
                org.neurite.losses.Losses.binaryCrossentropy()).fresh());
    }

    @Test
    void aUserMetricWithoutFreshReturnsItselfByDefault() {
        Metric user = new Metric() {
            @Override
            public void update(INDArray yTrue, INDArray yPred) {
            }

            @Override
            public double result() {
                return 0;
            }

            @Override
            public void reset() {
            }

            @Override
            public String name() {
                return "user";
            }
        };
        assertSame(user, user.fresh());
    }
}
