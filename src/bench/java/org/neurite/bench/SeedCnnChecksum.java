package org.neurite.bench;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.examples.MnistCnn;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;

/**
 * Trains the seed CNN for 2 epochs on generated data with a fixed seed and prints the losses and
 * the bit pattern checksum of the final weights, so two builds can be compared for identical results.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.SeedCnnChecksum [-Dexec.args="512 plain"]</pre>
 * With {@code plain} the run takes the reference path ({@code Neurite.fastPaths(false)}).
 */
public final class SeedCnnChecksum {
    private SeedCnnChecksum() {
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        Neurite.fastPaths(!(args.length > 1 && args[1].equals("plain")));
        Neurite.seed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, samples, 28, 28, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, samples).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        Sequential model = MnistCnn.seedCnn();
        model.compile("adam", "sparse_categorical_crossentropy");
        History history = model.fit(x, y, Fit.epochs(2).batchSize(32).verbose(0));
        System.out.println("losses " + history.history().get("loss"));
        long bits = 0;
        double sum = 0;
        List<INDArray> weights = model.getWeights();
        for (INDArray w : weights) {
            float[] values = w.castTo(DataType.FLOAT).data().asFloat();
            for (float v : values) {
                bits = bits * 31 + Float.floatToRawIntBits(v);
                sum += v;
            }
        }
        System.out.println(String.format(Locale.ROOT, "weights %d arrays, sum %.9f, bits %016x", weights.size(), sum, bits));
    }
}
