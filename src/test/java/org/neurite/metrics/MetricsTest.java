package org.neurite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.losses.Losses;

class MetricsTest {

    @Test
    void accuracyResolvesFromTheLossAsKerasDoes() {
        Metric binary = Metrics.resolve("accuracy", Losses.binaryCrossentropy());
        assertInstanceOf(BinaryAccuracy.class, binary);
        assertEquals("accuracy", binary.name());
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolve("acc", Losses.sparseCategoricalCrossentropy()));
        assertEquals("acc", Metrics.resolve("acc", Losses.sparseCategoricalCrossentropy()).name());
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("accuracy", Losses.categoricalCrossentropy()));
        // logits mode does not change the choice
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("accuracy", Losses.binaryCrossentropy().withFromLogits(true)));
        // other losses: chosen by shapes at the first batch
        assertInstanceOf(Accuracy.class, Metrics.resolve("accuracy", Losses.meanSquaredError()));
        // the marker form used by compile(..., Metrics.accuracy())
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolve(Metrics.accuracy(), Losses.sparseCategoricalCrossentropy()));
        Metric auc = Metrics.auc();
        assertSame(auc, Metrics.resolve(auc, Losses.binaryCrossentropy()));
        assertInstanceOf(Precision.class, Metrics.resolve("precision", Losses.binaryCrossentropy()));
    }

    @Test
    void getAcceptsKerasNamesAndAliases() {
        assertInstanceOf(Accuracy.class, Metrics.get("accuracy"));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("binary_accuracy"));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("BinaryAccuracy"));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("categorical_accuracy"));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("sparse_categorical_accuracy"));
        assertInstanceOf(Precision.class, Metrics.get("precision"));
        assertInstanceOf(Recall.class, Metrics.get("recall"));
        assertInstanceOf(F1Score.class, Metrics.get("f1_score"));
        assertInstanceOf(F1Score.class, Metrics.get("F1Score"));
        assertInstanceOf(AUC.class, Metrics.get("AUC"));
        assertEquals("auc", Metrics.get("AUC").name());
        assertEquals("f1_score", Metrics.f1Score().name());
        assertEquals(3, Metrics.confusionMatrix(3).numClasses());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("top_k"));
        assertTrue(e.getMessage().contains("'top_k'") && e.getMessage().contains("sparse_categorical_accuracy")
                && e.getMessage().contains("auc"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve("mystery", Losses.meanSquaredError()));
    }
}
