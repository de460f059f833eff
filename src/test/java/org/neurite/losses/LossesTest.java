package org.neurite.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void factoriesGiveTheKerasNamesAndDefaults() {
        assertEquals("mean_squared_error", Losses.meanSquaredError().name());
        assertEquals("mean_absolute_error", Losses.meanAbsoluteError().name());
        assertEquals("huber", Losses.huber().name());
        assertEquals(Map.of("delta", 1.0), Losses.huber().config());
        assertEquals("binary_crossentropy", Losses.binaryCrossentropy().name());
        assertEquals("categorical_crossentropy", Losses.categoricalCrossentropy().name());
        assertEquals("sparse_categorical_crossentropy", Losses.sparseCategoricalCrossentropy().name());
        assertEquals(Map.of("from_logits", false), Losses.sparseCategoricalCrossentropy().config());
    }

    @Test
    void getAcceptsKerasNamesClassNamesAndAliases() {
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MSE"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MeanSquaredError"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(Huber.class, Losses.get("huber"));
        assertInstanceOf(Huber.class, Losses.get("huber_loss"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("binary_crossentropy"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("BinaryCrossentropy"));
        assertInstanceOf(CategoricalCrossentropy.class, Losses.get("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("sparse_categorical_crossentropy"));
        assertTrue(Losses.names().containsAll(List.of("mse", "mae", "huber", "binary_crossentropy")));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("hinge"));
        assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains("sparse_categorical_crossentropy")
                && e.getMessage().contains("mse"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
    }

    @Test
    void configRoundTripsEveryLoss() {
        List<Loss> all = List.of(new MeanSquaredError(), new MeanAbsoluteError(), new Huber(2.5),
                new BinaryCrossentropy(true), new CategoricalCrossentropy(true), new SparseCategoricalCrossentropy(true),
                new SparseCategoricalCrossentropy());
        for (Loss loss : all) {
            Loss rebuilt = Losses.fromConfig(loss.name(), loss.config());
            assertEquals(loss, rebuilt);
            assertEquals(loss.fromLogits(), rebuilt.fromLogits());
        }
        assertEquals(2.5, ((Huber) Losses.fromConfig("huber", Map.of("delta", 2.5))).delta());
        // Keras's own keys are tolerated
        assertTrue(Losses.fromConfig("binary_crossentropy",
                Map.of("name", "bce", "reduction", "sum_over_batch_size", "from_logits", true)).fromLogits());
    }

    @Test
    void badConfigsNameTheLossAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("mse", Map.of("from_logits", true)));
        assertTrue(e.getMessage().contains("mean_squared_error") && e.getMessage().contains("from_logits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("binary_crossentropy", Map.of("from_logits", "yes")));
        assertTrue(e.getMessage().contains("from_logits must be a boolean"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig("huber", Map.of("reduction", "sum")));
        assertTrue(e.getMessage().contains("sum_over_batch_size"), e.getMessage());
    }

    @Test
    void withFromLogitsSwitchesModeAndKeepsTheLoss() {
        for (Loss loss : List.of(Losses.binaryCrossentropy(), Losses.categoricalCrossentropy(),
                Losses.sparseCategoricalCrossentropy())) {
            Loss logits = loss.withFromLogits(true);
            assertNotSame(loss, logits);
            assertTrue(logits.fromLogits());
            assertEquals(loss.getClass(), logits.getClass());
            assertEquals(loss, logits.withFromLogits(false));
            assertSame(loss, loss.withFromLogits(false));
        }
        assertEquals("BinaryCrossentropy{from_logits=true}", new BinaryCrossentropy(true).toString());
    }
}
