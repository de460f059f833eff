package org.neurite.data.quality;

import static org.neurite.data.quality.ReportTable.count;
import static org.neurite.data.quality.ReportTable.countOf;
import static org.neurite.data.quality.ReportTable.number;
import static org.neurite.data.quality.ReportTable.percent;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.neurite.data.csv.Csv;

/** The three tables of {@link DataReport#toString()}: summary, classes and columns. */
final class ReportSections {
    private ReportSections() {
    }

    /** One row per quantity, one column per dataset. */
    static String summary(List<SplitReport> parts, long leaked, long leakedWithOtherLabel) {
        String[] header = new String[parts.size() + 1];
        header[0] = "summary";
        for (int i = 0; i < parts.size(); i++) {
            header[i + 1] = parts.get(i).name();
        }
        ReportTable table = new ReportTable(header);
        add(table, parts, "examples", p -> count(p.size()));
        add(table, parts, "features", SplitReport::featureDescription);
        add(table, parts, "labels", SplitReport::labelDescription);
        add(table, parts, "NaN values", p -> count(p.nanValues()));
        add(table, parts, "  rows with NaN", p -> countOf(p.nanRows(), p.size()));
        add(table, parts, "infinite values", p -> count(p.infValues()));
        add(table, parts, "  rows with infinite", p -> countOf(p.infRows(), p.size()));
        add(table, parts, "rows with NaN/inf label", p -> countOf(p.missingLabelRows(), p.size()));
        add(table, parts, "constant columns", p -> p.constantColumns().size() + " of " + p.columnMin().length);
        add(table, parts, "min", p -> number(p.min()));
        add(table, parts, "max", p -> number(p.max()));
        add(table, parts, "mean", p -> number(p.mean()));
        add(table, parts, "std", p -> number(p.std()));
        add(table, parts, "duplicate rows", p -> countOf(p.duplicateRows(), p.size()));
        add(table, parts, "  same features, other label", p -> countOf(p.conflictingLabelRows(), p.size()));
        if (parts.size() == 2) {
            long testSize = parts.get(1).size();
            table.row("test rows also in train (leak)", "-", countOf(leaked, testSize));
            table.row("  with another label", "-", count(leakedWithOtherLabel));
        }
        add(table, parts, "classes", p -> p.classCounts().isEmpty() ? "-" : count(p.classCounts().size()));
        add(table, parts, "imbalance (max/min)", p -> p.classCounts().isEmpty() ? "-"
                : String.format(java.util.Locale.ROOT, "%.2f", p.imbalanceRatio()));
        return table.render();
    }

    /** One row per class id: its count and share in each dataset. */
    static String classes(List<SplitReport> parts, Set<Integer> ids) {
        String[] header = new String[parts.size() + 1];
        header[0] = "class";
        for (int i = 0; i < parts.size(); i++) {
            header[i + 1] = parts.get(i).name();
        }
        ReportTable table = new ReportTable(header);
        for (int id : ids) {
            String[] cells = new String[parts.size() + 1];
            cells[0] = Integer.toString(id);
            for (int i = 0; i < parts.size(); i++) {
                SplitReport part = parts.get(i);
                long n = part.classCounts().getOrDefault(id, 0L);
                cells[i + 1] = n + " (" + percent(n / (double) part.size()) + ")";
            }
            table.row(cells);
        }
        return table.render();
    }

    /** The statistics of the first {@code limit} columns of a tabular dataset. */
    static String columns(SplitReport part, int limit) {
        int columns = part.columnMin().length;
        ReportTable table = new ReportTable("column (" + part.name() + ")", "min", "max", "mean", "std", "NaN",
                "inf", "constant");
        double[] min = part.columnMin();
        double[] max = part.columnMax();
        double[] mean = part.columnMean();
        double[] std = part.columnStd();
        long[] nan = part.nanPerColumn();
        long[] inf = part.infPerColumn();
        for (int c = 0; c < Math.min(columns, limit); c++) {
            String name = part.columnNames().size() == columns ? part.columnNames().get(c) : Integer.toString(c);
            table.row(name, number(min[c]), number(max[c]), number(mean[c]), number(std[c]),
                    count(nan[c]), count(inf[c]), part.constantColumns().contains(c) ? "yes" : "");
        }
        String text = table.render();
        return columns > limit ? text + "... " + (columns - limit) + " more columns\n" : text;
    }

    /** The cells of numeric columns read as missing, with their lines: at most {@code limit}. */
    static String missingCells(List<Csv.MissingCell> cells, int limit) {
        java.util.Map<String, Long> perColumn = new java.util.LinkedHashMap<>();
        cells.forEach(cell -> perColumn.merge(cell.column(), 1L, Long::sum));
        StringBuilder out = new StringBuilder("cells of numeric columns read as missing (NaN): ").append(cells.size())
                .append(" (");
        perColumn.forEach((column, n) -> out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ")
                .append('"').append(column).append("\": ").append(n));
        out.append(")\n\n");
        ReportTable table = new ReportTable("line", "column", "cell");
        for (int i = 0; i < Math.min(cells.size(), limit); i++) {
            Csv.MissingCell cell = cells.get(i);
            table.row(Integer.toString(cell.line()), cell.column(), "\"" + cell.cell() + "\"");
        }
        out.append(table.render());
        return cells.size() > limit ? out + "... " + (cells.size() - limit) + " more cells\n" : out.toString();
    }

    private static void add(ReportTable table, List<SplitReport> parts, String label,
                            Function<SplitReport, String> cell) {
        String[] cells = new String[parts.size() + 1];
        cells[0] = label;
        for (int i = 0; i < parts.size(); i++) {
            cells[i + 1] = cell.apply(parts.get(i));
        }
        table.row(cells);
    }
}
