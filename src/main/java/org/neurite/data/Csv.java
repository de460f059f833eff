package org.neurite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minimal loader for numeric CSV files: comma-separated numbers, an optional header line, no
 * quoting. Blank lines are skipped.
 *
 * <pre>{@code
 * Dataset data = Csv.load(Path.of("points.csv"), "label");   // features FLOAT [n, c-1], labels FLOAT [n, 1]
 * INDArray table = Csv.read(Path.of("points.csv"), true);    // FLOAT [n, c]
 * }</pre>
 *
 * A cell that is not a number, or a row with a different number of cells, is an
 * {@link IOException} naming the file, the line and the column.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Reads a CSV file with a header line; the column named {@code labelColumn} becomes the labels
     * (FLOAT {@code [n, 1]}) and every other column a feature (FLOAT {@code [n, columns - 1]}).
     */
    public static Dataset load(Path file, String labelColumn) throws IOException {
        Table table = parse(file, true);
        int column = table.header().indexOf(labelColumn);
        if (column < 0) {
            throw new IOException(file + ": no column \"" + labelColumn + "\" in the header " + table.header());
        }
        return split(table, column);
    }

    /**
     * Reads a CSV file; column {@code labelColumn} (0-based; -1 for the last) becomes the labels.
     *
     * @param header whether the first line names the columns (it is then skipped)
     */
    public static Dataset load(Path file, int labelColumn, boolean header) throws IOException {
        Table table = parse(file, header);
        int column = labelColumn < 0 ? table.columns() + labelColumn : labelColumn;
        if (column < 0 || column >= table.columns()) {
            throw new IllegalArgumentException(file + " has " + table.columns() + " columns, no column "
                    + labelColumn);
        }
        return split(table, column);
    }

    /** Every cell as FLOAT {@code [rows, columns]}. */
    public static INDArray read(Path file, boolean header) throws IOException {
        Table table = parse(file, header);
        return Rows.detached(() -> Nd4j.createFromArray(table.cells()).reshape(table.rows(), table.columns()));
    }

    private record Table(List<String> header, int columns, float[] cells) {
        int rows() {
            return cells.length / columns;
        }
    }

    private static Dataset split(Table table, int column) {
        if (table.columns() < 2) {
            throw new IllegalArgumentException("a labelled dataset needs at least two columns, got " + table.columns());
        }
        INDArray all = Rows.detached(() -> Nd4j.createFromArray(table.cells()).reshape(table.rows(), table.columns()));
        int[] featureColumns = IntStream.range(0, table.columns()).filter(c -> c != column).toArray();
        INDArray features = Rows.detached(() -> all.getColumns(featureColumns));
        INDArray labels = Rows.detached(() -> all.getColumn(column).reshape(table.rows(), 1).dup());
        return Dataset.of(features, labels);
    }

    private static Table parse(Path file, boolean header) throws IOException {
        List<String> names = List.of();
        float[] cells = new float[1024];
        int count = 0;
        int columns = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (header && names.isEmpty()) {
                    names = Arrays.stream(parts).map(String::strip).toList();
                    columns = parts.length;
                    continue;
                }
                if (columns < 0) {
                    columns = parts.length;
                } else if (parts.length != columns) {
                    throw new IOException(file + ":" + number + ": " + parts.length + " cells, expected " + columns);
                }
                if (count + columns > cells.length) {
                    cells = Arrays.copyOf(cells, Math.max(2 * cells.length, count + columns));
                }
                for (int c = 0; c < columns; c++) {
                    try {
                        cells[count++] = Float.parseFloat(parts[c].strip());
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + number + ", column " + (c + 1) + ": not a number: \""
                                + parts[c] + "\"");
                    }
                }
            }
        }
        if (count == 0) {
            throw new IOException(file + ": no data rows");
        }
        return new Table(names, columns, Arrays.copyOf(cells, count));
    }
}
