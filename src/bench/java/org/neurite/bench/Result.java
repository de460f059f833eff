package org.neurite.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure, printed by a runner as one machine-readable line and parsed back by
 * {@link Compare}:
 * <pre>RESULT framework=neurite workload=cnn32 metric=speed value=1234.5 unit=samples/s extra=omp=1</pre>
 * Values hold no spaces; {@code extra} is free text to the end of the line.
 */
public record Result(String framework, Workload workload, Metric metric, double value, String extra) {
    /** The prefix of every result line. */
    public static final String PREFIX = "RESULT ";

    /** The line a runner prints. */
    public String line() {
        return String.format(Locale.ROOT, "%sframework=%s workload=%s metric=%s value=%.4f unit=%s extra=%s",
                PREFIX, framework, workload.id(), metric.id(), value, metric.unit(), extra == null ? "" : extra);
    }

    /** Whether {@code line} is a result line. */
    public static boolean isResult(String line) {
        return line.startsWith(PREFIX);
    }

    /** Parses a line written by {@link #line()}. */
    public static Result parse(String line) {
        if (!isResult(line)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        String body = line.substring(PREFIX.length());
        int extraAt = body.indexOf(" extra=");
        String extra = extraAt < 0 ? "" : body.substring(extraAt + " extra=".length());
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : (extraAt < 0 ? body : body.substring(0, extraAt)).split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new Result(fields.get("framework"), Workload.of(fields.get("workload")),
                Metric.of(fields.get("metric")), Double.parseDouble(fields.get("value")), extra);
    }
}
