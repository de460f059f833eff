package org.neurite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.callbacks.Callback;
import org.neurite.data.csv.Csv;
import org.neurite.data.csv.CsvStream;
import org.neurite.data.csv.GeneratedCsv;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;

/**
 * Issue 14's acceptance: one epoch over a generated CSV larger than the heap (2 GB by default)
 * with {@code -Xmx512m}, its resident memory sampled from /proc/self/status during the epoch.
 * Started with a larger heap (as under {@code mvn exec:java}), it runs itself again in a child JVM
 * with {@code -Xmx512m}. The file is written under /tmp and deleted at the end.
 *
 * <pre>
 * OMP_NUM_THREADS=1 mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.StreamRss \
 *     -Dexec.args="2000"        # megabytes (10^6 bytes) of CSV
 * </pre>
 */
public final class StreamRss {
    private static final int FEATURES = 16;
    private static final long HEAP_LIMIT = 600L << 20;

    private StreamRss() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        if (Runtime.getRuntime().maxMemory() > HEAP_LIMIT) {
            ChildJvm jvm = new ChildJvm(List.of("-Xmx512m"), Path.of("target", "bench", "logs"), 60);
            ChildJvm.Outcome outcome = jvm.run(StreamRss.class, List.of(String.valueOf(megabytes)), threads(),
                    "stream-rss.log");
            System.out.println("child exit code " + outcome.exitCode() + ", log " + outcome.log());
            return;
        }
        // a second argument names a file an interrupted run left behind, to skip writing it again
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile(Path.of("/tmp"), "neurite-stream-", ".csv");
        try {
            run(file, megabytes * 1_000_000);
        } finally {
            Files.deleteIfExists(file);
            say("deleted %s", file);
        }
    }

    private static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return omp == null ? 1 : Integer.parseInt(omp);
    }

    private static void run(Path file, long bytes) throws IOException {
        say("heap limit %.0f MiB, RSS at start %.0f MiB", Runtime.getRuntime().maxMemory() / 1048576.0, Rss.current());
        long start = System.nanoTime();
        long rows = Files.size(file) >= bytes ? dataRows(file) : GeneratedCsv.write(file, bytes, FEATURES);
        say("wrote %s: %d rows, %.3f GB (10^9 bytes) in %.0f s", file, rows, Files.size(file) / 1e9,
                (System.nanoTime() - start) / 1e9);
        CsvStream data = Csv.stream(file, "label", 1024);
        Sequential model = new Sequential(new Input(FEATURES), new Dense(32, "relu"), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        Sampler sampler = new Sampler(rows / 1024 / 20 + 1);
        start = System.nanoTime();
        History history = model.fit(data, Fit.epochs(1).verbose(0).callbacks(sampler));
        double seconds = (System.nanoTime() - start) / 1e9;
        say("epoch: %d batches in %.0f s (%.0f rows/s), loss %.4f, accuracy %.4f", sampler.batches, seconds,
                rows / seconds, history.last("loss"), history.last("accuracy"));
        say("RSS (MiB) after batch 1: %.0f, from 10%% of the epoch on: min %.0f, max %.0f, at the end %.0f; peak (VmHWM) %.0f",
                sampler.first, sampler.minAfterWarmup, sampler.maxAfterWarmup, Rss.current(), Rss.peak());
        say("RESULT stream_rss_growth_mib %.1f (end minus the value at 10%% of the epoch)",
                Rss.current() - sampler.atWarmup);
    }

    private static long dataRows(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count() - 1;
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("# " + String.format(Locale.ROOT, format, args));
    }

    /** RSS every {@code every} batches, printed, with its range after the first tenth of the epoch. */
    private static final class Sampler extends Callback {
        private final long every;
        long batches;
        double first;
        double atWarmup = Double.NaN;
        double minAfterWarmup = Double.MAX_VALUE;
        double maxAfterWarmup;

        Sampler(long every) {
            this.every = every;
        }

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
            batches = batch + 1L;
            if (batch == 0) {
                first = Rss.current();
            }
            if (batches % every != 0) {
                return;
            }
            double rss = Rss.current();
            if (batches >= 2 * every) {   // the tenth of the epoch (every = 1/20) is warm-up
                if (Double.isNaN(atWarmup)) {
                    atWarmup = rss;
                }
                minAfterWarmup = Math.min(minAfterWarmup, rss);
                maxAfterWarmup = Math.max(maxAfterWarmup, rss);
            }
            say("batch %d: RSS %.0f MiB, heap used %.0f MiB", batches, rss,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
        }
    }
}
