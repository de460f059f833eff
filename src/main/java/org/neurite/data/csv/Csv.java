package org.neurite.data.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;
import org.neurite.data.quality.DataReport;

/**
 * Loads CSV files (RFC 4180, UTF-8, plain or gzipped) with numeric and categorical columns.
 *
 * <pre>{@code
 * Csv.Loaded train = Csv.loadWithSchema(Path.of("train.csv"), "species");
 * train.data();           // features FLOAT [n, f], labels FLOAT [n, 1]
 * train.featureNames();   // [petal_length, ..., color=blue, color=red]
 * train.classNames();     // [setosa, versicolor, virginica]: label 0, 1, 2
 * Dataset test = Csv.load(Path.of("test.csv"), "species", train.schema());   // the same encoding
 * }</pre>
 *
 * <ul>
 *   <li><b>Cells</b>: separated by commas; a cell in double quotes may hold commas, line breaks and
 *       doubled quotes (RFC 4180) and is kept exactly, a {@code \r\n} inside the quotes included;
 *       unquoted cells are stripped of surrounding whitespace. Records end at {@code \n} or
 *       {@code \r\n}, mixed freely. Blank lines are skipped.</li>
 *   <li><b>Missing values</b>: an empty cell and the {@link CsvSchema#MISSING_MARKERS} ({@code NA},
 *       {@code N/A}, {@code null}, {@code -}, {@code ?}, {@code NaN}) are missing numbers (NaN) and
 *       never make a column categorical.</li>
 *   <li><b>Numeric columns</b>: at least 95% of the filled cells are decimal numbers ({@code 1},
 *       {@code -2.5e3}, {@code inf}); the other cells become NaN and are listed, with their lines,
 *       in {@link Loaded#missingCells()} and {@link Loaded#report()}, for {@link org.neurite.data.quality.Cleaning} to fix.</li>
 *   <li><b>Categorical columns</b>: any other column with at most 50 distinct cells. Its distinct
 *       cells, sorted, are its categories and it becomes one one-hot feature per category, in
 *       place. An empty cell is a category of its own (the empty string, sorted first; its feature
 *       is named {@code column=}). A text column with more distinct cells (an id, free text) is an
 *       error naming it and some of its cells. {@link CsvSchema.Rules} change both limits.</li>
 *   <li><b>The label column</b>: a numeric label is kept; a categorical one becomes the class id
 *       {@code 0..K-1} of its value in the sorted {@link Loaded#classNames()}. An empty label cell
 *       is a missing label, NaN, either way.</li>
 * </ul>
 *
 * Every problem with a file is an {@link IOException} naming the file, the line and (for a cell)
 * the column, with what was expected and what was found: a row with too few or too many cells, a
 * quote never closed, bytes that are not UTF-8, broken gzip data, a number column holding text
 * ({@link #read}, or a file encoded with a schema), an unseen category or class in a file encoded
 * with a training file's schema.
 */
public final class Csv {
    /**
     * A cell of a numeric column that was not a number and became a missing value (NaN): a
     * {@link CsvSchema#MISSING_MARKERS marker} such as {@code N/A}, or a stray text such as {@code abc}.
     *
     * @param line the line of the file (from 1; for a {@link CsvTable}, row {@code r} is line {@code r + 2})
     * @param column the column's name
     * @param cell the cell as written
     */
    public record MissingCell(int line, String column, String cell) {
        @Override
        public String toString() {
            return "line " + line + ", column \"" + column + "\": \"" + cell + "\"";
        }
    }

    /**
     * A loaded file with its encoding.
     *
     * @param data features FLOAT {@code [n, featureNames().size()]}, labels FLOAT {@code [n, 1]}
     * @param schema how each column was encoded; pass it to {@link #load(Path, String, CsvSchema)}
     * @param labelColumn the name of the label column
     * @param missingCells the non-empty cells of numeric columns that were not numbers and became
     *     NaN, in file order (also listed by {@link #report()})
     */
    public record Loaded(Dataset data, CsvSchema schema, String labelColumn, List<MissingCell> missingCells,
                         List<String> warnings) {
        /** Copies the lists. */
        public Loaded {
            missingCells = List.copyOf(missingCells);
            warnings = List.copyOf(warnings);
        }

        /** A loaded file without inference warnings. */
        public Loaded(Dataset data, CsvSchema schema, String labelColumn, List<MissingCell> missingCells) {
            this(data, schema, labelColumn, missingCells, List.of());
        }

        /** A loaded file without cells read as missing. */
        public Loaded(Dataset data, CsvSchema schema, String labelColumn) {
            this(data, schema, labelColumn, List.of());
        }

        /** The name of each feature column: a numeric column's name, or {@code column=category}. */
        public List<String> featureNames() {
            return schema.featureNames(labelColumn);
        }

        /** The name of each class id of a categorical label; empty for a numeric label. */
        public List<String> classNames() {
            return schema.classNames(labelColumn);
        }

        /** {@link DataReport#of(Loaded)}: the data-quality report with column names and the cells read as missing. */
        public DataReport report() {
            return DataReport.of(this);
        }
    }

