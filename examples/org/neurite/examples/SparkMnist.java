package org.neurite.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.neurite.callbacks.Callback;
import org.neurite.data.Dataset;
import org.neurite.datasets.Mnist;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.spark.SparkTrainer;

/**
 * The seed CNN on MNIST, trained on Apache Spark (docs/distributed.md). {@code --master} takes any
 * master URL (default {@code local[2]}); {@code --mode sync|averaging}, {@code --workers N} (default:
 * Spark's parallelism) and {@code --averaging-frequency K} choose the training; {@code --compare 1}
 * first trains a copy with plain {@code fit} and prints both per-epoch times (the overhead figure).
 *
 * <pre>MAVEN_OPTS="$(flags in docs/distributed.md)" mvn -B -q test-compile exec:java \
 *   -Dexec.mainClass=org.neurite.examples.SparkMnist -Dexec.args="--master local[1] --epochs 2 --compare 1"</pre>
 */
public final class SparkMnist {
    private SparkMnist() {
    }

    public static void main(String[] args) {
        Examples.main(args, SparkMnist::run, "master", "mode", "workers", "averaging-frequency", "compare");
    }

    static void run(ExampleArgs options) throws IOException {
        Dataset.Split mnist = options.data() == null ? Mnist.load() : Mnist.load(options.data());
        Dataset train = Examples.limit(mnist.train(), options);
        Fit fit = Fit.epochs(options.epochs(3)).batchSize(options.batchSize(32)).seed(options.seed());
        Model model = MnistCnn.seedCnn();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        if (options.positive("compare", 2) == 1) {
            Model plain = Model.load(saved(model));
            EpochTimes times = new EpochTimes();
            plain.fit(train, Fit.epochs(fit.epochs()).batchSize(fit.batchSize()).seed(fit.seed()).callbacks(times));
            System.out.println("plain fit, seconds per epoch: " + times);
        }
        SparkSession spark = SparkSession.builder().appName("neurite-spark-mnist")
                .master(options.get("master", "local[2]")).config("spark.ui.enabled", "false").getOrCreate();
        try {
            SparkTrainer trainer = new SparkTrainer(spark)
                    .mode(options.get("mode", "sync").equals("averaging") ? SparkTrainer.Mode.PARAMETER_AVERAGING
                            : SparkTrainer.Mode.SYNCHRONOUS)
                    .averagingFrequency(options.positive("averaging-frequency", 5));
            if (options.get("workers", null) != null) {
                trainer.workers(options.positive("workers", 1));
            }
            EpochTimes times = new EpochTimes();
            History history = trainer.fit(model, train, fit.callbacks(times));
            System.out.println("SparkTrainer (" + spark.sparkContext().master() + "), seconds per epoch: " + times);
            Map<String, Double> scores = model.evaluate(mnist.test());
            Examples.finish("MNIST CNN on Spark", scores, mnist.test().size(), history, options, "spark-mnist.svg");
        } finally {
            spark.stop();
        }
    }

    private static java.nio.file.Path saved(Model model) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("spark-mnist", ".neurite");
        file.toFile().deleteOnExit();
        model.save(file);
        return file;
    }

    /** Wall-clock seconds of each epoch. */
    private static final class EpochTimes extends Callback {
        private final List<Double> seconds = new ArrayList<>();
        private long start;

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            seconds.add((System.nanoTime() - start) / 1e9);
        }

        @Override
        public String toString() {
            return seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList().toString();
        }
    }
}
