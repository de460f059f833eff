package org.neurite.data.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A table of raw CSV cells: a header of column names and rows of strings, as read by
 * {@link Csv#table} before any number or category is made of them. It is the level at which
 * {@link org.neurite.data.quality.PersonalData} looks for personal data and {@link org.neurite.data.quality.Pseudonymize} replaces it; turn it into a
 * numeric {@link org.neurite.data.Dataset} with {@link Csv#load(CsvTable, String)}.
 *
 * <pre>{@code
 * CsvTable raw = Csv.table(Path.of("customers.csv"));
 * PersonalData.scan(raw);                                  // e-mail in "email": 1000 of 1000 rows ...
 * CsvTable safe = Pseudonymize.drop(raw, "name").data();
 * Dataset train = Csv.load(safe, "churned");
 * }</pre>
 *
 * A table is immutable; the methods that change it return a new one. Its {@code toString} names
 * the size and the columns, never a cell.
 */
public final class CsvTable {
    private final List<String> columns;
    private final List<List<String>> rows;

    private CsvTable(List<String> columns, List<List<String>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * A table of {@code rows}, each with one cell per column.
     *
     * @throws IllegalArgumentException when a name repeats or is null, a row has another number of
     *     cells, or a cell is null
     */
    public static CsvTable of(List<String> columns, List<List<String>> rows) {
        List<String> names = List.copyOf(columns);
        for (int c = 0; c < names.size(); c++) {
            if (names.indexOf(names.get(c)) < c) {
                throw new IllegalArgumentException("CsvTable: the column name \"" + names.get(c) + "\" repeats in "
                        + names);
            }
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != names.size()) {
                throw new IllegalArgumentException("CsvTable: row " + r + " has " + row.size() + " cells, expected "
                        + names.size() + " as the columns " + names);
            }
            copy.add(List.copyOf(row));
        }
        return new CsvTable(names, Collections.unmodifiableList(copy));
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of data rows. */
    public int size() {
        return rows.size();
    }

    /** The cells of row {@code row} (from 0), unmodifiable. */
    public List<String> row(int row) {
        return rows.get(row);
    }

    /** The position of {@code column}; an {@link IllegalArgumentException} naming the columns when absent. */
    public int index(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("CsvTable: no column \"" + column + "\" in " + columns);
        }
        return c;
    }

    /** The cells of {@code column}, one per row. */
    public List<String> column(String column) {
        int c = index(column);
        List<String> cells = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            cells.add(row.get(c));
        }
        return Collections.unmodifiableList(cells);
    }

    /** A table with the cells of {@code column} replaced by {@code cells}, one per row. */
    public CsvTable withColumn(String column, List<String> cells) {
        int c = index(column);
        if (cells.size() != rows.size()) {
            throw new IllegalArgumentException("CsvTable.withColumn: " + cells.size() + " cells for a table of "
                    + rows.size() + " rows");
        }
        List<List<String>> changed = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r).toArray(String[]::new);
            row[c] = cells.get(r);
            changed.add(Arrays.asList(row));
        }
        return of(columns, changed);
    }

    /** A table without {@code column}. */
    public CsvTable without(String column) {
        int c = index(column);
        List<String> names = new ArrayList<>(columns);
        names.remove(c);
        List<List<String>> changed = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>(row);
            cells.remove(c);
            changed.add(cells);
        }
        return of(names, changed);
    }

    /** The rows {@code from} (inclusive) to {@code to} (exclusive), with the same columns. */
    public CsvTable rows(int from, int to) {
        return new CsvTable(columns, rows.subList(from, to));
    }

    /** The header and the rows as CSV records, for the numeric encoders. */
    Iterator<CsvRecords.Record> records() {
        List<CsvRecords.Record> records = new ArrayList<>(rows.size() + 1);
        records.add(new CsvRecords.Record(1, columns));
        for (int r = 0; r < rows.size(); r++) {
            records.add(new CsvRecords.Record(r + 2, rows.get(r)));
        }
        return records.iterator();
    }

    @Override
    public String toString() {
        return "CsvTable[" + rows.size() + " rows, columns " + columns + "]";
    }
}
