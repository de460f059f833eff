package org.neurite.data;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers a {@link CsvSchema} from a file, in one pass that keeps only the distinct values of each
 * column: a column is categorical when one of its non-empty cells is not a number
 * ({@link CsvSchema#isNumber}), and then every distinct cell, the empty one included, is a category.
 * A categorical column whose filled cells are mostly numbers is logged as a warning: a marker such
 * as {@code ?} or {@code N/A} for a missing number is usually meant, and an empty cell says that.
 */
final class CsvInference {
    private static final Logger LOG = LoggerFactory.getLogger(CsvInference.class);

    /** What one pass learns about one column. */
    private static final class Column {
        Set<String> distinct = new HashSet<>();
        String firstText;
        int firstTextLine;
        long filled;
        long numbers;
    }

    private CsvInference() {
    }

    /**
     * The schema of {@code file}.
     *
     * @param header whether the first record names the columns
     * @throws IOException naming the file and line for an empty file, a record with another number of
     *     cells, or a categorical column with more than {@link CsvSchema#MAX_CATEGORIES} values
     */
    static CsvSchema infer(CsvRecords.Source file, boolean header) throws IOException {
        try (CsvRecords records = file.open()) {
            CsvRecords.Record first = records.next();
            if (first == null) {
                throw new IOException(file + ": empty file, expected " + (header ? "a header and " : "") + "data rows");
            }
            List<String> names = CsvRecords.names(file, first, header);
            Column[] columns = new Column[names.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = new Column();
            }
            int rows = 0;
            for (CsvRecords.Record record = header ? records.next() : first; record != null; record = records.next()) {
                CsvRecords.checkWidth(file, record, columns.length, first.line());
                rows++;
                for (int c = 0; c < columns.length; c++) {
                    observe(file, record.line(), c, names, columns[c], record.cells().get(c));
                }
            }
            if (rows == 0) {
                throw new IOException(file + ": no data rows after the header on line " + first.line());
            }
            Map<String, List<String>> categories = new LinkedHashMap<>();
            for (int c = 0; c < columns.length; c++) {
                Column column = columns[c];
                if (column.firstText != null) {
                    categories.put(names.get(c), column.distinct.stream().sorted().toList());
                    if (2 * column.numbers > column.filled) {
                        LOG.warn("{}: column {} (\"{}\") is categorical because of \"{}\" on line {}, though {} of its "
                                + "{} filled cells are numbers; an empty cell would be a missing number (NaN)", file,
                                c + 1, names.get(c), column.firstText, column.firstTextLine, column.numbers,
                                column.filled);
                    }
                }
            }
            LOG.info("{}: {} rows, {} columns, categorical: {}", file, rows, names.size(),
                    categories.isEmpty() ? "none" : categories.keySet());
            return new CsvSchema(names, categories);
        }
    }

    private static void observe(CsvRecords.Source file, int line, int c, List<String> names, Column column, String cell)
            throws IOException {
        if (column.distinct != null && column.distinct.add(cell) && column.distinct.size() > CsvSchema.MAX_CATEGORIES) {
            if (column.firstText != null) {
                throw tooMany(file, line, c, names, cell);
            }
            column.distinct = null;
        }
        if (cell.isEmpty()) {
            return;
        }
        column.filled++;
        if (CsvSchema.isNumber(cell)) {
            column.numbers++;
        } else if (column.firstText == null) {
            column.firstText = cell;
            column.firstTextLine = line;
            if (column.distinct == null) {
                throw tooMany(file, line, c, names, cell);
            }
        }
    }

    private static IOException tooMany(CsvRecords.Source file, int line, int c, List<String> names, String cell) {
        return new IOException(CsvRecords.where(file, line, c, names) + ": \"" + cell
                + "\" would make a categorical column of more than " + CsvSchema.MAX_CATEGORIES + " distinct values; "
                + "expected a number (leave the cell empty for a missing one) or at most " + CsvSchema.MAX_CATEGORIES
                + " categories");
    }
}
