package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.callbacks.Callback;
import org.neurite.data.csv.Csv;
import org.neurite.data.csv.CsvStream;
import org.neurite.data.csv.GeneratedCsv;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;

/**
 * Streaming a CSV file several times larger than the heap: this class runs in its own surefire
 * execution with {@code -Xmx64m} and a 256 MB cap on ND4J's off-heap memory (pom.xml), so holding
 * the file's rows (or leaking batches) fails with an OutOfMemoryError. Heap and off-heap use must
 * also be flat from one epoch to the next.
 */
class SmallHeapStreamTest {
    private static final int FEATURES = 16;
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Heap in use after a collection, and ND4J's off-heap bytes, at the end of each epoch. */
    private static final class Memory extends Callback {
        final List<long[]> samples = new ArrayList<>();

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            samples.add(new long[] {rt.totalMemory() - rt.freeMemory(), Pointer.totalBytes()});
        }
    }

    @Test
    void anEpochOverAFileThreeTimesTheHeapKeepsMemoryFlat() throws IOException {
        // -Dtest=... runs it in the default execution (2 GB heap) too, where it would prove nothing
        assumeTrue(Boolean.getBoolean("neurite.smallHeap"), "runs in the small-heap surefire execution");
        long heap = Runtime.getRuntime().maxMemory();
        assertTrue(heap <= 96 * MIB, "the small-heap execution runs with -Xmx64m, got " + heap / MIB + " MiB");
        Path file = dir.resolve("big.csv");
        long rows = GeneratedCsv.write(file, 3 * heap, FEATURES);
        assertTrue(Files.size(file) >= 3 * heap);
        assertTrue(rows * FEATURES * Float.BYTES > heap, "the encoded rows alone would not fit in the heap");

        CsvStream data = Csv.stream(file, "label", 1024);
        Sequential model = new Sequential(new Input(FEATURES), new Dense(8, "relu"), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        Memory memory = new Memory();
        History history = model.fit(data, Fit.epochs(2).verbose(0).callbacks(memory));

        assertEquals(2, history.get("loss").size());
        assertTrue(history.last("accuracy") > 0.9, "it learned from the stream: " + history);
        long[] first = memory.samples.get(0);
        long[] second = memory.samples.get(1);
        assertTrue(second[0] - first[0] < 8 * MIB, "heap grew from " + first[0] / MIB + " to " + second[0] / MIB + " MiB");
        assertTrue(second[1] - first[1] < 16 * MIB, "off-heap grew from " + first[1] / MIB + " to " + second[1] / MIB
                + " MiB");
    }
}
