package org.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Texts with one label each, as loaded by {@code datasets.MovieReviews} and {@code datasets.Imdb}; turn the texts into
 * arrays with {@code preprocessing.Tokenizer} and {@code preprocessing.Sequences}.
 *
 * <pre>{@code
 * TextDataset.Split reviews = MovieReviews.load();
 * Tokenizer tokenizer = new Tokenizer(10_000, "<OOV>");
 * tokenizer.fitOnTexts(reviews.train().texts());
 * INDArray x = Sequences.pad(tokenizer.textsToSequences(reviews.train().texts()), 120);
 * Dataset train = Dataset.of(x, reviews.train().labels());
 * }</pre>
 */
public final class TextDataset {
    /** A train part and a test part. */
    public record Split(TextDataset train, TextDataset test) {
    }

    private final List<String> texts;
    private final INDArray labels;

    private TextDataset(List<String> texts, INDArray labels) {
        this.texts = texts;
        this.labels = labels;
    }

    /**
     * @param texts one text per example
     * @param labels FLOAT {@code [n]}, one label per text
     */
    public static TextDataset of(List<String> texts, INDArray labels) {
        if (texts == null || labels == null) {
            throw new IllegalArgumentException("TextDataset.of: texts and labels must not be null");
        }
        if (labels.rank() != 1 || labels.length() != texts.size()) {
            throw new IllegalArgumentException("TextDataset.of: " + texts.size() + " texts need labels of shape ["
                    + texts.size() + "], got " + Rows.shape(labels));
        }
        return new TextDataset(Collections.unmodifiableList(new ArrayList<>(texts)), Rows.detach(labels));
    }

    /** Texts with labels given as Java floats. */
    public static TextDataset of(List<String> texts, float[] labels) {
        return of(texts, Rows.detached(() -> labels.length == 0
                ? Nd4j.create(DataType.FLOAT, 0) : Nd4j.createFromArray(labels)));
    }

    /** The texts, unmodifiable. */
    public List<String> texts() {
        return texts;
    }

    /** The labels, FLOAT {@code [n]}. */
    public INDArray labels() {
        return labels;
    }

    /** The number of examples {@code n}. */
    public int size() {
        return texts.size();
    }

    /** The same examples in a random order fixed by {@code seed}. */
    public TextDataset shuffle(long seed) {
        return subset(Indices.permutation(size(), seed));
    }

    /** A shuffled split with {@code round(testFraction * size())} examples in the test part. */
    public Split split(double testFraction, long seed) {
        int[][] parts = Indices.split(size(), testFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    /** A shuffled split that keeps the proportion of each label value in both parts. */
    public Split stratifiedSplit(double testFraction, long seed) {
        int[][] parts = Indices.stratified(Arrays.stream(labels.toDoubleVector()).mapToInt(v -> (int) v).toArray(),
                testFraction, seed);
        return new Split(subset(parts[0]), subset(parts[1]));
    }

    TextDataset subset(int[] rows) {
        List<String> picked = new ArrayList<>(rows.length);
        for (int row : rows) {
            picked.add(texts.get(row));
        }
        return new TextDataset(Collections.unmodifiableList(picked), Rows.gather(labels, rows));
    }

    @Override
    public String toString() {
        return "TextDataset[" + size() + " texts, labels " + Rows.shape(labels) + "]";
    }
}
