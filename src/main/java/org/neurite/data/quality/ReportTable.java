package org.neurite.data.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table with aligned columns: the first column left-aligned, the others
 * right-aligned, a dashed line under the header.
 *
 * <pre>
 * classes   train   test
 * -------   -----   ----
 * 0          6000   1000
 * </pre>
 */
final class ReportTable {
    private static final String GAP = "   ";

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    ReportTable(String... header) {
        this.header = header.clone();
    }

    /** Adds a row; missing cells are blank. */
    ReportTable row(String... cells) {
        String[] padded = new String[header.length];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = i < cells.length && cells[i] != null ? cells[i] : "";
        }
        rows.add(padded);
        return this;
    }

    /** The table, one line per row, each ending in a newline. */
    String render() {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        String[] rule = new String[header.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        line(out, rule, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP).append(" ".repeat(widths[i] - cells[i].length())).append(cells[i]);
            } else {
                line.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** A count, without grouping so it can be searched for. */
    static String count(long value) {
        return Long.toString(value);
    }

    /** A count with its share of {@code total} in percent, such as {@code "12 (0.3%)"}. */
    static String countOf(long value, long total) {
        return value == 0 ? "0" : value + " (" + percent(value / (double) total) + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A real number in 4 decimals, or scientific notation when very large or small; "-" for NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs != 0 && (abs >= 1e6 || abs < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
