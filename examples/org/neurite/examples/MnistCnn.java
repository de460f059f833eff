package org.neurite.examples;

import java.io.IOException;
import java.util.Map;

import org.neurite.data.Dataset;
import org.neurite.datasets.Mnist;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;

/**
 * The seed's MNIST CNN. Without {@code --data} it trains on the 10,000-digit sample the
 * repository ships (8,000 train, 2,000 test); point {@code --data} at a folder with the full
 * MNIST IDX files to train on all of it.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=org.neurite.examples.MnistCnn [-Dexec.args="--epochs 3"]</pre>
 */
public final class MnistCnn {
    private MnistCnn() {
    }

    public static void main(String[] args) {
        Examples.main(args, MnistCnn::run);
    }

    static void run(ExampleArgs options) throws IOException {
        Dataset.Split mnist = options.data() == null ? Mnist.load() : Mnist.load(options.data());
        Dataset train = Examples.limit(mnist.train(), options);

        Sequential model = seedCnn();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        System.out.print(model.summary());

        History history = Examples.fit(model, train, Fit.epochs(options.epochs(10)).batchSize(options.batchSize(32))
                .validationSplit(0.1).seed(options.seed()));
        Map<String, Double> scores = model.evaluate(mnist.test());
        Examples.finish("MNIST CNN", scores, mnist.test().size(), history, options, "mnist-cnn.svg");
    }

    /** The seed's CNN for 28x28 grey images and 10 classes: 225,034 parameters. */
    public static Sequential seedCnn() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(32, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(128, "relu"),
                new Dense(10, "softmax"));
    }
}