    private Csv() {
    }

    /**
     * Reads a CSV file with a header; the column named {@code labelColumn} becomes the labels (FLOAT
     * {@code [n, 1]}) and every other column one feature, or one per category (FLOAT {@code [n, f]}).
     */
    public static Dataset load(Path file, String labelColumn) throws IOException {
        return loadWithSchema(file, labelColumn).data();
    }

    /**
     * Like {@link #load(Path, String)}, with the schema inferred from the file, the feature names
     * and the class names.
     */
    public static Loaded loadWithSchema(Path file, String labelColumn) throws IOException {
        return loadWithSchema(file, labelColumn, CsvSchema.Rules.DEFAULT);
    }

    /**
     * Like {@link #loadWithSchema(Path, String)}, inferring the schema with {@code rules} instead of
     * {@link CsvSchema.Rules#DEFAULT}.
     */
    public static Loaded loadWithSchema(Path file, String labelColumn, CsvSchema.Rules rules) throws IOException {
        return loaded(CsvRecords.Source.of(file), labelColumn, rules);
    }

    /**
     * Reads a CSV file with a header encoded with {@code schema}, usually the training file's: the
     * header must name the schema's columns in order, a numeric column must hold numbers (or empty
     * cells), and a categorical column only the schema's categories.
     *
     * @throws IOException naming the file, line, column and value of the first cell that does not fit
     * @throws IllegalArgumentException when {@code labelColumn} is not one of the schema's columns
     */
    public static Dataset load(Path file, String labelColumn, CsvSchema schema) throws IOException {
        if (!schema.columns().contains(labelColumn)) {
            throw new IllegalArgumentException("no column \"" + labelColumn + "\" in the schema " + schema.columns());
        }
        return dataset(encoded(CsvRecords.Source.of(file), true, schema, labelColumn, false));
    }

    /**
     * Reads a CSV file; column {@code labelColumn} (0-based; -1 for the last) becomes the labels.
     *
     * @param header whether the first line names the columns (it is then skipped)
     */
    public static Dataset load(Path file, int labelColumn, boolean header) throws IOException {
        CsvSchema schema = CsvInference.infer(CsvRecords.Source.of(file), header, CsvSchema.Rules.DEFAULT, null,
                labelColumn);
        int columns = schema.columns().size();
        int column = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (column < 0 || column >= columns) {
            throw new IllegalArgumentException(file + " has " + columns + " columns, no column " + labelColumn);
        }
        return dataset(encoded(CsvRecords.Source.of(file), header, schema, schema.columns().get(column), true));
    }

    /**
     * Every cell as FLOAT {@code [rows, columns]}; every column must be numeric (empty cells are NaN).
     *
     * @param header whether the first line names the columns (it is then skipped)
     */
    public static INDArray read(Path file, boolean header) throws IOException {
        CsvRecords.Record first = CsvRecords.first(CsvRecords.Source.of(file));
        if (first == null) {
            throw new IOException(file + ": empty file, expected " + (header ? "a header and " : "") + "data rows");
        }
        CsvSchema schema = CsvSchema.numeric(CsvRecords.names(file, first, header));
        CsvEncoder.Encoded table = CsvEncoder.encode(CsvRecords.Source.of(file), header, schema, null, false);
        return matrix(table.features(), table.rows(), table.width());
    }

