package org.neurite.bench;

import java.util.Locale;

/**
 * The acceptance bar of one row of the comparison, measured in one run of {@link Compare}. Against
 * DL4J, from the first performance issue:
 *
 * <ul>
 *   <li>CNN at batch 32: at least 6x DL4J's samples/s; at batch 128: faster than DL4J;</li>
 *   <li>MLP: at least 8x DL4J's steps/s; text CNN: at least 3x DL4J's samples/s; LSTM: at least 5x
 *       DL4J's samples/s;</li>
 *   <li>memory: RSS after the last epoch within 3% of RSS after epoch 2, peak RSS below DL4J's,
 *       test accuracy after one epoch within 0.5 points of DL4J's.</li>
 * </ul>
 * Against TensorFlow Java, from the second: at least 1x on the CNN, MLP and text CNN, peak RSS below
 * TensorFlow's, the same RSS growth and accuracy bars. Rows without a bar (GFLOP/s, matmul peak)
 * are for information.
 */
public record Acceptance(String text, Check check) {
    /** Whether Neurite's figure passes, given the peer's. */
    @FunctionalInterface
    public interface Check {
        boolean passes(double neurite, double peer);
    }

    static final Acceptance NONE = new Acceptance("-", null);

    /** The bar of {@code metric} in {@code workload} against {@code peer} ({@code dl4j} or {@code tf}). */
    public static Acceptance of(String peer, Workload workload, Metric metric) {
        return ResultTable.TF.equals(peer) ? againstTensorFlow(workload, metric) : againstDl4j(workload, metric);
    }

    /**
     * The bars of the second performance issue, against TensorFlow Java at its default threads: every
     * timed workload but the LSTM (TensorFlow has none here) at least as fast, the same memory bars.
     */
    private static Acceptance againstTensorFlow(Workload workload, Metric metric) {
        return switch (metric) {
            case SPEED, STEPS -> workload == Workload.LSTM ? NONE : atLeast(1);
            case PEAK_RSS -> new Acceptance("< TF", (n, d) -> n < d);
            case RSS_GROWTH, ACCURACY -> againstDl4j(workload, metric);
            default -> NONE;
        };
    }

    private static Acceptance againstDl4j(Workload workload, Metric metric) {
        return switch (metric) {
            case SPEED, STEPS -> switch (workload) {
                case CNN32 -> atLeast(6);
                case CNN128 -> new Acceptance("> 1x", (n, d) -> n > d);
                case MLP -> atLeast(8);
                case TEXT -> atLeast(3);
                case LSTM -> atLeast(5);
                default -> NONE;
            };
            case PEAK_RSS -> new Acceptance("< DL4J", (n, d) -> n < d);
            case RSS_GROWTH -> new Acceptance("Neurite within 3%", (n, d) -> Math.abs(n) <= 3);
            case ACCURACY -> new Acceptance("within 0.5 pt", (n, d) -> Math.abs(n - d) <= 0.5);
            default -> NONE;
        };
    }

    static Acceptance atLeast(double factor) {
        return new Acceptance(String.format(Locale.ROOT, ">= %.0fx", factor), (n, d) -> n >= factor * d);
    }

    /** "PASS", "FAIL", or "" when there is no bar or a figure is missing. */
    public String verdict(double neurite, double peer) {
        if (check == null || Double.isNaN(neurite) || Double.isNaN(peer)) {
            return "";
        }
        return check.passes(neurite, peer) ? "PASS" : "FAIL";
    }
}
