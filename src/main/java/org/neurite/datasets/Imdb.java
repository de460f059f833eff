package org.neurite.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.data.TextDataset;
import org.neurite.data.TextLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Large Movie Review Dataset (Maas et al., 2011): 25,000 training and 25,000 test IMDB reviews,
 * half positive, half negative, in the layout of the authors' {@code aclImdb} folder:
 * {@code train/pos/*.txt}, {@code train/neg/*.txt}, {@code test/pos/*.txt}, {@code test/neg/*.txt}
 * (UTF-8, one review per file; {@code unsup/} is ignored). The texts are kept as written,
 * including the {@code <br />} tags of the original.
 *
 * <pre>{@code
 * TextDataset.Split imdb = Imdb.load(Path.of("/data/aclImdb"));   // labels FLOAT [n]: 1 pos, 0 neg
 * }</pre>
 *
 * Each part is shuffled with the fixed seed {@value #SHUFFLE_SEED} (Keras's), so {@code take}-style
 * prefixes mix both classes. Without a folder, {@link #load()} looks where {@link DataLocator} says
 * under the name {@code imdb}; there is no automatic download (get {@link #SOURCE} and extract it).
 *
 * <p>A missing class folder, a class folder without reviews, an empty review file and bytes that
 * are not UTF-8 (or a NUL byte) in a review are {@link IOException}s naming the folder or the file,
 * and for bad bytes the line and the byte.
 */
public final class Imdb {
    /** The folder name under every root. */
    public static final String NAME = "imdb";
    /** The authors' archive, for people who fetch it by hand. */
    public static final String SOURCE = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz";
    /** The seed that orders each part. */
    public static final long SHUFFLE_SEED = 113;
    static final List<String> FOLDERS = List.of("train/pos", "train/neg", "test/pos", "test/neg");

    private static final Logger LOG = LoggerFactory.getLogger(Imdb.class);

    private Imdb() {
    }

    /**
     * Finds the dataset (see the class comment) and loads it.
     *
     * @throws IOException when it is found nowhere (the message lists every place tried)
     */
    public static TextDataset.Split load() throws IOException {
        return load(locator().locate());
    }

    /** Loads the {@code aclImdb} folder {@code folder}, or the {@code aclImdb} folder inside it. */
    public static TextDataset.Split load(Path folder) throws IOException {
        Path root = Files.isDirectory(folder.resolve("train")) ? folder : folder.resolve("aclImdb");
        for (String part : FOLDERS) {
            if (!Files.isDirectory(root.resolve(part))) {
                throw new IOException(folder.toAbsolutePath() + ": not an aclImdb folder, missing " + part
                        + " (expected " + String.join(", ", FOLDERS) + ")");
            }
        }
        TextDataset train = part(root.resolve("train"));
        TextDataset test = part(root.resolve("test"));
        LOG.info("IMDB: {} training and {} test reviews from {}", train.size(), test.size(), root);
        return new TextDataset.Split(train, test);
    }

    /** Where {@link #load()} looks, for the current user. */
    public static DataLocator locator() {
        return configure(DataLocator.forUser(NAME, FOLDERS));
    }

    /** Where {@link #load()} looks, with the environment and home folder injected. */
    static DataLocator locator(Map<String, String> env, Path home) {
        return configure(new DataLocator(NAME, FOLDERS, env, home));
    }

    private static DataLocator configure(DataLocator locator) {
        return locator.hint("Download " + SOURCE + " and extract it, then rename aclImdb to " + NAME + ".");
    }

    private static TextDataset part(Path folder) throws IOException {
        List<String> texts = new ArrayList<>();
        int positives = read(folder.resolve("pos"), texts);
        read(folder.resolve("neg"), texts);
        float[] labels = new float[texts.size()];
        Arrays.fill(labels, 0, positives, 1f);
        return TextDataset.of(texts, labels).shuffle(SHUFFLE_SEED);
    }

    /** Adds the reviews in {@code folder}, one per {@code *.txt} file, in file-name order. */
    private static int read(Path folder, List<String> into) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(folder.toAbsolutePath() + ": no reviews, expected one *.txt file per review");
        }
        for (Path file : files) {
            String review = TextLines.read(file, StandardCharsets.UTF_8);
            if (review.isEmpty()) {
                throw new IOException(file.toAbsolutePath() + ": empty file, expected one review");
            }
            into.add(review);
        }
        return files.size();
    }
}
