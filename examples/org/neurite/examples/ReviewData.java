package org.neurite.examples;

import java.io.IOException;
import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.data.TextDataset;
import org.neurite.datasets.MovieReviews;
import org.neurite.preprocessing.Sequences;
import org.neurite.preprocessing.Tokenizer;

/**
 * The movie reviews as the text examples use them: the loader's fixed 90% for training (shuffled
 * with {@code --seed}, because the loader lists them class by class and {@code --train-limit}
 * takes a prefix) and its fixed held-out 10% for testing, each review as word ids of a
 * {@value #NUM_WORDS}-word {@link Tokenizer} fitted on the training texts, padded with id 0.
 */
record ReviewData(Dataset train, Dataset test) {
    /** Vocabulary size: the OOV token and the 9,998 most frequent training words. */
    static final int NUM_WORDS = 10_000;

    /**
     * Loads {@code --data} (or {@code MovieReviews.load()}'s search), pads and truncates every
     * review to {@code maxlen} on the {@code side} given, and prints the sizes.
     */
    static ReviewData load(ExampleArgs options, int maxlen, Sequences.Padding side) throws IOException {
        TextDataset.Split reviews = options.data() == null ? MovieReviews.load() : MovieReviews.load(options.data());
        TextDataset trainTexts = reviews.train().shuffle(options.seed());
        Tokenizer tokenizer = new Tokenizer(NUM_WORDS, "<OOV>");
        tokenizer.fitOnTexts(trainTexts.texts());
        Dataset train = Examples.limit(Dataset.of(encode(tokenizer, trainTexts, maxlen, side), trainTexts.labels()),
                options);
        Dataset test = Dataset.of(encode(tokenizer, reviews.test(), maxlen, side), reviews.test().labels());
        System.out.printf(Locale.ROOT, "%,d training and %,d test reviews, %,d distinct training words, length %d%n",
                train.size(), test.size(), tokenizer.wordIndex().size(), maxlen);
        return new ReviewData(train, test);
    }

    /** Word ids padded (and truncated) on {@code side} to {@code maxlen}: FLOAT {@code [n, maxlen]}. */
    private static INDArray encode(Tokenizer tokenizer, TextDataset texts, int maxlen, Sequences.Padding side) {
        Sequences.Truncating cut = side == Sequences.Padding.PRE ? Sequences.Truncating.PRE : Sequences.Truncating.POST;
        return Sequences.pad(tokenizer.textsToSequences(texts.texts()), maxlen, side, cut);
    }
}
