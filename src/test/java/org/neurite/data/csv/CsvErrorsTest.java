package org.neurite.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.DataFixtures;

/** Broken CSV files, each written here, give an IOException naming the file, the line and what is wrong. */
class CsvErrorsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertMessage(String expected, Executable load) {
        assertEquals(expected, assertThrows(IOException.class, load).getMessage());
    }

    /** Every way to load {@code file} fails with {@code expected}. */
    private static void assertEveryLoadFails(Path file, String expected) {
        assertMessage(expected, () -> Csv.load(file, "c"));
        assertMessage(expected, () -> Csv.load(file, -1, true));
        assertMessage(expected, () -> Csv.read(file, true));
        assertMessage(expected, () -> Csv.load(file, "c", CsvSchema.numeric(java.util.List.of("a", "b", "c"))));
    }

    @Test
    void aTruncatedLastRowHasTooFewCells() throws IOException {
        Path file = write("cut.csv", "a,b,c\n1,2,3\n4,5");
        assertEveryLoadFails(file, file + ":3: expected 3 cells as on line 1, found 2 (a row cut short?)");
    }

    @Test
    void aRowWithTooManyCells() throws IOException {
        Path file = write("wide.csv", "a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n");
        assertEveryLoadFails(file, file + ":3: expected 3 cells as on line 1, found 4 (an unquoted comma inside a cell?)");
        Path headerless = write("headerless.csv", "\n1,2\n3,4,5\n");
        assertMessage(headerless + ":3: expected 2 cells as on line 2, found 3 (an unquoted comma inside a cell?)",
                () -> Csv.read(headerless, false));
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        byte[] text = "a,b,c\n1,2,3\n4,caf\u00e9,6\n".getBytes(StandardCharsets.ISO_8859_1); // Latin-1, not UTF-8
        Path file = Files.write(dir.resolve("latin1.csv"), text);
        assertEveryLoadFails(file, file + ":3: byte 6 of the line: expected UTF-8 text, found the invalid byte(s) 0xE9");
    }

    @Test
    void aGzipFileCutMidway() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 3000; i++) {
            text.append(i).append(',').append(i * 7 % 13).append(',').append(i % 2).append('\n');
        }
        byte[] gz = DataFixtures.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        for (Executable load : new Executable[] {() -> Csv.load(file, "c"), () -> Csv.read(file, true)}) {
            IOException e = assertThrows(IOException.class, load);
            assertTrue(e.getMessage().matches("\\Q" + file + "\\E:\\d+: corrupt or truncated gzip data: .*"),
                    e.getMessage());
        }
    }

    @Test
    void brokenQuotesAndNulBytes() throws IOException {
        Path open = write("open.csv", "a,b,c\n1,\"2,3\n4,5,6\n");
        assertEveryLoadFails(open, open + ":2, column 2: a quoted cell is never closed: expected a closing \" before "
                + "the end of the file");
        Path after = write("after.csv", "a,b,c\n1,\"2\"x,3\n");
        assertEveryLoadFails(after, after + ":2, column 2: expected a comma or the end of the line after the closing "
                + "quote, found 'x'");
        Path padded = Files.write(dir.resolve("padded.csv"), Arrays.copyOf("a,b,c\n1,2,3\n".getBytes(
                StandardCharsets.US_ASCII), 40));
        assertEveryLoadFails(padded, padded + ":3: byte 1 of the line: expected text, found a NUL byte (binary data?)");
    }

    @Test
    void emptyMissingAndHeaderOnlyFiles() throws IOException {
        Path empty = write("empty.csv", "\n\n");
        assertEveryLoadFails(empty, empty + ": empty file, expected a header and data rows");
        Path headerOnly = write("header.csv", "a,b,c\n");
        assertEveryLoadFails(headerOnly, headerOnly + ": no data rows after the header on line 1");
        Path missing = dir.resolve("absent.csv");
        assertEveryLoadFails(missing, missing + ": no such file");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertEveryLoadFails(folder, folder + ": is a folder, expected a file");
    }

    @Test
    void badHeadersAndCells() throws IOException {
        Path twice = write("twice.csv", "a,b,a\n1,2,3\n");
        assertMessage(twice + ":1: the header names column 1 and column 3 both \"a\", expected different names",
                () -> Csv.load(twice, "b"));
        Path file = write("points.csv", "a,b,c\n1,2,3\n");
        assertMessage(file + ": no column \"label\" in the header [a, b, c]", () -> Csv.load(file, "label"));
        Path text = write("text.csv", "1,2\n3,x\n");
        assertMessage(text + ":2, column 2: expected a number, found \"x\"", () -> Csv.read(text, false));
        Path named = write("named.csv", "a,b\n1,2\n3,x y\n");
        assertMessage(named + ":3, column 2 (\"b\"): expected a number, found \"x y\"", () -> Csv.read(named, true));
        assertThrows(IllegalArgumentException.class, () -> Csv.load(write("one.csv", "c\n1\n"), "c"));
    }

    @Test
    void cellsThatDoNotFitTheTrainingSchema() throws IOException {
        CsvSchema schema = Csv.loadWithSchema(write("train.csv", CsvTest.TRAIN), "label").schema();
        String header = "size,color,shape,label\n";
        Path color = write("color.csv", header + "1,red,square,cat\n2,purple,square,cat\n");
        assertMessage(color + ":3, column 2 (\"color\"): unseen category \"purple\", expected one of the 3 categories "
                + "of the schema: \"blue\", \"green\", \"red\"", () -> Csv.load(color, "label", schema));
        Path blank = write("blank.csv", header + "1,,square,cat\n");
        assertMessage(blank + ":2, column 2 (\"color\"): unseen category \"\" (an empty cell), expected one of the 3 "
                + "categories of the schema: \"blue\", \"green\", \"red\"", () -> Csv.load(blank, "label", schema));
        Path label = write("label.csv", header + "1,red,square,fish\n");
        assertMessage(label + ":2, column 4 (\"label\"): unseen class \"fish\", expected one of the 3 classes of the "
                + "schema: \"bird\", \"cat\", \"dog\"", () -> Csv.load(label, "label", schema));
        Path size = write("size.csv", header + "big,red,square,cat\n");
        assertMessage(size + ":2, column 1 (\"size\"): expected a number, found \"big\"",
                () -> Csv.load(size, "label", schema));
        Path order = write("order.csv", "color,size,shape,label\nred,1,square,cat\n");
        assertMessage(order + ":1: expected the columns [size, color, shape, label] of the schema, found [color, size, "
                + "shape, label]", () -> Csv.load(order, "label", schema));
    }

    @Test
    void aStrayTextInALongNumericColumnIsAMissingValueNotTenThousandCategories() throws IOException {
        StringBuilder text = new StringBuilder("id,y\n");
        for (int i = 0; i <= CsvSchema.MAX_CATEGORIES; i++) {
            text.append(i).append(",0\n");
        }
        text.append("N/A,1\n");
        Path file = write("ids.csv", text.toString());
        Csv.Loaded loaded = Csv.loadWithSchema(file, "y");
        assertEquals(java.util.List.of("id"), loaded.featureNames());
        assertEquals(java.util.List.of(new Csv.MissingCell(CsvSchema.MAX_CATEGORIES + 3, "id", "N/A")),
                loaded.missingCells());
        assertEquals(1, loaded.report().nanValues());
    }

    @Test
    void anIdLikeTextColumnIsAnErrorNamingItAndSomeCells() throws IOException {
        StringBuilder text = new StringBuilder("x,customer,y\n");
        for (int i = 0; i < 200; i++) {
            text.append(i).append(",c").append(i).append(',').append(i % 2).append('\n');
        }
        Path file = write("customers.csv", text.toString());
        IOException e = assertThrows(IOException.class, () -> Csv.load(file, "y"));
        assertTrue(e.getMessage().startsWith(file + ", column 2 (\"customer\"): more than 50 distinct values that are "
                + "not all numbers (200 text cells, such as \"c0\" (line 2), \"c1\" (line 3), \"c2\" (line 4); 0.0% of "
                + "the filled cells are numbers)"), e.getMessage());
        assertTrue(e.getMessage().contains("drop it (Csv.table(file).without(\"customer\")"), e.getMessage());
        assertEquals(200, Csv.loadWithSchema(file, "y", CsvSchema.Rules.DEFAULT.withMaxCategories(200)).schema()
                .categories("customer").size(), "allowed when the rules say so");
    }
}
