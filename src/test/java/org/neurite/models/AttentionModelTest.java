package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.layers.Dense;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.TokenAndPositionEmbedding;
import org.neurite.layers.TransformerEncoder;
import org.neurite.losses.Losses;
import org.neurite.optimizers.Adam;

/** A small Transformer classifier trains, and saves and loads with its weights and optimizer state. */
class AttentionModelTest {
    @TempDir
    Path dir;

    @Test
    void transformerClassifierTrainsAndRoundTrips() throws IOException {
        Sequential model = new Sequential(
                new Input(6),
                new TokenAndPositionEmbedding(12, 6, 8),
                new TransformerEncoder(16, 2).dropout(0.1),
                new TransformerEncoder(16, 2).normalizeFirst(true),
                new GlobalAveragePooling1D(),
                new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-2), Losses.binaryCrossentropy());
        Nd4j.getRandom().setSeed(21);
        INDArray ids = Nd4j.rand(DataType.FLOAT, 32, 6).muli(12).castTo(DataType.INT).castTo(DataType.FLOAT);
        // label: whether token 3 occurs, which needs the sequence as a whole
        INDArray y = ids.eq(3).castTo(DataType.FLOAT).max(1).reshape(32, 1);
        double first = model.fit(ids, y, Fit.epochs(1).batchSize(8).verbose(0)).history().get("loss").get(0);
        List<Double> losses = model.fit(ids, y, Fit.epochs(15).batchSize(8).verbose(0)).history().get("loss");
        assertTrue(losses.get(losses.size() - 1) < first, first + " -> " + losses);

        Map<String, INDArray> weights = ModelWeights.of(model);
        assertTrue(weights.containsKey("transformer_encoder/self_attention_layer_query_kernel")
                || weights.keySet().stream().anyMatch(k -> k.endsWith("/self_attention_layer_query_kernel")),
                weights.keySet().toString());
        assertEquals(2 + 2 * 16 + 2, weights.size());

        Path file = dir.resolve("transformer.neurite");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(model.predict(ids).data().asFloat(), loaded.predict(ids).data().asFloat(), 0);
        assertEquals(model.layers().stream().map(l -> Json.write(l.config())).toList(),
                loaded.layers().stream().map(l -> Json.write(l.config())).toList());
        Map<String, INDArray> state = ModelWeights.optimizerState(model, model.optimizer());
        Map<String, INDArray> restored = ModelWeights.optimizerState(loaded, loaded.optimizer());
        assertFalse(state.isEmpty());
        assertEquals(state.keySet(), restored.keySet());
        state.forEach((k, v) -> assertArrayEquals(v.data().asFloat(), restored.get(k).data().asFloat(), 0, k));

        // training the loaded model continues exactly like the original
        Nd4j.getRandom().setSeed(8);
        model.fit(ids, y, Fit.epochs(1).batchSize(8).shuffle(false).verbose(0));
        Nd4j.getRandom().setSeed(8);
        loaded.fit(ids, y, Fit.epochs(1).batchSize(8).shuffle(false).verbose(0));
        assertArrayEquals(model.predict(ids).data().asFloat(), loaded.predict(ids).data().asFloat(), 1e-6f);
    }
}
