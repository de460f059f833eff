package org.neurite.data.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.neurite.data.Dataset;
import org.neurite.data.TextDataset;
import org.neurite.data.csv.Csv;
import org.neurite.data.csv.CsvTable;

/**
 * A data-quality report: sizes and shapes, missing (NaN) and infinite values, constant columns,
 * class balance, duplicate rows, value ranges and, for a train/test pair, test rows whose features
 * also occur in the training data (leakage). It prints as an aligned plain-text table.
 *
 * <pre>{@code
 * Dataset.Split fashion = FashionMnist.load();
 * DataReport report = DataReport.compare(fashion.train(), fashion.test());
 * String table = report.toString();   // the aligned table, to print or log
 * report.leakedRows();            // test rows whose features appear exactly in train
 * report.test().classCounts();    // {0=1000, 1=1000, ...}
 * }</pre>
 *
 * The numbers of each dataset are in its {@link SplitReport}; the shortcuts here ({@link #nanValues()},
 * {@link #duplicateRows()}, ...) read those of {@link #data()}, the dataset given to {@link #of} or
 * the training set given to {@link #compare}. Rows are identical when every value is numerically
 * equal (NaN counting as equal to NaN); see {@link SplitReport} for what a column is.
 */
public final class DataReport {
    /** At most this many columns of tabular data are listed one by one. */
    public static final int MAX_COLUMNS_SHOWN = 20;

    private final SplitReport data;
    private final SplitReport test;
    private final long leakedRows;
    private final long leakedWithOtherLabel;
    private final String raw;
    private final List<PersonalData.Finding> personalData;
    private final List<Csv.MissingCell> missingCells;
    private final List<String> warnings;

    private DataReport(SplitReport data, SplitReport test, long leakedRows, long leakedWithOtherLabel) {
        this(data, test, leakedRows, leakedWithOtherLabel, null, List.of(), List.of(), List.of());
    }

    private DataReport(SplitReport data, SplitReport test, long leakedRows, long leakedWithOtherLabel, String raw,
                       List<PersonalData.Finding> personalData, List<Csv.MissingCell> missingCells,
                       List<String> warnings) {
        this.missingCells = List.copyOf(missingCells);
        this.warnings = List.copyOf(warnings);
        this.data = data;
        this.test = test;
        this.leakedRows = leakedRows;
        this.leakedWithOtherLabel = leakedWithOtherLabel;
        this.raw = raw;
        this.personalData = List.copyOf(personalData);
    }

    /**
     * The report of a table of raw cells: its size and the likely personal data in each column
     * ({@link PersonalData#scan(CsvTable)}), with masked examples. It has no numeric part
     * ({@link #data()} throws); load the table with {@link Csv#load(CsvTable, String)} for that.
     */
    public static DataReport of(CsvTable table) {
        return new DataReport(null, null, 0, 0, "table: " + table.size() + " rows, " + table.columns().size()
                + " columns " + table.columns(), PersonalData.scan(table), List.of(), List.of());
    }

    /**
     * The report of texts: their number and the likely personal data in them
     * ({@link PersonalData#scan(TextDataset)}), with masked examples. It has no numeric part
     * ({@link #data()} throws).
     */
    public static DataReport of(TextDataset texts) {
        return new DataReport(null, null, 0, 0, "texts: " + texts.size() + " texts", PersonalData.scan(texts), List.of(),
                List.of());
    }

    /**
     * The likely personal data found, per column and kind: empty for a numeric {@link Dataset}, whose
     * cells are numbers by now (scan the {@link CsvTable} before loading it).
     */
    public List<PersonalData.Finding> personalData() {
        return personalData;
    }

    /** The report of one dataset. */
    public static DataReport of(Dataset data) {
        return new DataReport(SplitReport.of("data", data, RowKeys.of(data.singleInput("DataReport.of"))), null, 0, 0);
    }

    /**
     * The report of a loaded CSV file: as {@link #of(Dataset)}, with the columns named
     * ({@link Csv.Loaded#featureNames()}) and the cells of numeric columns that were not numbers and
     * became NaN listed with their lines ({@link #missingCells()}).
     */
    public static DataReport of(Csv.Loaded loaded) {
        Dataset data = loaded.data();
        return new DataReport(SplitReport.of("data", data, RowKeys.of(data.singleInput("DataReport.of")),
                loaded.featureNames()), null, 0, 0, null, List.of(), loaded.missingCells(), loaded.warnings());
    }

    /**
     * The cells of numeric columns read as missing (NaN) when a CSV file was loaded, with their
     * lines; empty for a report not made from a {@link Csv.Loaded}.
     */
    public List<Csv.MissingCell> missingCells() {
        return missingCells;
    }

