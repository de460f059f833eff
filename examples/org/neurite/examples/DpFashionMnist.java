package org.neurite.examples;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.neurite.callbacks.LambdaCallback;
import org.neurite.data.Dataset;
import org.neurite.datasets.FashionMnist;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;
import org.neurite.optimizers.SGD;
import org.neurite.privacy.DifferentialPrivacy;

/**
 * Differentially private training (DP-SGD) on Fashion-MNIST: the small tanh CNN of Papernot et
 * al. 2021 ("Tempered Sigmoid Activations for Deep Learning with Differential Privacy"), trained
 * with the noise solved for a target epsilon ({@code delta = 1e-5}), printing the test accuracy
 * and the epsilon spent after every epoch; then the same network trained without privacy, for
 * the accuracy privacy costs (with Adam at 1e-3, the usual non-private setting).
 *
 * <p>Options: {@code --epsilon} (target, default 3), {@code --clip} (L2 norm clip, 0.1),
 * {@code --lr} (SGD learning rate, 3), {@code --momentum} (0.9), {@code --baseline off} skips the
 * non-private run; {@code --epochs} (10), {@code --batch-size} (the expected batch, 1024). Data as
 * {@link FashionMnistCnn}. The defaults are the settings measured in docs/privacy.md.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=org.neurite.examples.DpFashionMnist \
 *     -Dexec.args="--data /path/to/fashion-mnist --epsilon 3"</pre>
 */
public final class DpFashionMnist {
    private DpFashionMnist() {
    }

    public static void main(String[] args) {
        Examples.main(args, DpFashionMnist::run, "epsilon", "clip", "lr", "momentum", "baseline");
    }

    static void run(ExampleArgs options) throws IOException {
        Dataset.Split fashion = options.data() == null ? FashionMnist.load() : FashionMnist.load(options.data());
        Dataset train = Examples.limit(fashion.train(), options);
        Dataset test = fashion.test();
        int epochs = options.epochs(10);
        int batchSize = options.batchSize(1024);
        double epsilon = number(options, "epsilon", 3);
        DifferentialPrivacy dp = DifferentialPrivacy.targetEpsilon(epsilon).l2NormClip(number(options, "clip", 0.1))
                .delta(1e-5);

        Sequential model = compiled(options);
        System.out.print(model.summary());
        LambdaCallback perEpoch = new LambdaCallback().onEpochEnd((e, logs) -> System.out.printf(Locale.ROOT,
                "epoch %d: test accuracy %.4f at epsilon %.3f%n", e + 1,
                model.evaluate(test).get("accuracy"), logs.get("epsilon")));
        Fit fit = Fit.epochs(epochs).batchSize(batchSize).seed(options.seed()).privacy(dp).callbacks(perEpoch);
        History history = Examples.fit(model, train, fit);
        Map<String, Double> scores = model.evaluate(test);
        double spent = history.get("epsilon").get(history.get("epsilon").size() - 1);

        if (!options.get("baseline", "on").equals("off")) {
            Sequential plain = network();   // its own usual optimizer: lr 4 suits only clipped gradients
            plain.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
            plain.fit(train, Fit.epochs(epochs).batchSize(batchSize).seed(options.seed()).verbose(0));
            System.out.printf(Locale.ROOT, "non-private, same network and epochs: test accuracy %.4f%n",
                    plain.evaluate(test).get("accuracy"));
        }
        System.out.printf(Locale.ROOT, "private: test accuracy %.4f at epsilon %.3f (delta 1e-5)%n",
                scores.get("accuracy"), spent);
        Examples.finish("DP Fashion-MNIST (epsilon " + epsilon + ")", scores, test.size(), history, options,
                "dp-fashion-mnist.svg");
    }

    private static Sequential compiled(ExampleArgs options) {
        Sequential model = network();
        SGD sgd = new SGD(number(options, "lr", 3)).momentum(number(options, "momentum", 0.9));
        model.compile(sgd, Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
        return model;
    }

    /**
     * Papernot et al.'s Fashion-MNIST network: two strided tanh convolutions, each followed by a
     * 2x2 max pooling of stride 1, a tanh dense layer and the softmax output; 26,010 parameters.
     * Tanh (a tempered sigmoid) keeps activations bounded, so clipping loses less signal than
     * with ReLU.
     */
    public static Sequential network() {
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(16, 8, "tanh").strides(2).padding("same"),
                new MaxPooling2D(2).strides(1),
                new Conv2D(32, 4, "tanh").strides(2),
                new MaxPooling2D(2).strides(1),
                new Flatten(),
                new Dense(32, "tanh"),
                new Dense(10, "softmax"));
    }

    private static double number(ExampleArgs options, String key, double fallback) {
        String text = options.get(key, null);
        try {
            return text == null ? fallback : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ExampleArgs.BadOption("option --" + key + " must be a number, got '" + text + "'");
        }
    }
}
