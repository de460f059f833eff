package org.neurite.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.DataFixtures;
import org.neurite.data.Dataset;
import org.neurite.data.quality.Cleaned;
import org.neurite.data.quality.Cleaning;
import org.neurite.data.quality.DataReport;

/** Csv and CsvSchema on small files written here; broken files are in {@link CsvErrorsTest}. */
class CsvTest {
    static final String TRAIN = "size,color,shape,label\n"
            + "1.5,red,\"round, big\",cat\n"
            + "2,blue,square,dog\n"
            + "3,red,square,cat\n"
            + ",green,\"round, big\",bird\n";
    private static final float NAN = Float.NaN;

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
        assertEquals(List.of(), Csv.loadWithSchema(file, "label").classNames(), "a numeric label has no classes");
    }

    @Test
    void categoricalColumnsBecomeOneHotGroupsInSortedOrder() throws IOException {
        Csv.Loaded train = Csv.loadWithSchema(Files.writeString(dir.resolve("train.csv"), TRAIN), "label");
        assertEquals(List.of("size", "color=blue", "color=green", "color=red", "shape=round, big", "shape=square"),
                train.featureNames());
        assertEquals(List.of("bird", "cat", "dog"), train.classNames());
        assertFalse(train.schema().isCategorical("size"));
        assertEquals(List.of("round, big", "square"), train.schema().categories("shape"));
        assertArrayEquals(new float[][] {
            {1.5f, 0, 0, 1, 1, 0},
            {2, 1, 0, 0, 0, 1},
            {3, 0, 0, 1, 0, 1},
            {NAN, 0, 1, 0, 1, 0}}, train.data().features().toFloatMatrix());
        assertArrayEquals(new long[] {4, 1}, train.data().labels().shape());
        assertArrayEquals(new float[] {1, 2, 1, 0}, train.data().labels().toFloatVector(), "class ids, sorted names");
        assertEquals(train.data().features().toString(), Csv.load(dir.resolve("train.csv"), "label").features()
                .toString(), "load gives the same data");
    }

    @Test
    void aTestFileIsEncodedWithTheTrainingSchema() throws IOException {
        CsvSchema schema = Csv.loadWithSchema(Files.writeString(dir.resolve("train.csv"), TRAIN), "label").schema();
        Path test = Files.writeString(dir.resolve("test.csv"), "size,color,shape,label\n4,blue,square,dog\n"
                + "5,red,square,\n");
        Dataset data = Csv.load(test, "label", schema);
        assertArrayEquals(new float[][] {{4, 1, 0, 0, 0, 1}, {5, 0, 0, 1, 0, 1}}, data.features().toFloatMatrix(),
                "green and \"round, big\" keep their feature columns though the test file has none");
        assertArrayEquals(new float[] {2, NAN}, data.labels().toFloatVector(), "an empty label is missing");
        assertEquals(CsvSchema.class, schema.getClass());
        assertThrows(IllegalArgumentException.class, () -> Csv.load(test, "nope", schema));
    }

    @Test
    void emptyCellsAreMissingValuesForTheReportAndCleaning() throws IOException {
        Path file = Files.writeString(dir.resolve("gaps.csv"), "x,kind,y\n1,a,0\n,a,1\n3,,1\n4,b,\n");
        Csv.Loaded loaded = Csv.loadWithSchema(file, "y");
        assertEquals(List.of("x", "kind=", "kind=a", "kind=b"), loaded.featureNames(),
                "an empty categorical cell is a category of its own, sorted first");
        assertEquals(1, DataReport.of(loaded.data()).nanValues(), "the empty number");
        Cleaned cleaned = Cleaning.dropMissing(loaded.data());
        assertEquals(2, cleaned.removedRows(), "the row without x and the row without y");
        assertArrayEquals(new float[][] {{1, 0, 1, 0}, {3, 1, 0, 0}}, cleaned.dataset().features().toFloatMatrix());
        Path classes = Files.writeString(dir.resolve("classes.csv"), "x,y\n1,a\n2,\n3,b\n");
        Csv.Loaded labelled = Csv.loadWithSchema(classes, "y");
        assertEquals(List.of("a", "b"), labelled.classNames(), "an empty label is no class");
        assertArrayEquals(new float[] {0, NAN, 1}, labelled.data().labels().toFloatVector());
    }

    @Test
    void numbersAndCategoriesAreToldApart() throws IOException {
        Path file = Files.writeString(dir.resolve("kinds.csv"), "num,suffix,hex,marked,y\n"
                + "1e3,1,1,1,0\n-inf,2f,0x10,2,1\nNaN,3,3,?,0\n+2.5,4d,4,4,1\n");
        Csv.Loaded loaded = Csv.loadWithSchema(file, "y");
        CsvSchema schema = loaded.schema();
        assertFalse(schema.isCategorical("num"));
        assertEquals(List.of("1", "2f", "3", "4d"), schema.categories("suffix"), "Java's 2f is not a number here");
        assertEquals(List.of("0x10", "1", "3", "4"), schema.categories("hex"));
        assertFalse(schema.isCategorical("marked"), "a missing-value marker does not make a column categorical");
        float[] num = loaded.data().features().getColumn(0).toFloatVector();
        assertArrayEquals(new float[] {1000, Float.NEGATIVE_INFINITY, NAN, 2.5f}, num);
        int marked = loaded.featureNames().indexOf("marked");
        assertArrayEquals(new float[] {1, 2, NAN, 4}, loaded.data().features().getColumn(marked).toFloatVector());
        assertEquals(List.of(new Csv.MissingCell(4, "marked", "?")), loaded.missingCells());
    }

    @Test
    void headerlessAndGzippedFiles() throws IOException {
        Path file = dir.resolve("plain-name.csv");
        Files.write(file, DataFixtures.gzip("0.5,x,yes\n1.5,y,no\n".getBytes(StandardCharsets.UTF_8)));
        Dataset data = Csv.load(file, -1, false);
        assertArrayEquals(new float[][] {{0.5f, 1, 0}, {1.5f, 0, 1}}, data.features().toFloatMatrix());
        assertArrayEquals(new float[] {1, 0}, data.labels().toFloatVector(), "no < yes");
        Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFFa,b\r\n1,2\r\n");
        assertArrayEquals(new float[] {1}, Csv.load(bom, "a").labels().toFloatVector(), "Excel's byte order mark");
    }

    @Test
    void schemaRoundTripsThroughJsonAndChecksItsParts() {
        CsvSchema schema = new CsvSchema(List.of("a", "b \"q\"", "c"), Map.of("b \"q\"", List.of("", "x", "y")));
        assertEquals(schema, CsvSchema.fromJson(schema.toJson()));
        assertEquals(List.of("a", "b \"q\"=", "b \"q\"=x", "b \"q\"=y", "c"), schema.featureNames(null));
        assertEquals(List.of("x", "y"), schema.classNames("b \"q\""));
        assertEquals(CsvSchema.numeric(List.of("a")), CsvSchema.fromJson("{\"columns\":[\"a\"],\"categories\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> new CsvSchema(List.of("a", "a"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new CsvSchema(List.of("a"), Map.of("b", List.of("x"))));
        assertThrows(IllegalArgumentException.class, () -> new CsvSchema(List.of("a"), Map.of("a", List.of("y", "x"))));
        assertThrows(IllegalArgumentException.class, () -> new CsvSchema(List.of("a"), Map.of("a", List.of())));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CsvSchema.fromJson("{\"columns\":[1]}"));
        assertTrue(bad.getMessage().contains("expected {\"columns\""), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> schema.categories("nope"));
    }
}
