package org.neurite.bench;

import java.util.Arrays;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.examples.MnistCnn;
import org.neurite.losses.Losses;
import org.neurite.models.Fit;
import org.neurite.models.Sequential;
import org.neurite.optimizers.SGD;
import org.neurite.privacy.DifferentialPrivacy;

/**
 * The cost of differential privacy per epoch: the seed CNN trained for one epoch normally and one
 * epoch with DP-SGD (Poisson sampling, per-example gradients, clipping, noise), alternately, on
 * the same generated 28x28 images; prints each epoch's time, the medians, their ratio and the
 * process RSS after each DP epoch (it must not grow).
 *
 * <pre>OMP_NUM_THREADS=1 mvn -B -q -Pbench test-compile exec:java \
 *     -Dexec.mainClass=org.neurite.bench.DpEpochBench -Dexec.args="8192 32 3"</pre>
 * Arguments: examples (8192), batch size (32, the seed's), rounds (3, after one warm-up round).
 */
public final class DpEpochBench {
    private DpEpochBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 28, 28, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, n).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        Dataset data = Dataset.of(x, y);
        Sequential plain = compiled();
        Sequential dp = compiled();
        DifferentialPrivacy privacy = DifferentialPrivacy.noiseMultiplier(1.1).l2NormClip(1.0).delta(1e-5);
        double[] plainSeconds = new double[rounds];
        double[] dpSeconds = new double[rounds];
        for (int r = -1; r < rounds; r++) {   // round -1 warms up both
            double p = seconds(() -> plain.fit(data, Fit.epochs(1).batchSize(batch).verbose(0).seed(7)));
            double d = seconds(() -> dp.fit(data, Fit.epochs(1).batchSize(batch).verbose(0).seed(7).privacy(privacy)));
            System.out.printf(Locale.ROOT, "round %d: normal epoch %.2f s, DP epoch %.2f s (x%.2f), RSS %.0f MiB%n",
                    r, p, d, d / p, Rss.current());
            if (r >= 0) {
                plainSeconds[r] = p;
                dpSeconds[r] = d;
            }
        }
        double p = median(plainSeconds);
        double d = median(dpSeconds);
        System.out.printf(Locale.ROOT, "seed CNN, %d examples, batch %d: median normal epoch %.2f s, DP epoch %.2f s, "
                + "ratio %.2f%n", n, batch, p, d, d / p);
    }

    private static Sequential compiled() {
        Nd4j.getRandom().setSeed(2);
        Sequential model = MnistCnn.seedCnn();
        model.compile(new SGD(0.05), Losses.sparseCategoricalCrossentropy());
        return model;
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
