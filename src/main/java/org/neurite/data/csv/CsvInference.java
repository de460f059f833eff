package org.neurite.data.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers a {@link CsvSchema} from a file with {@link CsvSchema.Rules}, in one pass that keeps, per
 * column, counts, the first few text cells and at most {@code maxCategories + 1} distinct values:
 * a column whose filled cells (not {@link CsvSchema#MISSING_MARKERS}) are mostly numbers is
 * numeric; another is categorical when it has few distinct values, and an error otherwise.
 */
final class CsvInference {
    private static final Logger LOG = LoggerFactory.getLogger(CsvInference.class);

    /** Text cells quoted in the error for a column with too many categories. */
    private static final int EXAMPLES = 3;

    /** What one pass learns about one column. */
    private static final class Column {
        Set<String> distinct = new HashSet<>();
        List<String> texts = new ArrayList<>();
        List<Integer> textLines = new ArrayList<>();
        long filled;
        long numbers;

        long textCells() {
            return filled - numbers;
        }
    }

    private CsvInference() {
    }

    /**
     * The schema of {@code file}.
     *
     * @param header whether the first record names the columns
     * @param label the label column's name, or null
     * @param labelIndex the label column's position when {@code label} is null (negative from the
     *     end; {@link Integer#MIN_VALUE} for none)
     * @throws IOException naming the file and line for an empty file or a record with another number
     *     of cells, and naming the column and some cells for a text column with more than
     *     {@code rules.maxCategories()} distinct values
     */
    static CsvSchema infer(CsvRecords.Source file, boolean header, CsvSchema.Rules rules, String label,
                           int labelIndex) throws IOException {
        return infer(file, header, rules, label, labelIndex, new ArrayList<>());
    }

    /**
     * {@link #infer(CsvRecords.Source, boolean, CsvSchema.Rules, String, int)}, adding to {@code warnings}
     * a sentence for each inference that changes the data a model sees: a numeric column with
     * text cells (read as missing) and a feature column read as categories (one-hot features).
     */
    static CsvSchema infer(CsvRecords.Source file, boolean header, CsvSchema.Rules rules, String label,
                           int labelIndex, List<String> warnings) throws IOException {
        try (CsvRecords records = file.open()) {
            CsvRecords.Record first = records.next();
            if (first == null) {
                throw new IOException(file + ": empty file, expected " + (header ? "a header and " : "") + "data rows");
            }
            List<String> names = CsvRecords.names(file, first, header);
            int labelAt = label != null ? names.indexOf(label)
                    : labelIndex == Integer.MIN_VALUE ? -1 : labelIndex < 0 ? names.size() + labelIndex : labelIndex;
            Column[] columns = new Column[names.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new Column();
            }
            int rows = 0;
            for (CsvRecords.Record record = header ? records.next() : first; record != null; record = records.next()) {
                CsvRecords.checkWidth(file, record, columns.length, first.line());
                rows++;
                for (int c = 0; c < columns.length; c++) {
                    int limit = c == labelAt ? CsvSchema.MAX_CATEGORIES : rules.maxCategories();
                    observe(record.line(), columns[c], record.cells().get(c), limit);
                }
            }
            if (rows == 0) {
                throw new IOException(file + ": no data rows after the header on line " + first.line());
            }
            Map<String, List<String>> categories = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                Column column = columns[c];
                if (column.textCells() == 0 || column.numbers >= rules.minNumericShare() * column.filled) {
                    if (column.textCells() > 0) {
                        String warning = file + ": column " + (c + 1) + " (\"" + names.get(c) + "\") is numeric: "
                                + column.numbers + " of its " + column.filled + " filled cells are numbers; the "
                                + column.textCells() + " others, such as \"" + column.texts.get(0) + "\" on line "
                                + column.textLines.get(0) + ", are missing values (NaN)";
                        LOG.warn(warning);
                        warnings.add(warning);
                    }
                    continue;
                }
                int limit = c == labelAt ? CsvSchema.MAX_CATEGORIES : rules.maxCategories();
                if (column.distinct == null) {
                    throw tooMany(file, c, names, column, limit, c == labelAt);
                }
                categories.put(names.get(c), column.distinct.stream().sorted().toList());
                if (c != labelAt) {
                    warnings.add(file + ": column " + (c + 1) + " (\"" + names.get(c) + "\") is categorical: its "
                            + column.distinct.size() + " distinct cells became " + column.distinct.size()
                            + " one-hot features (" + (column.filled - column.numbers) + " of its " + column.filled
                            + " filled cells are not numbers); pass a CsvSchema to read it otherwise");
                }
            }
            LOG.info("{}: {} rows, {} columns, categorical: {}", file, rows, names.size(),
                    categories.isEmpty() ? "none" : categories.keySet());
            return new CsvSchema(names, categories);
        }
    }

    private static void observe(int line, Column column, String cell, int limit) {
        if (column.distinct != null && column.distinct.add(cell) && column.distinct.size() > limit) {
            column.distinct = null;
        }
        if (CsvSchema.isMissing(cell)) {
            return;
        }
        column.filled++;
        if (CsvSchema.isNumber(cell)) {
            column.numbers++;
        } else if (column.texts.size() < EXAMPLES) {
            column.texts.add(cell);
            column.textLines.add(line);
        }
    }

    private static IOException tooMany(CsvRecords.Source file, int c, List<String> names, Column column, int limit,
                                       boolean label) {
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < column.texts.size(); i++) {
            examples.append(i == 0 ? "" : ", ").append('"').append(column.texts.get(i)).append("\" (line ")
                    .append(column.textLines.get(i)).append(')');
        }
        String name = names.get(c);
        String share = String.format(Locale.ROOT, "%.1f%%", 100.0 * column.numbers / Math.max(1, column.filled));
        return new IOException(file + ", column " + (c + 1) + " (\"" + name + "\"): more than " + limit
                + " distinct values that are not all numbers (" + column.textCells() + " text cells, such as "
                + examples + "; " + share + " of the filled cells are numbers), which would make more than " + limit
                + " one-hot features" + (label ? " (classes)" : "") + "; an id or free text column cannot be a "
                + "feature: drop it (Csv.table(file).without(\"" + name + "\"), then Csv.load(table, label)), or, "
                + "if it really is categorical, raise CsvSchema.Rules.maxCategories or load it with a CsvSchema "
                + "that lists its categories");
    }
}
