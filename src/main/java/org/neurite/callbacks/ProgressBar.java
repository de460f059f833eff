package org.neurite.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The console output of {@code fit}: on a terminal with verbose 1, a live bar per epoch
 * (step/total, elapsed time and ETA, running loss and metrics); otherwise (verbose 2, or output
 * that is not a terminal) one line per epoch. Added by {@code fit} when verbose is above 0; the
 * only place the library writes to the console.
 */
public final class ProgressBar extends Callback {
    private static final int WIDTH = 30;
    private static final long REFRESH_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean live;
    private final int epochs;
    private final int stepsPerEpoch;
    private long epochStart;
    private long lastDraw;

    /**
     * @param live true for a redrawn bar (a terminal), false for one line per epoch
     */
    public ProgressBar(int epochs, int stepsPerEpoch, boolean live, PrintStream out) {
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.live = live;
        this.out = out;
    }

    /** The bar for {@code verbose} (1 or 2), writing to standard output. */
    public static ProgressBar forVerbose(int verbose, int epochs, int stepsPerEpoch) {
        return new ProgressBar(epochs, stepsPerEpoch, verbose == 1 && System.console() != null, System.out);
    }

    /** The bar for a stream of unknown length: one line per epoch on standard output. */
    public static ProgressBar perEpoch(int epochs) {
        return new ProgressBar(epochs, 0, false, System.out);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochStart = System.nanoTime();
        lastDraw = 0;
        if (live) {
            out.printf("Epoch %d/%d%n", epoch + 1, epochs);
        }
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        int step = batch + 1;
        if (now - lastDraw < REFRESH_NANOS && step < stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = step == 0 ? 0 : elapsed / step * (stepsPerEpoch - step);
        out.print("\r" + bar(step) + " " + time(elapsed) + " ETA " + time(eta) + values(logs) + "   ");
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        if (live) {
            out.println("\r" + bar(stepsPerEpoch) + " " + time(elapsed) + String.format(Locale.ROOT, " %.0fms/step",
                    1000 * elapsed / Math.max(1, stepsPerEpoch)) + values(logs) + "          ");
        } else {
            out.printf(Locale.ROOT, "Epoch %d/%d - %s%s%n", epoch + 1, epochs, time(elapsed), values(logs));
        }
        out.flush();
    }

    private String bar(int step) {
        int filled = stepsPerEpoch == 0 ? WIDTH : (int) ((long) WIDTH * step / stepsPerEpoch);
        String digits = String.valueOf(stepsPerEpoch);
        StringBuilder sb = new StringBuilder(String.format("%" + digits.length() + "d/%s [", step, digits));
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled - 1 || (i == filled - 1 && step == stepsPerEpoch) ? '=' : i == filled - 1 ? '>' : '.');
        }
        return sb.append(']').toString();
    }

    private static String time(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) seconds / 3600, ((long) seconds / 60) % 60,
                    (long) seconds % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format(Locale.ROOT, "%.0fs", seconds);
    }

    private static String values(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        logs.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " - %s: %.4f", k, v)));
        return sb.toString();
    }
}
