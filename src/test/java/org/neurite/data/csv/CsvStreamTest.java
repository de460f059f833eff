package org.neurite.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.Dataset;

/** Csv.stream: the same rows and encoding as Csv.load, a batch at a time. */
class CsvStreamTest {
    @TempDir
    Path dir;

    /** 60 rows: a number with two stray text cells (lines 7 and 49), a colour, a class. */
    private Path file() throws IOException {
        StringBuilder csv = new StringBuilder("size,color,label\n");
        String[] colors = {"red", "blue", "green"};
        for (int i = 0; i < 60; i++) {
            String size = i == 5 ? "abc" : i == 47 ? "??" : String.valueOf(i * 0.5);
            csv.append(size).append(',').append(colors[i % 3]).append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static List<Batch> epoch(CsvStream stream, int e) {
        List<Batch> out = new ArrayList<>();
        try (BatchIterator it = stream.batches(e)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void batchesHoldTheRowsCsvLoadGives() throws IOException {
        Path file = file();
        Csv.Loaded loaded = Csv.loadWithSchema(file, "label", CsvSchema.Rules.DEFAULT);
        CsvStream stream = Csv.stream(file, "label", 25);
        assertEquals(loaded.schema().columns(), stream.schema().columns());
        assertEquals(loaded.featureNames(), stream.featureNames());
        for (int e = 0; e < 2; e++) {
            List<Batch> batches = epoch(stream, e);
            assertEquals(List.of(25L, 25L, 10L), batches.stream().map(Batch::size).toList());
            INDArray x = Nd4j.concat(0, batches.stream().map(Batch::features).toArray(INDArray[]::new));
            INDArray y = Nd4j.concat(0, batches.stream().map(Batch::labels).toArray(INDArray[]::new));
            Dataset data = loaded.data();
            assertArrayEquals(data.features().shape(), x.shape());
            assertArrayEquals(data.features().dup().data().asFloat(), x.dup().data().asFloat(), "epoch " + e);   // NaN == NaN
            assertEquals(data.labels(), y);
        }
        assertEquals(4, stream.missingCellCount(), "two cells per epoch");
        assertEquals(List.of(new Csv.MissingCell(7, "size", "abc"), new Csv.MissingCell(49, "size", "??")),
                stream.missingCells().subList(0, 2));
        assertEquals(loaded.missingCells(), stream.missingCells().subList(0, 2));
    }

    @Test
    void aSchemaFromTheFirstRowsNamesALaterUnseenCategory() throws IOException {
        Path file = file();
        Files.writeString(file, Files.readString(file) + "3.5,purple,no\n");
        CsvStream stream = Csv.stream(file, "label", CsvSchema.Rules.DEFAULT, 30, 8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> epoch(stream, 0));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("data.csv") && message.contains(":62") && message.contains("purple"), message);

        CsvStream given = Csv.stream(file, "label", Csv.loadWithSchema(file, "label").schema(), 8);
        assertEquals(61, epoch(given, 0).stream().mapToLong(Batch::size).sum());
    }

    @Test
    void aHeaderThatDoesNotMatchTheSchemaIsAnErrorNamingBoth() throws IOException {
        Path file = file();
        CsvSchema schema = Csv.loadWithSchema(file, "label").schema();
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "size,colour,label\n1,red,yes\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> epoch(Csv.stream(other, "label", schema, 4), 0));
        assertTrue(e.getMessage().contains("other.csv") && e.getMessage().contains("colour"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.stream(file, "nope", schema, 4));
    }
}
