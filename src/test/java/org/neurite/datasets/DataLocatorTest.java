package org.neurite.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path tmp;

    private DataLocator locator(Map<String, String> env) {
        return new DataLocator("mnist", MnistFormat.FILES, env, tmp.resolve("home"))
                .systemRoot(tmp.resolve("system")).sample(tmp.resolve("sample"));
    }

    private Path fill(Path folder) throws IOException {
        MnistTest.writeTiny(folder, 2, 1, true);
        return folder;
    }

    @Test
    void placesAreTriedInOrder() throws IOException {
        Map<String, String> env = Map.of(DataLocator.ENV, tmp.resolve("env").toString());
        assertEquals(List.of(tmp.resolve("env/mnist"), tmp.resolve("home/.neurite/datasets/mnist"),
                tmp.resolve("system/mnist"), tmp.resolve("sample")), locator(env).places());

        Path sample = fill(tmp.resolve("sample"));
        assertEquals(sample, locator(env).locate());
        Path system = fill(tmp.resolve("system/mnist"));
        assertEquals(system, locator(env).locate());
        Path cache = fill(tmp.resolve("home/.neurite/datasets/mnist"));
        assertEquals(cache, locator(env).locate());
        Path fromEnv = fill(tmp.resolve("env/mnist"));
        assertEquals(fromEnv, locator(env).locate());
        assertEquals(cache, locator(Map.of()).locate(), "without NEURITE_DATA the cache comes first");
    }

    @Test
    void notFoundListsEveryPlaceAndHowToProvideTheData() throws IOException {
        Files.createDirectories(tmp.resolve("system/mnist"));
        Files.writeString(tmp.resolve("system/mnist/train-images-idx3-ubyte"), "x");
        DataLocator locator = locator(Map.of()).download("https://example.org/mnist/",
                folder -> {
                    throw new IOException("no network here");
                });
        IOException e = assertThrows(IOException.class, locator::locate);
        String m = e.getMessage();
        assertTrue(m.contains("1. $NEURITE_DATA/mnist: NEURITE_DATA is not set"), m);
        assertTrue(m.contains("2. " + tmp.resolve("home/.neurite/datasets/mnist") + ": no such folder"), m);
        assertTrue(m.contains("3. " + tmp.resolve("system/mnist") + ": missing train-labels-idx1-ubyte[.gz]"), m);
        assertTrue(m.contains("4. " + tmp.resolve("sample")), m);
        assertTrue(m.contains("5. download from https://example.org/mnist/") && m.contains("no network here"), m);
        assertTrue(m.contains("To provide it") && m.contains("load(Path)") && m.contains("NEURITE_DATA/mnist"), m);
    }

    @Test
    void downloadFillsTheCache() throws IOException {
        Path source = fill(tmp.resolve("remote"));
        DataLocator locator = locator(Map.of()).download("test", folder -> {
            for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz"}) {
                Files.copy(source.resolve(f), folder.resolve(f));
            }
        });
        Path found = locator.locate();
        assertEquals(locator.cache(), found);
        assertEquals(2, Mnist.load(found).train().size());
    }

    @Test
    void mnistDownloadVerifiesChecksums() throws IOException {
        Path remote = fill(tmp.resolve("remote"));
        Files.move(remote.resolve("t10k-images-idx3-ubyte"), remote.resolve("t10k-images-idx3-ubyte.gz"));
        DataLocator locator = Mnist.locator(Map.of(), tmp.resolve("home"), remote.toUri())
                .systemRoot(null).sample(tmp.resolve("no-sample"));
        IOException e = assertThrows(IOException.class, locator::locate);
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains(
                Mnist.SHA256.get("train-images-idx3-ubyte")), e.getMessage());
        assertFalse(Files.exists(locator.cache()), "nothing unverified stays, not even an empty folder");
        IOException offline = assertThrows(IOException.class, () -> FashionMnist.locator(Map.of(), tmp.resolve("h2"),
                tmp.resolve("missing").toUri()).systemRoot(null).locate());
        assertTrue(offline.getMessage().contains("download failed") && offline.getMessage().contains("apt install"),
                offline.getMessage());
    }

    @Test
    void downloaderChecksAndKeepsAVerifiedFile() throws IOException {
        Path source = tmp.resolve("payload.bin");
        Files.writeString(source, "hello", StandardCharsets.UTF_8);
        String sha = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        Path target = tmp.resolve("cache/payload.bin");
        Downloader.download(source.toUri(), target, sha);
        assertEquals("hello", Files.readString(target));
        assertThrows(IOException.class, () -> Downloader.download(source.toUri(), tmp.resolve("cache/other"),
                "00" + sha.substring(2)));
        assertFalse(Files.exists(tmp.resolve("cache/other")));
        assertThrows(IOException.class, () -> Downloader.download(URI.create("file:///nonexistent/x"), target, sha));
        assertEquals("hello", Files.readString(target), "a failed download leaves the old file");
    }
}
