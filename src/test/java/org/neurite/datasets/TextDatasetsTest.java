package org.neurite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.neurite.data.TextDataset;

/** MovieReviews, Imdb and TextDataset on tiny files written here. */
class TextDatasetsTest {
    @TempDir
    Path tmp;

    private Path writeReviews(int perClass) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("mr"));
        StringBuilder pos = new StringBuilder();
        StringBuilder neg = new StringBuilder();
        for (int i = 0; i < perClass; i++) {
            pos.append("a charming caf\u00e9 film number ").append(i).append(" \n");
            neg.append("dull \u0085 film number ").append(i).append(" \r\n\n");
        }
        Files.write(folder.resolve("rt-polarity.pos"), pos.toString().getBytes(StandardCharsets.ISO_8859_1));
        Files.write(folder.resolve("rt-polarity.neg"), neg.toString().getBytes(StandardCharsets.ISO_8859_1));
        return folder;
    }

    @Test
    void movieReviewsReadIso88591WithAFixedStratifiedSplit() throws IOException {
        Path folder = writeReviews(50);
        assertEquals((byte) 0xE9, Files.readAllBytes(folder.resolve("rt-polarity.pos"))[14], "one byte per char");
        TextDataset.Split split = MovieReviews.load(folder);
        assertEquals(90, split.train().size());
        assertEquals(10, split.test().size());
        assertEquals(5.0, split.test().labels().sumNumber().doubleValue(), "half of the test part is positive");
        assertEquals(DataType.FLOAT, split.train().labels().dataType());
        assertArrayEquals(new long[] {90}, split.train().labels().shape());
        for (int i = 0; i < split.train().size(); i++) {
            String text = split.train().texts().get(i);
            boolean positive = split.train().labels().getDouble(i) == 1.0;
            assertEquals(positive, text.startsWith("a charming caf\u00e9 film"), text);
            assertTrue(positive || text.startsWith("dull \u0085 film"), text);
            assertEquals(text.strip(), text);
        }
        assertEquals(split.test().texts(), MovieReviews.load(folder).test().texts(), "the split is fixed");
        assertThrows(IOException.class, () -> MovieReviews.load(tmp.resolve("nowhere")));
    }

    @Test
    void movieReviewsLocatorAndDownloadChecks() throws IOException {
        Path folder = writeReviews(3);
        Path home = tmp.resolve("home");
        Path archive = tmp.resolve("rt-polaritydata.tar.gz");
        writeTarGz(archive, Map.of("rt-polaritydata/rt-polarity.pos", "good\n", "rt-polaritydata/rt-polarity.neg",
                "bad\n", "rt-polaritydata/README", "x"));
        DataLocator locator = MovieReviews.locator(Map.of(DataLocator.ENV, tmp.toString()), home, archive.toUri())
                .systemRoot(null);
        IOException e = assertThrows(IOException.class, locator::locate);
        assertTrue(e.getMessage().contains(tmp.resolve("movie-review-polarity") + ": no such folder")
                && e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertFalse(Files.exists(locator.cache()), "archive and unverified files are removed");
        Files.move(folder, tmp.resolve("movie-review-polarity"));
        assertEquals(tmp.resolve("movie-review-polarity"), locator.locate());
    }

    @Test
    void tarExtractsNamedFiles() throws IOException {
        Path archive = tmp.resolve("a.tar.gz");
        String big = "x".repeat(1500);
        writeTarGz(archive, Map.of("d/one.txt", "first", "d/two.txt", big, "d/skip.txt", "no"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        List<String> got = Tar.extract(archive, Set.of("one.txt", "two.txt"), out);
        assertEquals(Set.of("one.txt", "two.txt"), Set.copyOf(got));
        assertEquals("first", Files.readString(out.resolve("one.txt")));
        assertEquals(big, Files.readString(out.resolve("two.txt")));

        byte[] whole = Files.readAllBytes(archive);
        Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(whole, whole.length / 2));
        IOException e = assertThrows(IOException.class, () -> Tar.extract(cut, Set.of("two.txt"), out));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void imdbLayout() throws IOException {
        Path root = tmp.resolve("parent/aclImdb");
        String[] parts = {"train/pos", "train/neg", "test/pos", "test/neg"};
        for (String part : parts) {
            Files.createDirectories(root.resolve(part));
            for (int i = 0; i < 3; i++) {
                String text = part + " review " + i + " \u00fcber gut<br />";
                Files.writeString(root.resolve(part).resolve(i + "_7.txt"), text, StandardCharsets.UTF_8);
            }
        }
        Files.createDirectories(root.resolve("train/unsup"));
        Files.writeString(root.resolve("train/pos/notes.md"), "ignored");
        TextDataset.Split split = Imdb.load(tmp.resolve("parent"));
        assertEquals(6, split.train().size());
        assertEquals(6, split.test().size());
        for (int i = 0; i < 6; i++) {
            String text = split.test().texts().get(i);
            assertTrue(text.startsWith("test/"), text);
            assertTrue(text.contains("\u00fcber"), "UTF-8 decoded: " + text);
            assertEquals(text.startsWith("test/pos") ? 1.0 : 0.0, split.test().labels().getDouble(i));
        }
        assertEquals(split.train().texts(), Imdb.load(root).train().texts(), "same fixed order from either folder");
        Files.delete(root.resolve("test/neg/0_7.txt"));
        Files.delete(root.resolve("test/neg/1_7.txt"));
        Files.delete(root.resolve("test/neg/2_7.txt"));
        Files.delete(root.resolve("test/neg"));
        IOException e = assertThrows(IOException.class, () -> Imdb.load(root));
        assertTrue(e.getMessage().contains("missing test/neg"), e.getMessage());
        IOException nowhere = assertThrows(IOException.class,
                () -> Imdb.locator(Map.of(), tmp.resolve("home")).systemRoot(null).locate());
        assertTrue(nowhere.getMessage().contains("aclImdb_v1.tar.gz"), nowhere.getMessage());
    }

    @Test
    void corruptMovieReviewFilesNameTheFile() throws IOException {
        Path folder = writeReviews(3);
        Path pos = folder.resolve("rt-polarity.pos");
        Path neg = folder.resolve("rt-polarity.neg");
        Files.delete(neg);
        assertMessage(neg + ": no such file", () -> MovieReviews.load(folder));
        Files.createDirectory(neg);
        assertMessage(neg + ": is a folder, expected a file", () -> MovieReviews.load(folder));
        Files.delete(neg);
        Files.write(neg, new byte[0]);
        assertMessage(neg.toAbsolutePath() + ": no snippets, expected one per line, found an empty file",
                () -> MovieReviews.load(folder));
        Files.writeString(neg, " \n\r\n\t\n");
        assertMessage(neg.toAbsolutePath() + ": no snippets, expected one per line, found only blank lines",
                () -> MovieReviews.load(folder));
        Files.writeString(neg, "fine\n");
        byte[] padded = Arrays.copyOf(Files.readAllBytes(pos), (int) Files.size(pos) + 8);
        Files.write(pos, padded);
        assertMessage(pos + ":4: byte 1 of the line: expected text, found a NUL byte (binary data?)",
                () -> MovieReviews.load(folder));
    }

    @Test
    void corruptImdbFoldersAndReviewsNameTheFile() throws IOException {
        Path root = tmp.resolve("aclImdb");
        for (String part : new String[] {"train/pos", "train/neg", "test/pos", "test/neg"}) {
            Files.createDirectories(root.resolve(part));
            Files.writeString(root.resolve(part).resolve("0_9.txt"), part + " fine", StandardCharsets.UTF_8);
        }
        assertEquals(2, Imdb.load(root).train().size());
        Path review = root.resolve("train/neg/1_2.txt");
        Files.write(review, new byte[] {'o', 'k', '\n', 'b', 'a', 'd', (byte) 0xFF, '!'});
        assertMessage(review + ":2: byte 4 of the line: expected UTF-8 text, found the invalid byte(s) 0xFF",
                () -> Imdb.load(root));
        Files.write(review, new byte[0]);
        assertMessage(review.toAbsolutePath() + ": empty file, expected one review", () -> Imdb.load(root));
        Files.delete(review);
        Files.createDirectory(review);
        assertMessage(review + ": is a folder, expected a file", () -> Imdb.load(root));
        Files.delete(review);
        Files.delete(root.resolve("test/pos/0_9.txt"));
        assertMessage(root.resolve("test/pos").toAbsolutePath() + ": no reviews, expected one *.txt file per review",
                () -> Imdb.load(root));
        Files.delete(root.resolve("test/neg/0_9.txt"));
        Files.delete(root.resolve("test/neg"));
        IOException missing = assertThrows(IOException.class, () -> Imdb.load(root));
        assertTrue(missing.getMessage().startsWith(root.toAbsolutePath() + ": not an aclImdb folder, missing test/neg"),
                missing.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable load) {
        assertEquals(expected, assertThrows(IOException.class, load).getMessage());
    }

    @Test
    void textDatasetChecksAndSplits() {
        List<String> texts = new ArrayList<>();
        float[] labels = new float[20];
        for (int i = 0; i < 20; i++) {
            texts.add("t" + i);
            labels[i] = i % 2;
        }
        TextDataset data = TextDataset.of(texts, labels);
        TextDataset.Split split = data.split(0.25, 1);
        assertEquals(15, split.train().size());
        assertEquals(5, split.test().size());
        for (int i = 0; i < 5; i++) {
            int id = Integer.parseInt(split.test().texts().get(i).substring(1));
            assertEquals(id % 2, split.test().labels().getInt(i));
        }
        assertThrows(IllegalArgumentException.class, () -> TextDataset.of(texts, new float[3]));
        assertThrows(UnsupportedOperationException.class, () -> data.texts().add("x"));
    }

    /** A minimal ustar writer, enough for Tar.extract. */
    static void writeTarGz(Path file, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] data = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
            byte[] header = new byte[512];
            put(header, 0, e.getKey());
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", data.length));
            header[156] = '0';
            put(header, 257, "ustar");
            tar.write(header);
            tar.write(data);
            tar.write(new byte[(512 - data.length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar.toByteArray());
        }
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
