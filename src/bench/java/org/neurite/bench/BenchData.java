package org.neurite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.data.TextDataset;
import org.neurite.datasets.FashionMnist;
import org.neurite.datasets.MovieReviews;
import org.neurite.preprocessing.Sequences;
import org.neurite.preprocessing.Tokenizer;

/**
 * The benchmark data, read from the offline copies under the data root ({@code --data-root},
 * default {@code ../shared/datasets}): {@code fashion-mnist/} and {@code movie-review-polarity/}.
 * The MLP's data is synthetic. Both frameworks get the same arrays, in the layout of
 * {@link Examples}; loading is never timed.
 */
public final class BenchData {
    /** The text models' vocabulary: the 10,000 most frequent words (with the OOV token). */
    public static final int VOCABULARY = 10_000;
    /** The text models' sequence length. */
    public static final int LENGTH = 56;

    private final Path root;

    public BenchData(Path root) {
        this.root = root;
    }

    /** Why {@code workload} cannot run here (its dataset folder is missing), or null when it can. */
    public String missing(Workload workload) {
        if (!workload.needsData()) {
            return null;
        }
        Path folder = folder(workload);
        return Files.isDirectory(folder) ? null
                : "no " + folder.getFileName() + " under " + root.toAbsolutePath().normalize()
                + " (set --data-root to the folder holding the datasets)";
    }

    /** Fashion-MNIST, train (60,000) and test (10,000). */
    public Examples[] fashionMnist() throws IOException {
        Dataset.Split split = FashionMnist.load(root.resolve(FashionMnist.NAME));
        return new Examples[]{examples(split.train()), examples(split.test())};
    }

    /** The movie reviews as padded word ids: train (9,596) and test (1,066), labels {@code [n, 1]}. */
    public Examples[] movieReviews() throws IOException {
        TextDataset.Split split = MovieReviews.load(root.resolve(MovieReviews.NAME));
        Tokenizer tokenizer = new Tokenizer(VOCABULARY, "<OOV>");
        tokenizer.fitOnTexts(split.train().texts());
        return new Examples[]{text(tokenizer, split.train()), text(tokenizer, split.test())};
    }

    /** {@code n} rows of 5 uniform features; label 1 when their sum exceeds 2.5 (separable). */
    public static Examples mlp(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 5);
        INDArray y = x.sum(1).reshape(n, 1).gt(2.5).castTo(DataType.FLOAT);
        return new Examples(x, y);
    }

    private Path folder(Workload workload) {
        return root.resolve(workload.movieReviews() ? MovieReviews.NAME : FashionMnist.NAME);
    }

    private static Examples examples(Dataset data) {
        return new Examples(data.features(), data.labels());
    }

    private static Examples text(Tokenizer tokenizer, TextDataset data) {
        List<int[]> sequences = tokenizer.textsToSequences(data.texts());
        INDArray labels = data.labels().reshape(data.size(), 1);
        return new Examples(Sequences.pad(sequences, LENGTH), labels);
    }
}
