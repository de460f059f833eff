package org.neurite.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.data.Dataset;

/**
 * The MNIST handwritten digits: 28x28 grey images of the digits 0 to 9.
 *
 * <pre>{@code
 * Dataset.Split mnist = Mnist.load();
 * mnist.train().features();   // FLOAT [n, 28, 28, 1], values in [0, 1]
 * mnist.train().labels();     // FLOAT [n], class ids 0..9
 * }</pre>
 *
 * A folder holds {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or gzipped
 * ({@code .gz}). Without a folder, {@link #load()} looks where {@link DataLocator} says, under the
 * name {@code mnist}; the fourth place is {@code examples/data/mnist} below the working directory,
 * the project's sample of 10,000 real digits (8,000 train, 2,000 test). The last resort downloads
 * the full 60,000/10,000 set from {@link #SOURCE} (the TensorFlow mirror of Yann LeCun's files)
 * into {@code ~/.neurite/datasets/mnist}, verifying each file's SHA-256.
 */
public final class Mnist {
    /** The folder name under every root. */
    public static final String NAME = "mnist";
    /** The download mirror; file names are appended to it. */
    public static final URI SOURCE = URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/");
    /** The sample the project ships for its examples, relative to the working directory. */
    public static final Path SAMPLE = Path.of("examples", "data", "mnist");

    /** SHA-256 of the canonical gzipped files (as listed by TensorFlow Datasets for this mirror). */
    static final Map<String, String> SHA256 = Map.of(
            MnistFormat.TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            MnistFormat.TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            MnistFormat.TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            MnistFormat.TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    private Mnist() {
    }

    /**
     * Finds MNIST (see the class comment) and loads it.
     *
     * @throws IOException when it is found nowhere (the message lists every place tried) or a file is corrupt
     */
    public static Dataset.Split load() throws IOException {
        return load(locator().locate());
    }

    /** Loads MNIST from {@code folder}. */
    public static Dataset.Split load(Path folder) throws IOException {
        return MnistFormat.load(folder, "MNIST");
    }

    /** Where {@link #load()} looks, for the current user. */
    public static DataLocator locator() {
        return DataLocator.forUser(NAME, MnistFormat.FILES).sample(SAMPLE)
                .download(SOURCE.toString(), MnistFormat.fetcher(SOURCE, SHA256));
    }

    /** Where {@link #load()} looks, with the environment, home folder and mirror injected. */
    static DataLocator locator(Map<String, String> env, Path home, URI source) {
        return new DataLocator(NAME, MnistFormat.FILES, env, home).sample(SAMPLE)
                .download(source.toString(), MnistFormat.fetcher(source, SHA256));
    }
}
