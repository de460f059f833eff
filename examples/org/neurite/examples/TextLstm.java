package org.neurite.examples;

import java.io.IOException;
import java.util.Map;

import org.neurite.data.Dataset;
import org.neurite.layers.Bidirectional;
import org.neurite.layers.Dense;
import org.neurite.layers.Dropout;
import org.neurite.layers.Embedding;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.layers.Node;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.preprocessing.Sequences;

/**
 * A bidirectional LSTM on the sentence polarity dataset (10,662 one-sentence movie reviews;
 * {@link org.neurite.datasets.MovieReviews}), written with the functional API: a 10,000-word {@link org.neurite.preprocessing.Tokenizer},
 * sequences padded at the end to {@code --maxlen} words (default 56) with id 0, then
 * Embedding(10,000, {@code --width} 64) with zero ids masked, dropout 0.3,
 * Bidirectional(LSTM({@code --units} 32)) that skips the padding, dropout 0.5 and a sigmoid
 * output, trained with Adam on binary cross-entropy for {@code --epochs} (default 3).
 *
 * <p>It trains on the loader's fixed 90% and is tested on the fixed held-out 10%, which is also
 * passed as validation data only so the training curves show it; nothing is chosen by it.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.mainClass=org.neurite.examples.TextLstm \
 *     -Dexec.args="--data /path/to/movie-review-polarity"</pre>
 */
public final class TextLstm {
    private TextLstm() {
    }

    public static void main(String[] args) {
        Examples.main(args, TextLstm::run, "maxlen", "width", "units");
    }

    static void run(ExampleArgs options) throws IOException {
        int maxlen = options.positive("maxlen", 56);
        int width = options.positive("width", 64);
        int units = options.positive("units", 32);
        ReviewData reviews = ReviewData.load(options, maxlen, Sequences.Padding.POST);
        Dataset train = reviews.train();
        Dataset test = reviews.test();

        Node words = Input.of("words", maxlen);
        Node x = new Embedding(ReviewData.NUM_WORDS, width).maskZero(true).apply(words);
        x = new Dropout(0.3).apply(x);
        x = new Bidirectional(new LSTM(units)).apply(x);
        x = new Dropout(0.5).apply(x);
        Node positive = new Dense(1, "sigmoid").apply(x);
        Model model = new Model(words, positive).name("text_lstm");
        model.compile("adam", "binary_crossentropy", "accuracy");
        System.out.print(model.summary());

        History history = Examples.fit(model, train, Fit.epochs(options.epochs(3)).batchSize(options.batchSize(32))
                .validationData(test).seed(options.seed()));
        Map<String, Double> scores = model.evaluate(test);
        Examples.finish("Movie-review bidirectional LSTM", scores, test.size(), history, options, "text-lstm.svg");
    }
}
