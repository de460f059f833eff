package org.neurite.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comparison's results, gathered over rounds, as a Markdown table: one row per workload and
 * metric with the median of Neurite's and of DL4J's runs, their ratio and the acceptance bar.
 */
final class ResultTable {
    static final String NEURITE = "neurite";
    static final String DL4J = "dl4j";

    private record Row(Workload workload, Metric metric) {
    }

    private final List<Result> results = new ArrayList<>();

    void addAll(Collection<Result> more) {
        results.addAll(more);
    }

    boolean isEmpty() {
        return results.isEmpty();
    }

    /** The summary: medians, ratio (Neurite / DL4J; a difference in points for accuracy), bar, verdict. */
    String summary() {
        StringBuilder out = new StringBuilder();
        out.append("| workload | metric | unit | Neurite | DL4J | ratio | bar | verdict |\n");
        out.append("|---|---|---|---:|---:|---:|---|---|\n");
        for (Row row : rows()) {
            double n = median(values(row, NEURITE));
            double d = median(values(row, DL4J));
            Acceptance bar = Acceptance.of(row.workload(), row.metric());
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", row.workload().id(),
                    row.metric().id(), row.metric().unit(), number(n), number(d), ratio(row.metric(), n, d),
                    bar.text(), bar.verdict(n, d)));
        }
        return out.toString();
    }

    /**
     * The CNN step's achieved GFLOP/s as a share of the matmul peak measured in the same JVMs, one
     * line per CNN workload and framework.
     */
    String efficiency() {
        StringBuilder out = new StringBuilder();
        for (Workload w : List.of(Workload.CNN32, Workload.CNN128)) {
            for (String framework : List.of(NEURITE, DL4J)) {
                double achieved = median(values(new Row(w, Metric.GFLOPS), framework));
                double peak = median(values(new Row(w, Metric.MATMUL_PEAK), framework));
                if (!Double.isNaN(achieved) && !Double.isNaN(peak)) {
                    out.append(String.format(Locale.ROOT, "%s %s: CNN step %s GFLOP/s = %.1f%% of ND4J's FLOAT "
                            + "matmul peak (%s GFLOP/s, same JVM)%n", w.id(), framework, number(achieved),
                            100 * achieved / peak, number(peak)));
                }
            }
        }
        return out.toString();
    }

    /** Every run's figure, in run order, for each row and framework. */
    String runs() {
        StringBuilder out = new StringBuilder();
        for (Row row : rows()) {
            out.append(String.format(Locale.ROOT, "%-7s %-12s neurite %-24s dl4j %s%n", row.workload().id(),
                    row.metric().id(), list(values(row, NEURITE)), list(values(row, DL4J))));
        }
        return out.toString();
    }

    private Set<Row> rows() {
        Set<Row> rows = new LinkedHashSet<>();
        results.forEach(r -> rows.add(new Row(r.workload(), r.metric())));
        return rows;
    }

    private List<Double> values(Row row, String framework) {
        return results.stream().filter(r -> r.framework().equals(framework) && r.workload() == row.workload()
                && r.metric() == row.metric()).map(Result::value).toList();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String ratio(Metric metric, double n, double d) {
        if (Double.isNaN(n) || Double.isNaN(d)) {
            return "";
        }
        return switch (metric) {
            case RSS_GROWTH -> "-";
            case ACCURACY -> String.format(Locale.ROOT, "%+.2f pt", n - d);
            default -> String.format(Locale.ROOT, "%.2fx", n / d);
        };
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String list(List<Double> values) {
        return values.isEmpty() ? "-" : values.stream().map(ResultTable::number).collect(Collectors.joining(", "));
    }
}
