package org.neurite.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comparison's results, gathered over rounds and thread settings, as Markdown tables: one row
 * per thread setting, workload and metric with the median of Neurite's runs and, for each peer, its
 * median, Neurite's ratio to it and the acceptance bar; then each framework's default setting
 * against one thread.
 */
final class ResultTable {
    static final String NEURITE = "neurite";
    static final String DL4J = "dl4j";
    static final String TF = "tf";
    private static final String ONE_THREAD = "1";
    private static final String DEFAULT = "default";

    /** One figure and the thread setting of the child that measured it. */
    private record Tagged(String threads, Result result) {
    }

    private record Row(String threads, Workload workload, Metric metric) {
    }

    private final List<Tagged> results = new ArrayList<>();

    /** Adds the figures of a child run with the thread setting {@code threads} ({@code default} or a count). */
    void addAll(String threads, Collection<Result> more) {
        more.forEach(r -> results.add(new Tagged(threads, r)));
    }

    boolean isEmpty() {
        return results.isEmpty();
    }

    /** The summary: medians, ratios (Neurite / peer; a difference in points for accuracy), bars, verdicts. */
    String summary() {
        List<String> peers = peers();
        StringBuilder out = new StringBuilder("| threads | workload | metric | unit | Neurite |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---:|");
        for (String peer : peers) {
            out.append(String.format(" %s | ratio | bar | verdict |", display(peer)));
            rule.append("---:|---:|---|---|");
        }
        out.append('\n').append(rule).append('\n');
        for (Row row : rows()) {
            double n = median(values(row, NEURITE));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", row.threads(), row.workload().id(),
                    row.metric().id(), row.metric().unit(), number(n)));
            for (String peer : peers) {
                double p = median(values(row, peer));
                // TensorFlow's bars hold at the default threads; other settings are for information
                Acceptance bar = peer.equals(TF) && !row.threads().equals(DEFAULT) ? Acceptance.NONE
                        : Acceptance.of(peer, row.workload(), row.metric());
                out.append(String.format(Locale.ROOT, " %s | %s | %s | %s |", number(p), ratio(row.metric(), n, p),
                        bar.text(), bar.verdict(n, p)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Each framework's speed at its default thread setting over its speed at one thread, per workload;
     * Neurite's bar is 1x (the default never slower).
     */
    String threads() {
        StringBuilder out = new StringBuilder("| workload | framework | default | 1 thread | default / 1 | bar | verdict |\n"
                + "|---|---|---:|---:|---:|---|---|\n");
        Acceptance bar = Acceptance.atLeast(1);
        for (Row row : rows()) {
            if (!row.threads().equals(DEFAULT) || !(row.metric() == Metric.SPEED || row.metric() == Metric.STEPS)) {
                continue;
            }
            for (String framework : frameworks()) {
                double d = median(values(row, framework));
                double one = median(values(new Row(ONE_THREAD, row.workload(), row.metric()), framework));
                if (Double.isNaN(d) || Double.isNaN(one)) {
                    continue;
                }
                boolean neurite = framework.equals(NEURITE);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2fx | %s | %s |%n", row.workload().id(),
                        display(framework), number(d), number(one), d / one, neurite ? bar.text() : "-",
                        neurite ? bar.verdict(d, one) : ""));
            }
        }
        return out.toString();
    }

    /**
     * The CNN step's achieved GFLOP/s as a share of the matmul peak measured in the same JVMs, one
     * line per thread setting, CNN workload and framework.
     */
    String efficiency() {
        StringBuilder out = new StringBuilder();
        for (Row row : rows()) {
            if (row.metric() != Metric.GFLOPS) {
                continue;
            }
            for (String framework : frameworks()) {
                double achieved = median(values(row, framework));
                double peak = median(values(new Row(row.threads(), row.workload(), Metric.MATMUL_PEAK), framework));
                if (!Double.isNaN(achieved) && !Double.isNaN(peak)) {
                    out.append(String.format(Locale.ROOT, "%s threads=%s %s: CNN step %s GFLOP/s = %.1f%% of its "
                            + "best FLOAT matmul rate (%s GFLOP/s, same JVM)%n", row.workload().id(), row.threads(),
                            framework, number(achieved), 100 * achieved / peak, number(peak)));
                }
            }
        }
        return out.toString();
    }

    /** Every run's figure, in run order, for each row and framework. */
    String runs() {
        StringBuilder out = new StringBuilder();
        for (Row row : rows()) {
            out.append(String.format(Locale.ROOT, "%-7s %-7s %-12s", row.threads(), row.workload().id(),
                    row.metric().id()));
            for (String framework : frameworks()) {
                out.append(String.format(Locale.ROOT, " %s %-24s", framework, list(values(row, framework))));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private Set<Row> rows() {
        Set<Row> rows = new LinkedHashSet<>();
        results.forEach(t -> rows.add(new Row(t.threads(), t.result().workload(), t.result().metric())));
        return rows;
    }

    private List<String> frameworks() {
        List<String> out = new ArrayList<>(List.of(NEURITE));
        out.addAll(peers());
        return out;
    }

    private List<String> peers() {
        return List.of(TF, DL4J).stream().filter(p -> results.stream()
                .anyMatch(t -> t.result().framework().equals(p))).toList();
    }

    private List<Double> values(Row row, String framework) {
        return results.stream().filter(t -> t.threads().equals(row.threads())
                && t.result().framework().equals(framework) && t.result().workload() == row.workload()
                && t.result().metric() == row.metric()).map(t -> t.result().value()).toList();
    }

    private static String display(String framework) {
        return switch (framework) {
            case TF -> "TF Java";
            case DL4J -> "DL4J";
            default -> "Neurite";
        };
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