    /**
     * Reads the raw cells of a CSV file with a header (the same RFC 4180 rules), without making
     * numbers or categories of them: for {@link org.neurite.data.quality.PersonalData#scan(CsvTable)} and
     * {@link org.neurite.data.quality.Pseudonymize} before {@link #load(CsvTable, String)}.
     *
     * @throws IOException naming the file and line for an empty file, repeated column names or a row
     *     with another number of cells
     */
    public static CsvTable table(Path file) throws IOException {
        try (CsvRecords records = CsvRecords.open(file)) {
            CsvRecords.Record first = records.next();
            if (first == null) {
                throw new IOException(file + ": empty file, expected a header and data rows");
            }
            List<String> names = CsvRecords.names(file, first, true);
            List<List<String>> rows = new ArrayList<>();
            for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
                CsvRecords.checkWidth(file, record, names.size(), first.line());
                rows.add(record.cells());
            }
            return CsvTable.of(names, rows);
        }
    }

    /**
     * Writes {@code table} as a UTF-8 CSV file with a header, quoting the cells that need it
     * (commas, quotes, line breaks, surrounding spaces), so that {@link #table(Path)} reads it back
     * exactly.
     */
    public static void write(CsvTable table, Path file) throws IOException {
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            writeRecord(out, table.columns());
            for (int r = 0; r < table.size(); r++) {
                writeRecord(out, table.row(r));
            }
        }
    }

    /** Like {@link #load(Path, String)} for the cells of {@code table} (for example a pseudonymised one). */
    public static Dataset load(CsvTable table, String labelColumn) throws IOException {
        return loadWithSchema(table, labelColumn).data();
    }

    /** Like {@link #loadWithSchema(Path, String)} for the cells of {@code table}; messages name it "table". */
    public static Loaded loadWithSchema(CsvTable table, String labelColumn) throws IOException {
        return loaded(CsvRecords.Source.of(table), labelColumn, CsvSchema.Rules.DEFAULT);
    }

    private static Loaded loaded(CsvRecords.Source source, String labelColumn, CsvSchema.Rules rules)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        CsvSchema schema = CsvInference.infer(source, true, rules, labelColumn, Integer.MIN_VALUE, warnings);
        if (!schema.columns().contains(labelColumn)) {
            throw new IOException(source + ": no column \"" + labelColumn + "\" in the header " + schema.columns());
        }
        CsvEncoder.Encoded table = encoded(source, true, schema, labelColumn, true);
        return new Loaded(dataset(table), schema, labelColumn, table.missing(), warnings);
    }

    /** Rows read from the start of a streamed file to infer its schema ({@link #stream(Path, String, int)}). */
    public static final int STREAM_INFERENCE_ROWS = 10_000;

    /**
     * A CSV file with a header read lazily in batches of {@code batchSize} rows, for {@code fit},
     * {@code evaluate} and {@code predict} on a file larger than memory. The schema is inferred,
     * with {@link CsvSchema.Rules#DEFAULT}, from the first {@value #STREAM_INFERENCE_ROWS} rows only;
     * see {@link CsvStream}.
     *
     * @throws IOException naming the file and line, as {@link #loadWithSchema(Path, String)}
     */
    public static CsvStream stream(Path file, String labelColumn, int batchSize) throws IOException {
        return stream(file, labelColumn, CsvSchema.Rules.DEFAULT, STREAM_INFERENCE_ROWS, batchSize);
    }

    /** Like {@link #stream(Path, String, int)}, inferring the schema with {@code rules} from the first {@code inferenceRows} rows. */
    public static CsvStream stream(Path file, String labelColumn, CsvSchema.Rules rules, int inferenceRows,
                                   int batchSize) throws IOException {
        if (inferenceRows < 1) {
            throw new IllegalArgumentException(file + ": inferenceRows must be at least 1, got " + inferenceRows);
        }
        CsvTable first;
        try (CsvRecords records = CsvRecords.open(file)) {
            CsvRecords.Record header = records.next();
            if (header == null) {
                throw new IOException(file + ": empty file, expected a header and data rows");
            }
            List<List<String>> rows = new ArrayList<>();
            for (CsvRecords.Record r = records.next(); r != null && rows.size() < inferenceRows; r = records.next()) {
                CsvRecords.checkWidth(file, r, header.cells().size(), header.line());
                rows.add(r.cells());
            }
            first = CsvTable.of(header.cells(), rows);
        }
        CsvRecords.Source source = new CsvRecords.Source(file + " (first " + first.size() + " rows)", null, first);
        List<String> warnings = new ArrayList<>();
        CsvSchema schema = CsvInference.infer(source, true, rules, labelColumn, Integer.MIN_VALUE, warnings);
        return new CsvStream(file, schema, labelColumn, batchSize, warnings);
    }

    /** Like {@link #stream(Path, String, int)} with a given schema (usually the training file's). */
    public static CsvStream stream(Path file, String labelColumn, CsvSchema schema, int batchSize) {
        return new CsvStream(file, schema, labelColumn, batchSize, List.of());
    }

    /** Like {@link #load(Path, String, CsvSchema)} for the cells of {@code table}. */
    public static Dataset load(CsvTable table, String labelColumn, CsvSchema schema) throws IOException {
        if (!schema.columns().contains(labelColumn)) {
            throw new IllegalArgumentException("no column \"" + labelColumn + "\" in the schema " + schema.columns());
        }
        return dataset(encoded(CsvRecords.Source.of(table), true, schema, labelColumn, false));
    }

    private static void writeRecord(java.io.Writer out, List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean quote = cell.isEmpty() && cells.size() == 1 || cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                    || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0 || !cell.equals(cell.strip());
            out.write(c == 0 ? "" : ",");
            out.write(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        out.write('\n');
    }

    private static CsvEncoder.Encoded encoded(CsvRecords.Source file, boolean header, CsvSchema schema,
                                              String labelColumn, boolean lenient) throws IOException {
        if (schema.featureNames(labelColumn).isEmpty()) {
            throw new IllegalArgumentException(file + ": a labelled dataset needs a column besides the label \""
                    + labelColumn + "\", found the columns " + schema.columns());
        }
        return CsvEncoder.encode(file, header, schema, labelColumn, lenient);
    }

    private static Dataset dataset(CsvEncoder.Encoded table) {
        return Dataset.of(matrix(table.features(), table.rows(), table.width()),
                matrix(table.labels(), table.rows(), 1));
    }

    private static INDArray matrix(float[] values, int rows, int columns) {
        float[] exact = values.length == rows * columns ? values : Arrays.copyOf(values, rows * columns);
        return Rows.detached(() -> Nd4j.createFromArray(exact).reshape(rows, columns));
    }
}
