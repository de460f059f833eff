package org.neurite.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.data.TextDataset;
import org.neurite.data.TextLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentence polarity dataset v1.0 (Pang and Lee, 2005; the "MR" benchmark): 5,331 positive and
 * 5,331 negative movie-review snippets.
 *
 * <pre>{@code
 * TextDataset.Split reviews = MovieReviews.load();
 * reviews.train().texts();    // 9,596 snippets
 * reviews.train().labels();   // FLOAT [9596]: 1 positive, 0 negative
 * }</pre>
 *
 * A folder holds {@code rt-polarity.pos} and {@code rt-polarity.neg}, one example per line,
 * ISO-8859-1 encoded; blank lines are skipped and surrounding whitespace is removed. Lines are
 * split at {@code \n} only (the files contain byte 0x85, which ISO-8859-1 reads as U+0085 and which
 * stays inside the text). The dataset has no official split, so this class gives a fixed one: 10%
 * of each class, chosen with seed {@value #SPLIT_SEED}, is the test part.
 *
 * <p>A missing class file, a folder in its place, a file without any snippet and a NUL byte
 * (binary data, or a file cut short and padded with zeros) are {@link IOException}s naming the
 * file; ISO-8859-1 gives every other byte a character, so no other byte can be invalid.
 *
 * <p>Without a folder, {@link #load()} looks where {@link DataLocator} says under the name
 * {@code movie-review-polarity}, then downloads {@link #SOURCE} and keeps the two files whose
 * SHA-256 match.
 */
public final class MovieReviews {
    /** The folder name under every root. */
    public static final String NAME = "movie-review-polarity";
    /** The file of positive snippets (label 1). */
    public static final String POSITIVE = "rt-polarity.pos";
    /** The file of negative snippets (label 0). */
    public static final String NEGATIVE = "rt-polarity.neg";
    /** The authors' archive ({@code rt-polaritydata/rt-polarity.pos} and {@code .neg} inside). */
    public static final URI SOURCE =
            URI.create("https://www.cs.cornell.edu/people/pabo/movie-review-data/rt-polaritydata.tar.gz");
    /** The seed of the fixed 90/10 split. */
    public static final long SPLIT_SEED = 42;
    static final double TEST_FRACTION = 0.1;

    /** SHA-256 of the two files of v1.0. */
    static final Map<String, String> SHA256 = Map.of(
            POSITIVE, "2da124ec187a9d5a29c9f04e91c540e02baed5af8868f550a26bd6fd4dbf8bf0",
            NEGATIVE, "4ace77d558c3714723843f1d65b60c01e3417b208180f0728808d76ad0eeeaca");

    private static final Logger LOG = LoggerFactory.getLogger(MovieReviews.class);

    private MovieReviews() {
    }

    /**
     * Finds the dataset (see the class comment) and loads it with the fixed 90/10 split.
     *
     * @throws IOException when it is found nowhere (the message lists every place tried)
     */
    public static TextDataset.Split load() throws IOException {
        return load(locator().locate());
    }

    /** Loads {@code rt-polarity.pos} and {@code rt-polarity.neg} from {@code folder}, split 90/10. */
    public static TextDataset.Split load(Path folder) throws IOException {
        List<String> texts = new ArrayList<>();
        int positives = readLines(folder.resolve(POSITIVE), texts);
        int negatives = readLines(folder.resolve(NEGATIVE), texts);
        float[] labels = new float[texts.size()];
        Arrays.fill(labels, 0, positives, 1f);
        LOG.info("movie reviews: {} positive and {} negative from {}", positives, negatives, folder);
        return TextDataset.of(texts, labels).stratifiedSplit(TEST_FRACTION, SPLIT_SEED);
    }

    /** Where {@link #load()} looks, for the current user. */
    public static DataLocator locator() {
        return DataLocator.forUser(NAME, List.of(POSITIVE, NEGATIVE)).download(SOURCE.toString(), fetcher(SOURCE));
    }

    /** Where {@link #load()} looks, with the environment, home folder and archive location injected. */
    static DataLocator locator(Map<String, String> env, Path home, URI source) {
        return new DataLocator(NAME, List.of(POSITIVE, NEGATIVE), env, home).download(source.toString(), fetcher(source));
    }

    /** Downloads the archive, keeps the two files if their checksums match, deletes the archive. */
    static DataLocator.Fetcher fetcher(URI source) {
        return folder -> {
            Path archive = folder.resolve("rt-polaritydata.tar.gz");
            boolean verified = false;
            try {
                Downloader.download(source, archive, null);
                List<String> found = Tar.extract(archive, Set.of(POSITIVE, NEGATIVE), folder);
                if (found.size() != 2) {
                    throw new IOException(source + ": the archive holds " + found + ", expected " + POSITIVE
                            + " and " + NEGATIVE);
                }
                for (String file : found) {
                    Downloader.verify(folder.resolve(file), SHA256.get(file), source.toString());
                }
                verified = true;
            } finally {
                Files.deleteIfExists(archive);
                if (!verified) {
                    Files.deleteIfExists(folder.resolve(POSITIVE));
                    Files.deleteIfExists(folder.resolve(NEGATIVE));
                }
            }
        };
    }

    /** Adds the snippets of {@code file}, one per non-blank line; a file without any is an error. */
    private static int readLines(Path file, List<String> into) throws IOException {
        String content = TextLines.read(file, StandardCharsets.ISO_8859_1);
        int added = 0;
        for (String line : content.split("\n")) {
            String text = line.strip();
            if (!text.isEmpty()) {
                into.add(text);
                added++;
            }
        }
        if (added == 0) {
            throw new IOException(file.toAbsolutePath() + ": no snippets, expected one per line, found "
                    + (content.isEmpty() ? "an empty file" : "only blank lines"));
        }
        return added;
    }
}