    /**
     * What CSV type inference did that changes the data ({@link Csv.Loaded#warnings()}: a column read
     * as categories, text cells of a numeric column read as missing); empty for other reports.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The reports of a training and a test set, and the test rows whose features occur in the
     * training set.
     *
     * @throws IllegalArgumentException when the two hold examples of different shapes
     */
    public static DataReport compare(Dataset train, Dataset test) {
        requireSameShape("features", train.singleInput("DataReport.compare").shape(),
                test.singleInput("DataReport.compare").shape());
        if (train.hasLabels() && test.hasLabels()) {
            requireSameShape("labels", train.labels().shape(), test.labels().shape());
        }
        RowKeys trainKeys = RowKeys.of(train.features());
        RowKeys testKeys = RowKeys.of(test.features());
        int[] match = trainKeys.lookup(testKeys);
        long leaked = Arrays.stream(match).filter(row -> row >= 0).count();
        long otherLabel = 0;
        if (train.hasLabels() && test.hasLabels() && leaked > 0) {
            RowKeys trainLabels = RowKeys.of(train.labels());
            int[] labelFirst = trainLabels.firstOccurrence();
            int[] labelMatch = trainLabels.lookup(RowKeys.of(test.labels()));
            for (int row = 0; row < match.length; row++) {
                if (match[row] >= 0 && labelMatch[row] != labelFirst[match[row]]) {
                    otherLabel++;
                }
            }
        }
        return new DataReport(SplitReport.of("train", train, trainKeys), SplitReport.of("test", test, testKeys),
                leaked, otherLabel);
    }

    /** The dataset given to {@link #of}, or the training set given to {@link #compare}. */
    public SplitReport data() {
        if (data == null) {
            throw new IllegalStateException("this report covers raw cells (" + raw + "), which have no numeric "
                    + "statistics; load them with Csv.load(table, labelColumn) and report the Dataset");
        }
        return data;
    }

    /**
     * The test set given to {@link #compare}.
     *
     * @throws IllegalStateException for a report made by {@link #of}
     */
    public SplitReport test() {
        if (test == null) {
            throw new IllegalStateException("this report covers one dataset (DataReport.of); "
                    + "use DataReport.compare(train, test) for a test part");
        }
        return test;
    }

    /** Whether this report compares a training and a test set. */
    public boolean isComparison() {
        return test != null;
    }

    /** Test rows whose features occur exactly in the training set; 0 for a report made by {@link #of}. */
    public long leakedRows() {
        return leakedRows;
    }

    /** Of the {@link #leakedRows()}, those whose label differs from the first training row with the same features. */
    public long leakedWithOtherLabel() {
        return leakedWithOtherLabel;
    }

    /** {@link SplitReport#nanValues()} of {@link #data()}. */
    public long nanValues() {
        return data().nanValues();
    }

    /** {@link SplitReport#nanRows()} of {@link #data()}. */
    public long nanRows() {
        return data().nanRows();
    }

    /** {@link SplitReport#infValues()} of {@link #data()}. */
    public long infValues() {
        return data().infValues();
    }

    /** {@link SplitReport#infRows()} of {@link #data()}. */
    public long infRows() {
        return data().infRows();
    }

    /** {@link SplitReport#constantColumns()} of {@link #data()}. */
    public List<Integer> constantColumns() {
        return data().constantColumns();
    }

    /** {@link SplitReport#classCounts()} of {@link #data()}. */
    public Map<Integer, Long> classCounts() {
        return data().classCounts();
    }

    /** {@link SplitReport#imbalanceRatio()} of {@link #data()}. */
    public double imbalanceRatio() {
        return data().imbalanceRatio();
    }

    /** {@link SplitReport#duplicateRows()} of {@link #data()}. */
    public long duplicateRows() {
        return data().duplicateRows();
    }

    /** {@link SplitReport#conflictingLabelRows()} of {@link #data()}. */
    public long conflictingLabelRows() {
        return data().conflictingLabelRows();
    }

    /** The report as aligned plain-text tables: a summary, the classes, and the columns of tabular data. */
    @Override
    public String toString() {
        if (data == null) {
            return "Data report (" + raw + ")\n\n" + PersonalData.section(personalData);
        }
        List<SplitReport> parts = test == null ? List.of(data) : List.of(data, test);
        StringBuilder out = new StringBuilder("Data report (").append(test == null ? "one dataset" : "train vs test")
                .append(")\n\n").append(ReportSections.summary(parts, leakedRows, leakedWithOtherLabel));
        TreeSet<Integer> classes = new TreeSet<>();
        parts.forEach(p -> classes.addAll(p.classCounts().keySet()));
        if (!classes.isEmpty()) {
            out.append('\n').append(ReportSections.classes(parts, classes));
        }
        for (SplitReport part : parts) {
            if (part.isTabular()) {
                out.append('\n').append(ReportSections.columns(part, MAX_COLUMNS_SHOWN));
            }
        }
        if (!missingCells.isEmpty()) {
            out.append('\n').append(ReportSections.missingCells(missingCells, MAX_COLUMNS_SHOWN));
        }
        if (!warnings.isEmpty()) {
            out.append("\nCSV inference:\n");
            warnings.forEach(w -> out.append("  ").append(w).append('\n'));
        }
        return out.toString();
    }

    private static void requireSameShape(String what, long[] train, long[] test) {
        if (!Arrays.equals(Arrays.copyOfRange(train, 1, train.length), Arrays.copyOfRange(test, 1, test.length))) {
            throw new IllegalArgumentException("DataReport.compare: train and test " + what
                    + " must have the same shape per example, got " + Arrays.toString(train) + " and "
                    + Arrays.toString(test));
        }
    }
}
