package org.neurite.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one workload of one framework in the current JVM and prints its {@link Result} lines; the
 * body of {@link NeuriteRunner#main} and {@link Dl4jRunner#main}. A workload whose dataset is
 * missing prints a {@code SKIP} line and returns normally.
 */
public final class WorkloadRun {
    /** At most this many distinct batches are prepared; timed steps cycle over them. */
    static final int MAX_BATCHES = 200;
    /** The MLP's synthetic training set. */
    static final int MLP_EXAMPLES = 1024;
    /**
     * The MLP warms up for at least this many steps: its steps take 0.1 to 1 ms, so 200 steps left
     * both frameworks still compiling (JIT) when timing began (DL4J 928 -> 1,043, Neurite 7.8k ->
     * 10.8k steps/s with 3,000).
     */
    static final int MLP_MIN_WARMUP = 3000;

    private final Framework framework;
    private final BenchOptions options;
    private final String environment;

    private WorkloadRun(Framework framework, BenchOptions options) {
        this.framework = framework;
        this.options = options;
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        this.environment = "omp.threads=" + env.get("omp.threads") + ",blas.threads=" + env.get("blas.threads");
    }

    /** Parses {@code args}, runs the workload named by {@code --workload} and prints its results. */
    public static void main(Framework framework, String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        Workload workload = options.workload();
        String missing = new BenchData(options.dataRoot()).missing(workload);
        if (missing != null) {
            System.out.println("SKIP " + framework.name() + " " + workload.id() + ": " + missing);
            return;
        }
        try {
            new WorkloadRun(framework, options).run(workload);
        } catch (UnsupportedOperationException e) {
            System.out.println("SKIP " + framework.name() + " " + workload.id() + ": " + e.getMessage());
        }
    }

    private void run(Workload workload) throws IOException {
        BenchData data = new BenchData(options.dataRoot());
        switch (workload) {
            case CNN32, CNN128 -> cnn(workload, data.fashionMnist()[0]);
            case MLP -> mlp();
            case TEXT -> text(data.movieReviews()[0]);
            case LSTM -> lstm(data.movieReviews());
            case MEMORY -> memory(data.fashionMnist());
            default -> throw new IllegalStateException("no runner for " + workload);
        }
    }

    private void cnn(Workload workload, Examples train) {
        BenchModel<?> model = framework.cnn(options.seed());
        int batch = workload.batchSize();
        double steps = timed(model, train, batch, options.warmup(), options.steps());
        double gflops = steps * CnnFlops.trainingStep(batch) / 1e9;
        String extra = extra(model, "steps=" + options.steps());
        print(workload, Metric.SPEED, steps * batch, extra);
        print(workload, Metric.GFLOPS, gflops, extra);
        print(workload, Metric.MATMUL_PEAK, framework.matmulPeak(), extra);
    }

    private void mlp() {
        BenchModel<?> model = framework.mlp(options.seed());
        Examples train = BenchData.mlp(MLP_EXAMPLES, options.seed());
        double steps = timed(model, train, Workload.MLP.batchSize(), Math.max(options.warmup(), MLP_MIN_WARMUP),
                options.mlpSteps());
        print(Workload.MLP, Metric.STEPS, steps, extra(model, "steps=" + options.mlpSteps()));
    }

    private void text(Examples train) {
        BenchModel<?> model = framework.textCnn(options.seed());
        int batch = Workload.TEXT.batchSize();
        double steps = timed(model, train, batch, options.warmup(), options.steps());
        print(Workload.TEXT, Metric.SPEED, steps * batch, extra(model, "steps=" + options.steps()));
    }

    /**
     * The LSTM model's samples/s at batch 32. Untimed, around the timing: test accuracy before the
     * first step and after the last, printed as a comment line, to show that the model trains.
     */
    private void lstm(Examples[] reviews) {
        BenchModel<?> model = framework.lstm(options.seed());
        int batch = Workload.LSTM.batchSize();
        double before = model.accuracy(reviews[1]);
        double steps = timed(model, reviews[0], batch, options.warmup(), options.steps());
        double after = model.accuracy(reviews[1]);
        System.out.printf(Locale.ROOT, "# %s lstm: test accuracy %.1f%% before training, %.1f%% after %d steps "
                + "of %d%n", framework.name(), 100 * before, 100 * after, options.warmup() + options.steps(), batch);
        print(Workload.LSTM, Metric.SPEED, steps * batch, extra(model, "steps=" + options.steps()));
    }

    private void memory(Examples[] fashion) {
        Examples train = fashion[0].take(options.memoryLimit());
        Examples test = fashion[1];
        BenchModel<?> model = framework.cnn(options.seed());
        int epochs = options.memoryEpochs();
        List<Double> rss = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        double[] accuracy = {Double.NaN};
        long[] t0 = {System.nanoTime()};
        model.fitEpochs(train, Workload.MEMORY.batchSize(), epochs, epoch -> {
            seconds.add((System.nanoTime() - t0[0]) / 1e9);
            rss.add(Rss.current());
            Runtime jvm = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "# %s epoch %d: %.1f s, RSS %.1f MiB (Java heap committed %.1f MiB, "
                    + "used %.1f MiB)%n", framework.name(), epoch, seconds.get(seconds.size() - 1),
                    rss.get(rss.size() - 1), jvm.totalMemory() / 1048576.0,
                    (jvm.totalMemory() - jvm.freeMemory()) / 1048576.0);
            if (epoch == 1) {
                accuracy[0] = model.accuracy(test);
            }
            t0[0] = System.nanoTime();
        });
        double peak = Rss.peak();
        int reference = Math.min(2, epochs) - 1;
        double growth = 100 * (rss.get(epochs - 1) - rss.get(reference)) / rss.get(reference);
        String extra = extra(model, "examples=" + train.size() + ",rss_per_epoch=" + join(rss)
                + ",seconds_per_epoch=" + join(seconds));
        print(Workload.MEMORY, Metric.PEAK_RSS, peak, extra);
        print(Workload.MEMORY, Metric.RSS_GROWTH, growth, extra);
        print(Workload.MEMORY, Metric.ACCURACY, 100 * accuracy[0], extra);
    }

    private static double timed(BenchModel<?> model, Examples train, int batch, int warmup, int steps) {
        List<Examples> batches = train.batches(batch, Math.min(MAX_BATCHES, warmup + steps));
        return Throughput.stepsPerSecond(model, batches, warmup, steps);
    }

    private String extra(BenchModel<?> model, String more) {
        return "params=" + model.parameters() + "," + more + "," + environment;
    }

    private void print(Workload workload, Metric metric, double value, String extra) {
        System.out.println(new Result(framework.name(), workload, metric, value, extra).line());
    }

    private static String join(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining("/"));
    }
}
