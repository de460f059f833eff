package org.neurite.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.Neurite;
import org.neurite.data.Dataset;
import org.neurite.data.quality.Cleaning;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.models.Fit;
import org.neurite.models.Sequential;
import org.neurite.preprocessing.Standardizer;

/**
 * Issue 14, item 4: one stray "abc" or three "N/A" cells in a numeric column of 2,000 rows must not
 * turn it into ~2,000 one-hot columns. The column stays numeric, the cells become NaN listed with
 * their lines, and after {@link Cleaning#imputeMissing} a small model scores within a point of the
 * clean file.
 */
class CsvInferenceAcceptanceTest {
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    /** x1..x4 standard normal; label 1 when x1 + 0.8 x2 - 0.5 x3 + noise(0.2) > 0; {@code cell} may replace a cell. */
    private Path write(String name, CellOverride override) throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder("x1,x2,x3,x4,label\n");
        for (int r = 0; r < ROWS; r++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            int label = x[0] + 0.8 * x[1] - 0.5 * x[2] + 0.2 * random.nextGaussian() > 0 ? 1 : 0;
            for (int c = 0; c < 4; c++) {
                String cell = String.format(Locale.ROOT, "%.4f", x[c]);
                String replaced = override.cell(r + 2, c);
                text.append(replaced != null ? replaced : cell).append(',');
            }
            text.append(label).append('\n');
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }

    private interface CellOverride {
        /** The cell to write on {@code line} in column {@code c}, or null for the number. */
        String cell(int line, int c);
    }

    private static double testAccuracy(Csv.Loaded loaded) {
        Dataset data = Cleaning.imputeMissing(loaded.data(), Cleaning.Strategy.MEAN).dataset();
        Dataset.Split split = data.split(0.25, 7);
        Standardizer standardizer = Standardizer.fit(split.train());
        Dataset train = standardizer.transform(split.train());
        Dataset test = standardizer.transform(split.test());
        Neurite.seed(1);
        Sequential model = new Sequential(new Input((int) train.features().size(1)), new Dense(16, "relu"),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        model.fit(train, Fit.epochs(15).batchSize(32).verbose(0).seed(1));
        return model.evaluate(test).get("accuracy");
    }

    @Test
    void strayCellsBecomeReportedMissingValuesAndTheModelStillLearns() throws IOException {
        Csv.Loaded clean = Csv.loadWithSchema(write("clean.csv", (line, c) -> null), "label");
        Csv.Loaded abc = Csv.loadWithSchema(write("abc.csv", (line, c) -> line == 734 && c == 1 ? "abc" : null),
                "label");
        IntFunction<Boolean> na = line -> line == 100 || line == 901 || line == 1777;
        Csv.Loaded missing = Csv.loadWithSchema(write("na.csv", (line, c) -> c == 0 && na.apply(line) ? "N/A" : null),
                "label");

        List<String> features = List.of("x1", "x2", "x3", "x4");
        assertEquals(features, clean.featureNames());
        assertEquals(features, abc.featureNames(), "one \"abc\" does not make 2,000 one-hot columns");
        assertEquals(features, missing.featureNames(), "N/A is a missing number, not a category");

        assertEquals(List.of(), clean.missingCells());
        assertEquals(List.of(new Csv.MissingCell(734, "x2", "abc")), abc.missingCells());
        assertEquals(List.of(new Csv.MissingCell(100, "x1", "N/A"), new Csv.MissingCell(901, "x1", "N/A"),
                new Csv.MissingCell(1777, "x1", "N/A")), missing.missingCells());
        String report = abc.report().toString();
        assertTrue(report.contains("cells of numeric columns read as missing (NaN): 1 (\"x2\": 1)"), report);
        assertTrue(report.matches("(?s).*\n734 +x2 +\"abc\"\n.*"), report);
        assertTrue(report.matches("(?s).*\nx2 +[-0-9.]+ +[-0-9.]+ +[-0-9.]+ +[-0-9.]+ +1 +0\n.*"),
                "the columns are named, x2 has one NaN: " + report);
        assertEquals(3, missing.report().nanValues());

        double cleanAccuracy = testAccuracy(clean);
        double abcAccuracy = testAccuracy(abc);
        double naAccuracy = testAccuracy(missing);
        System.out.printf(Locale.ROOT, "test accuracy: clean %.4f, one \"abc\" %.4f, three \"N/A\" %.4f%n",
                cleanAccuracy, abcAccuracy, naAccuracy);
        assertTrue(cleanAccuracy > 0.9, "clean " + cleanAccuracy);
        Csv.Loaded old = Csv.loadWithSchema(dir.resolve("abc.csv"), "label",
                new CsvSchema.Rules(1.0, CsvSchema.MAX_CATEGORIES));
        assertTrue(old.featureNames().size() > 1000, "the old rule: one text cell makes the column categorical");
        System.out.printf(Locale.ROOT, "the old rule on the \"abc\" file: %d features, test accuracy %.4f%n",
                old.featureNames().size(), testAccuracy(old));
        assertEquals(cleanAccuracy, abcAccuracy, 0.01, "one \"abc\"");
        assertEquals(cleanAccuracy, naAccuracy, 0.01, "three \"N/A\"");
    }
}
