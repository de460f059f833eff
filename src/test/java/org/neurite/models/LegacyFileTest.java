package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Files written before the functional Model existed (by Neurite at 05be417: a compiled Sequential
 * Input 6, Dense 8 relu, Dropout, Dense 3 softmax after two epochs of Adam) still load, as a
 * Sequential, and predict what they predicted then.
 */
class LegacyFileTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LegacyFileTest.class.getResource("/legacy/" + name).toURI());
    }

    @Test
    void aSequentialSavedBeforeGraphsLoadsAndPredictsAsThen() throws IOException, URISyntaxException {
        Path file = resource("sequential-format1.neurite");
        Sequential model = Sequential.load(file);
        assertInstanceOf(Sequential.class, Model.load(file));
        assertEquals(List.of("input", "hidden", "drop", "out"),
                model.layers().stream().map(l -> l.name().replaceAll("_\\d+$", "")).toList());
        assertTrue(model.isCompiled());
        INDArray x = Nd4j.linspace(-1, 1, 60, DataType.FLOAT).reshape(10, 6);
        double[] expected = Files.readAllLines(resource("sequential-format1.predictions.txt")).stream()
                .mapToDouble(Double::parseDouble).toArray();
        double[] found = model.predict(x).reshape(30).toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], found[i], 1e-6, "prediction " + i);
        }
        INDArray y = Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f, 0f, 1f, 2f, 0f).reshape(10, 1);
        assertEquals(4, model.optimizer().iterations());   // 2 epochs of 2 batches
        model.fit(x, y, Fit.epochs(1).batchSize(5).verbose(0));
        assertEquals(6, model.optimizer().iterations());   // the optimizer state resumed
    }
}
