package org.neurite.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.data.Dataset;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test 28x28 grey images
 * of clothing in 10 classes, in the same files and shapes as {@link Mnist}.
 *
 * <pre>{@code
 * Dataset.Split fashion = FashionMnist.load();   // FLOAT [n, 28, 28, 1] in [0, 1], labels FLOAT [n]
 * }</pre>
 *
 * Without a folder, {@link #load()} looks where {@link DataLocator} says under the name
 * {@code fashion-mnist}: {@code $NEURITE_DATA/fashion-mnist}, {@code ~/.neurite/datasets/fashion-mnist},
 * {@code /usr/share/datasets/fashion-mnist} (Debian: {@code apt install dataset-fashion-mnist}),
 * and finally downloads from {@link #SOURCE}, verifying each file's SHA-256. There is no shipped sample.
 */
public final class FashionMnist {
    /** The folder name under every root. */
    public static final String NAME = "fashion-mnist";
    /** The dataset's own download location; file names are appended to it. */
    public static final URI SOURCE = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /** SHA-256 of the canonical gzipped files (identical to those Debian packages). */
    static final Map<String, String> SHA256 = Map.of(
            MnistFormat.TRAIN_IMAGES, "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            MnistFormat.TRAIN_LABELS, "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            MnistFormat.TEST_IMAGES, "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            MnistFormat.TEST_LABELS, "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

    private FashionMnist() {
    }

    /**
     * Finds Fashion-MNIST (see the class comment) and loads it.
     *
     * @throws IOException when it is found nowhere (the message lists every place tried) or a file is corrupt
     */
    public static Dataset.Split load() throws IOException {
        return load(locator().locate());
    }

    /** Loads Fashion-MNIST from {@code folder}. */
    public static Dataset.Split load(Path folder) throws IOException {
        return MnistFormat.load(folder, "Fashion-MNIST");
    }

    /** Where {@link #load()} looks, for the current user. */
    public static DataLocator locator() {
        return configure(DataLocator.forUser(NAME, MnistFormat.FILES), SOURCE);
    }

    /** Where {@link #load()} looks, with the environment, home folder and download location injected. */
    static DataLocator locator(Map<String, String> env, Path home, URI source) {
        return configure(new DataLocator(NAME, MnistFormat.FILES, env, home), source);
    }

    private static DataLocator configure(DataLocator locator, URI source) {
        return locator.download(source.toString(), MnistFormat.fetcher(source, SHA256))
                .hint("On Debian and Ubuntu: sudo apt install dataset-fashion-mnist.");
    }
}
