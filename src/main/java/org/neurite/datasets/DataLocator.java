package org.neurite.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a dataset's folder. The places, in order (API section 4):
 * <ol>
 *   <li>{@code $NEURITE_DATA/<name>}, when the environment variable is set;</li>
 *   <li>{@code ~/.neurite/datasets/<name>}, the user's cache;</li>
 *   <li>{@code /usr/share/datasets/<name>}, where system packages install data (Debian's
 *       {@code dataset-fashion-mnist}, for example);</li>
 *   <li>a small sample shipped with the project's examples, when the dataset has one;</li>
 *   <li>a download into the user's cache, when the dataset has one.</li>
 * </ol>
 * A place counts when it holds every required file. A required name ending in {@code [.gz]}
 * (such as {@code "train-images-idx3-ubyte[.gz]"}) is satisfied by the plain or the gzipped file.
 * When no place has the data, {@link #locate()} throws an {@link IOException} that lists every place
 * with the reason it was passed over, and how to provide the data.
 *
 * <p>The environment and the home folder are injected, so tests do not depend on the machine:
 * <pre>{@code
 * DataLocator locator = new DataLocator("mnist", List.of("train-images-idx3-ubyte[.gz]"), Map.of(), home);
 * Path dir = locator.locate();
 * }</pre>
 */
public final class DataLocator {
    /** The environment variable naming a root folder that holds {@code <name>/}. */
    public static final String ENV = "NEURITE_DATA";
    /** Where system packages install datasets. */
    public static final Path SYSTEM_ROOT = Path.of("/usr/share/datasets");

    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);
    private static final String GZ_OPTIONAL = "[.gz]";

    /** Fills a folder with the dataset's files (downloads and verifies them). */
    @FunctionalInterface
    public interface Fetcher {
        void fetchInto(Path folder) throws IOException;
    }

    private final String name;
    private final List<String> required;
    private final Map<String, String> env;
    private final Path home;
    private Path systemRoot = SYSTEM_ROOT;
    private Path sample;
    private String downloadSource;
    private Fetcher fetcher;
    private String hint = "";

    /**
     * @param name the dataset's folder name, such as {@code "mnist"}
     * @param required files (or folders) a place must hold, relative to it
     * @param env the environment, usually {@code System.getenv()}
     * @param home the user's home folder, usually {@code Path.of(System.getProperty("user.home"))}
     */
    public DataLocator(String name, List<String> required, Map<String, String> env, Path home) {
        this.name = Objects.requireNonNull(name, "name");
        this.required = List.copyOf(required);
        this.env = Map.copyOf(env);
        this.home = Objects.requireNonNull(home, "home");
    }

    /** A locator for the current user: the real environment and {@code user.home}. */
    public static DataLocator forUser(String name, List<String> required) {
        return new DataLocator(name, required, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Replaces {@code /usr/share/datasets} as the system root; null skips that place. */
    public DataLocator systemRoot(Path root) {
        this.systemRoot = root;
        return this;
    }

    /** Adds the project's sample folder as the fourth place. */
    public DataLocator sample(Path folder) {
        this.sample = folder;
        return this;
    }

    /** Adds a download from {@code source} (for messages) into the cache as the last resort. */
    public DataLocator download(String source, Fetcher fetcher) {
        this.downloadSource = source;
        this.fetcher = fetcher;
        return this;
    }

    /** An extra sentence for the not-found message, such as a package to install. */
    public DataLocator hint(String hint) {
        this.hint = hint;
        return this;
    }

    /** The user's cache folder for this dataset, {@code ~/.neurite/datasets/<name>}. */
    public Path cache() {
        return home.resolve(".neurite").resolve("datasets").resolve(name);
    }

    /** The folders looked at, in order (without the download, which fills {@link #cache()}). */
    public List<Path> places() {
        List<Path> places = new ArrayList<>();
        String root = env.get(ENV);
        if (root != null && !root.isBlank()) {
            places.add(Path.of(root).resolve(name));
        }
        places.add(cache());
        if (systemRoot != null) {
            places.add(systemRoot.resolve(name));
        }
        if (sample != null) {
            places.add(sample);
        }
        return places;
    }

    /**
     * The first place that holds the data, downloading into the cache when none does.
     *
     * @throws IOException listing every place tried, when the data is nowhere and cannot be downloaded
     */
    public Path locate() throws IOException {
        List<String> tried = new ArrayList<>();
        if (env.get(ENV) == null || env.get(ENV).isBlank()) {
            tried.add("$" + ENV + "/" + name + ": " + ENV + " is not set");
        }
        for (Path place : places()) {
            String missing = missing(place);
            if (missing == null) {
                LOG.debug("{}: using {}", name, place);
                return place;
            }
            tried.add(place.toAbsolutePath() + ": " + missing);
        }
        if (fetcher != null) {
            Path cache = cache();
            boolean created = !Files.exists(cache);
            try {
                Files.createDirectories(cache);
                LOG.info("{}: not found locally, downloading from {} into {}", name, downloadSource, cache);
                fetcher.fetchInto(cache);
                String missing = missing(cache);
                if (missing == null) {
                    return cache;
                }
                tried.add("download from " + downloadSource + " into " + cache + ": finished, but " + missing);
            } catch (IOException | RuntimeException e) {
                tried.add("download from " + downloadSource + " into " + cache + ": failed: " + e.getMessage());
                if (created) {
                    removeIfEmpty(cache);
                }
            }
        }
        throw new IOException(notFound(tried));
    }

    /** Null when {@code place} holds every required file, else why it does not. */
    String missing(Path place) {
        if (!Files.isDirectory(place)) {
            return Files.exists(place) ? "not a folder" : "no such folder";
        }
        List<String> absent = new ArrayList<>();
        for (String file : required) {
            if (!exists(place, file)) {
                absent.add(file);
            }
        }
        return absent.isEmpty() ? null : "missing " + String.join(", ", absent);
    }

    /** The path of {@code file} in {@code folder}, preferring the plain file to the gzipped one. */
    static Path resolve(Path folder, String file) {
        if (file.endsWith(GZ_OPTIONAL)) {
            String plain = file.substring(0, file.length() - GZ_OPTIONAL.length());
            Path path = folder.resolve(plain);
            return Files.exists(path) ? path : folder.resolve(plain + ".gz");
        }
        return folder.resolve(file);
    }

    /** Leaves no empty cache folder behind a failed download. */
    private static void removeIfEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            LOG.debug("could not remove {}", folder, e);
        }
    }

    private static boolean exists(Path folder, String file) {
        return Files.exists(resolve(folder, file));
    }

    private String notFound(List<String> tried) {
        StringBuilder message = new StringBuilder(name).append(" data not found. Looked in, in order:");
        for (int i = 0; i < tried.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(tried.get(i));
        }
        message.append("\nTo provide it, put ").append(String.join(", ", required))
                .append(" (a name ending in [.gz] may be gzipped or not) into ").append(cache())
                .append(", or into $").append(ENV).append('/').append(name)
                .append(", or pass the folder to load(Path).");
        if (!hint.isEmpty()) {
            message.append(' ').append(hint);
        }
        return message.toString();
    }
}
