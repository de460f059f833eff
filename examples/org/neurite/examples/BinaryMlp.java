package org.neurite.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.data.csv.Csv;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.preprocessing.Standardizer;

/**
 * The seed's binary classifier, Input(5), Dense(64, relu), Dense(1, sigmoid), trained with Adam
 * on binary cross-entropy.
 *
 * <p>By default it makes its own data: 1,000 training and 1,000 test points of 5 features uniform
 * in [-1, 1), labelled 1 when a fixed linear score {@code 1.5 a - 2 b + 0.7 c + d - 0.5 e} is
 * positive (linearly separable, so accuracy should approach 1). With {@code --data file.csv} it
 * reads your own numeric CSV file with a header line instead: the column named by
 * {@code --label} (default {@code label}) must hold 0 or 1, every other column is a feature (the
 * input width follows the file); 20% of the rows, chosen with {@code --seed}, are the test part,
 * and the features are standardised with statistics of the training part.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=org.neurite.examples.BinaryMlp \
 *     [-Dexec.args="--data points.csv --label label"]</pre>
 */
public final class BinaryMlp {
    /** Examples per part of the generated data. */
    static final int GENERATED = 1000;

    private BinaryMlp() {
    }

    public static void main(String[] args) {
        Examples.main(args, BinaryMlp::run, "label");
    }

    static void run(ExampleArgs options) throws IOException {
        Dataset.Split data = options.data() == null ? generated(options.seed()) : fromCsv(options.data(),
                options.get("label", "label"), options.seed());
        Dataset train = Examples.limit(data.train(), options);
        long inputs = train.features().size(1);

        Sequential model = new Sequential(new Input(inputs), new Dense(64, "relu"), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        System.out.print(model.summary());

        History history = Examples.fit(model, train, Fit.epochs(options.epochs(10)).batchSize(options.batchSize(32))
                .validationSplit(0.1).seed(options.seed()));
        Map<String, Double> scores = model.evaluate(data.test());
        Examples.finish("Binary MLP", scores, data.test().size(), history, options, "binary-mlp.svg");
    }

    /** Two independent draws of the separable problem. */
    static Dataset.Split generated(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray w = Nd4j.createFromArray(new float[][] {{1.5f}, {-2f}, {0.7f}, {1f}, {-0.5f}});
        INDArray x = Nd4j.rand(DataType.FLOAT, 2 * GENERATED, 5).muli(2).subi(1);
        INDArray y = x.mmul(w).gt(0).castTo(DataType.FLOAT);
        return Dataset.of(x, y).split(0.5, seed);
    }

    /** The CSV file split 80/20 and standardised on its training part; labels must be 0 or 1. */
    static Dataset.Split fromCsv(Path file, String label, long seed) throws IOException {
        Dataset all = Csv.load(file, label);
        INDArray labels = all.labels();
        long bad = labels.neq(0).castTo(DataType.INT).mul(labels.neq(1).castTo(DataType.INT)).sumNumber().longValue();
        if (bad > 0) {
            throw new IOException(file + ": column \"" + label + "\" must hold 0 or 1 for a binary classifier, but "
                    + bad + " of " + labels.length() + " rows hold something else");
        }
        Dataset.Split parts = all.split(0.2, seed);
        Standardizer standardizer = Standardizer.fit(parts.train());
        return new Dataset.Split(standardizer.transform(parts.train()), standardizer.transform(parts.test()));
    }
}
