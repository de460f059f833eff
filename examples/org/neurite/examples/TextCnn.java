package org.neurite.examples;

import java.io.IOException;
import java.util.Map;

import org.neurite.data.Dataset;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Input;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.preprocessing.Sequences;

/**
 * The seed's text classifier on the sentence polarity dataset (10,662 one-sentence movie
 * reviews, positive or negative; {@link org.neurite.datasets.MovieReviews}): a 10,000-word {@link org.neurite.preprocessing.Tokenizer} fitted
 * on the training texts, sequences padded to {@code --maxlen} words (default 56: nearly every
 * review fits), then Embedding(10,000, 16), Conv1D(128, 5, relu), GlobalMaxPooling1D and a
 * sigmoid output, trained with Adam on binary cross-entropy.
 *
 * <p>It trains on the loader's fixed 90% and is tested on the fixed held-out 10%. The held-out
 * part is also passed as validation data, only so that the training curves show it per epoch:
 * nothing is chosen by it. The training texts are shuffled first (with {@code --seed}), because
 * the loader's stratified split lists them class by class and {@code --train-limit} takes a prefix.
 *
 * <p>Data: {@code --data DIR} with {@code rt-polarity.pos} and {@code rt-polarity.neg}, else
 * {@code MovieReviews.load()}'s search ({@code $NEURITE_DATA/movie-review-polarity}, ...,
 * download).
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=org.neurite.examples.TextCnn \
 *     -Dexec.args="--data /path/to/movie-review-polarity"</pre>
 */
public final class TextCnn {
    private TextCnn() {
    }

    public static void main(String[] args) {
        Examples.main(args, TextCnn::run, "maxlen");
    }

    static void run(ExampleArgs options) throws IOException {
        int maxlen = options.positive("maxlen", 56);
        ReviewData reviews = ReviewData.load(options, maxlen, Sequences.Padding.PRE);
        Dataset train = reviews.train();
        Dataset test = reviews.test();

        Sequential model = new Sequential(
                new Input(maxlen),
                new Embedding(ReviewData.NUM_WORDS, 16),
                new Conv1D(128, 5, "relu"),
                new GlobalMaxPooling1D(),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        System.out.print(model.summary());

        History history = Examples.fit(model, train, Fit.epochs(options.epochs(5)).batchSize(options.batchSize(32))
                .validationData(test).seed(options.seed()));
        Map<String, Double> scores = model.evaluate(test);
        Examples.finish("Movie-review text CNN", scores, test.size(), history, options, "text-cnn.svg");
    }
}
