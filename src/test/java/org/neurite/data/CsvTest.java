package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void loadsFeaturesAndLabels() throws IOException {
        Path file = Files.writeString(dir.resolve("points.csv"), "a, label ,b\n1,0,2\n\n3, 1 ,4.5\n");
        Dataset byName = Csv.load(file, "label");
        assertArrayEquals(new float[][] {{1, 2}, {3, 4.5f}}, byName.features().toFloatMatrix());
        assertArrayEquals(new long[] {2, 1}, byName.labels().shape());
        assertArrayEquals(new float[] {0, 1}, byName.labels().toFloatVector());
        Dataset last = Csv.load(file, -1, true);
        assertArrayEquals(new float[] {2, 4.5f}, last.labels().toFloatVector());
        assertArrayEquals(new long[] {2, 3}, Csv.read(file, true).shape());
    }

    @Test
    void badCellsNameFileLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        IOException e = assertThrows(IOException.class, () -> Csv.read(file, false));
        assertEquals(file + ":2, column 2: not a number: \"x\"", e.getMessage());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
        assertTrue(assertThrows(IOException.class, () -> Csv.read(ragged, false)).getMessage().contains(":2: 1 cells"));
        assertThrows(IOException.class, () -> Csv.load(file, "nope"));
    }
}
