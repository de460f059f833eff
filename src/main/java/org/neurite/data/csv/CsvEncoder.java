package org.neurite.data.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the rows of a CSV file as numbers with a {@link CsvSchema}: a numeric cell as its value
 * (an empty cell as NaN), a categorical cell as a one-hot group, the label as its value or its
 * class id (an empty label cell as NaN). A {@link CsvSchema#MISSING_MARKERS missing marker} in a
 * numeric column is NaN too; in lenient mode (a file whose schema was just inferred from it) so is
 * any other text there, and such cells are listed with their lines. A cell the schema cannot encode is an {@link IOException}
 * naming the file, the line, the column, the value found and what was expected.
 */
final class CsvEncoder {
    /** Row-major features {@code [rows, width]} and one label per row (none when there is no label). */
    record Encoded(float[] features, float[] labels, int rows, int width, List<Csv.MissingCell> missing) {
    }

    private static final int LISTED = 20;

    private final CsvRecords.Source file;
    private final CsvSchema schema;
    private final List<String> names;
    private final int label;
    private final int[] offsets;
    private final Map<String, Integer>[] codes;
    private final int width;
    private final List<Csv.MissingCell> missing;

    @SuppressWarnings("unchecked")
    private CsvEncoder(CsvRecords.Source file, CsvSchema schema, String labelColumn, boolean lenient) {
        this.file = file;
        this.missing = lenient ? new ArrayList<>() : null;
        this.schema = schema;
        this.names = schema.columns();
        this.label = labelColumn == null ? -1 : schema.index(labelColumn);
        this.offsets = new int[names.size()];
        this.codes = new Map[names.size()];
        int next = 0;
        for (int c = 0; c < names.size(); c++) {
            List<String> values = c == label ? schema.classNames(names.get(c)) : schema.categories(names.get(c));
            if (schema.isCategorical(names.get(c))) {
                codes[c] = new HashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    codes[c].put(values.get(i), i);
                }
            }
            offsets[c] = next;
            next += c == label ? 0 : Math.max(1, values.size());
        }
        this.width = next;
    }

    /**
     * Encodes every data row of {@code file}.
     *
     * @param header whether the first record is a header; it must then name the schema's columns
     * @param labelColumn the label column, or null for none (every column is a feature)
     * @param lenient whether a text cell in a numeric column becomes NaN, listed in
     *     {@link Encoded#missing()}, rather than an error ({@link CsvSchema#MISSING_MARKERS} are NaN either way)
     */
    static Encoded encode(CsvRecords.Source file, boolean header, CsvSchema schema, String labelColumn,
                          boolean lenient) throws IOException {
        return new CsvEncoder(file, schema, labelColumn, lenient).run(header);
    }

    private Encoded run(boolean header) throws IOException {
        try (CsvRecords records = file.open()) {
            CsvRecords.Record first = records.next();
            if (first == null) {
                throw new IOException(file + ": empty file, expected " + (header ? "a header and " : "") + "data rows");
            }
            if (header && !first.cells().equals(names)) {
                throw new IOException(file + ":" + first.line() + ": expected the columns " + names
                        + " of the schema, found " + first.cells());
            }
            float[] features = new float[Math.max(1024, width)];
            float[] labels = new float[label < 0 ? 0 : 1024];
            int rows = 0;
            for (CsvRecords.Record record = header ? records.next() : first; record != null; record = records.next()) {
                CsvRecords.checkWidth(file, record, names.size(), first.line());
                if ((long) (rows + 1) * width > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ":" + record.line() + ": more than " + rows + " rows of " + width
                            + " features do not fit into one array");
                }
                if ((rows + 1) * width > features.length) {
                    features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8, 2L * features.length));
                }
                if (label >= 0 && rows == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * labels.length);
                }
                row(record, features, labels, rows);
                rows++;
            }
            if (rows == 0) {
                throw new IOException(file + ": no data rows after the header on line " + first.line());
            }
            return new Encoded(features, labels, rows, width, missing == null ? List.of() : List.copyOf(missing));
        }
    }

    /** An encoder of single records, for a file read in chunks ({@link CsvStream}). */
    static CsvEncoder of(CsvRecords.Source file, CsvSchema schema, String labelColumn, boolean lenient) {
        return new CsvEncoder(file, schema, labelColumn, lenient);
    }

    /** The number of features per row. */
    int width() {
        return width;
    }

    /** The column names the header must hold. */
    List<String> names() {
        return names;
    }

    /**
     * Writes {@code record} as row {@code row} of {@code features} (row-major, {@link #width()} per
     * row, zeroed beforehand) and {@code labels}.
     */
    void row(CsvRecords.Record record, float[] features, float[] labels, int row) throws IOException {
        for (int c = 0; c < names.size(); c++) {
            String cell = record.cells().get(c);
            if (c == label) {
                labels[row] = codes[c] == null ? number(record.line(), c, cell) : classId(record.line(), c, cell);
            } else if (codes[c] == null) {
                features[row * width + offsets[c]] = number(record.line(), c, cell);
            } else {
                features[row * width + offsets[c] + category(record.line(), c, cell)] = 1f;
            }
        }
    }

    /** The cells made missing since the last call (lenient mode), then forgets them. */
    List<Csv.MissingCell> takeMissing() {
        if (missing == null || missing.isEmpty()) {
            return List.of();
        }
        List<Csv.MissingCell> out = List.copyOf(missing);
        missing.clear();
        return out;
    }

    private float number(int line, int c, String cell) throws IOException {
        if (cell.isEmpty()) {
            return Float.NaN;
        }
        if (!CsvSchema.isNumber(cell)) {
            if (missing != null) {
                missing.add(new Csv.MissingCell(line, names.get(c), cell));
                return Float.NaN;
            }
            if (CsvSchema.isMissing(cell)) {
                return Float.NaN;
            }
            throw new IOException(CsvRecords.where(file, line, c, names) + ": expected a number, found \"" + cell
                    + "\"");
        }
        return CsvSchema.number(cell);
    }

    private float classId(int line, int c, String cell) throws IOException {
        if (cell.isEmpty()) {
            return Float.NaN;
        }
        Integer id = codes[c].get(cell);
        if (id == null) {
            throw unseen(line, c, "class", cell, schema.classNames(names.get(c)));
        }
        return id;
    }

    private int category(int line, int c, String cell) throws IOException {
        Integer index = codes[c].get(cell);
        if (index == null) {
            throw unseen(line, c, "category", cell, schema.categories(names.get(c)));
        }
        return index;
    }

    private IOException unseen(int line, int c, String what, String cell, List<String> known) {
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < Math.min(known.size(), LISTED); i++) {
            listed.append(i == 0 ? "" : ", ").append('"').append(known.get(i)).append('"');
        }
        if (known.size() > LISTED) {
            listed.append(", ...");
        }
        return new IOException(CsvRecords.where(file, line, c, names) + ": unseen " + what + " \"" + cell + "\""
                + (cell.isEmpty() ? " (an empty cell)" : "") + ", expected one of the " + known.size() + " "
                + (what.equals("class") ? "classes" : "categories") + " of the schema: " + listed);
    }
}
