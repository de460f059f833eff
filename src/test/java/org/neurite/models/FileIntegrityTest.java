package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.io.SafeTensors;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;

/**
 * Issue 11, case 6: a model file with one damaged byte must never load with silently different
 * numbers. Bytes throughout a saved file are flipped in turn (see {@link #masks}): the load either
 * fails with an IOException naming the file (and the entry, when the byte lies in an entry's data)
 * or, for zip bookkeeping the reader does not use, gives a model whose weights, optimizer state and
 * predictions are bit-identical to the original's.
 */
class FileIntegrityTest {
    @TempDir
    Path dir;

    private static final INDArray X = Nd4j.linspace(-1, 1, 24, DataType.FLOAT).reshape(6, 4);

    /** A small compiled model after two steps of Adam, so that every weight and moment is non-trivial. */
    private static Sequential trained() {
        Sequential model = new Sequential(new Input(4), new Dense(5, "relu").name("hidden"),
                new Dense(3, "softmax").name("out"));
        model.compile("adam", "sparse_categorical_crossentropy");
        model.fit(X, Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f).reshape(6, 1), Fit.epochs(2).batchSize(6).verbose(0));
        return model;
    }

    /** Where entry {@code name}'s stored (possibly compressed) bytes lie in a zip file: [start, end). */
    record Region(String name, int start, int end) {
        boolean contains(int position) {
            return position >= start && position < end;
        }
    }

    /** The data regions of a zip's entries, from its central directory. */
    static List<Region> regions(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;   // no archive comment
        assertEquals(0x06054b50, b.getInt(eocd));
        int entries = b.getShort(eocd + 10) & 0xffff;
        int at = b.getInt(eocd + 16);
        List<Region> out = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            assertEquals(0x02014b50, b.getInt(at));
            int compressed = b.getInt(at + 20);
            int nameLength = b.getShort(at + 28) & 0xffff;
            int extra = b.getShort(at + 30) & 0xffff;
            int comment = b.getShort(at + 32) & 0xffff;
            int local = b.getInt(at + 42);
            String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            int data = local + 30 + (b.getShort(local + 26) & 0xffff) + (b.getShort(local + 28) & 0xffff);
            out.add(new Region(name, data, data + compressed));
            at += 46 + nameLength + extra + comment;
        }
        return out;
    }

    private static float[] bits(INDArray a) {
        return SaveLoadTest.bits(a);
    }

    private static void assertIdentical(Sequential expected, Sequential found, String what) {
        assertIdentical(expected, found, what, X);
    }

    private static void assertIdentical(Sequential expected, Sequential found, String what, INDArray x) {
        assertEquals(expected.getWeights().size(), found.getWeights().size(), what);
        for (int i = 0; i < expected.getWeights().size(); i++) {
            assertArrayEquals(bits(expected.getWeights().get(i)), bits(found.getWeights().get(i)), what + ", weight " + i);
        }
        Map<String, INDArray> state = ModelWeights.optimizerState(expected, expected.optimizer());
        Map<String, INDArray> restored = ModelWeights.optimizerState(found, found.optimizer());
        assertEquals(state.keySet(), restored.keySet(), what);
        state.forEach((k, v) -> assertArrayEquals(bits(v), bits(restored.get(k)), what + ", " + k));
        assertEquals(expected.optimizer().iterations(), found.optimizer().iterations(), what);
        assertArrayEquals(bits(expected.predict(x)), bits(found.predict(x)), what + ", predictions");
    }

    /** The same config and bit-identical tensors and metadata. */
    private static void assertSame(ModelFile.Archive expected, ModelFile.Archive found, String what) {
        assertEquals(expected.config(), found.config(), what);
        for (SafeTensors.Content[] pair : List.of(new SafeTensors.Content[]{expected.weights(), found.weights()},
                new SafeTensors.Content[]{expected.optimizer(), found.optimizer()})) {
            assertEquals(pair[0].metadata(), pair[1].metadata(), what);
            assertEquals(pair[0].tensors().keySet(), pair[1].tensors().keySet(), what);
            pair[0].tensors().forEach((k, v) -> {
                assertEquals(v.dataType(), pair[1].tensors().get(k).dataType(), what + ", " + k);
                assertArrayEquals(v.shape(), pair[1].tensors().get(k).shape(), what + ", " + k);
                assertArrayEquals(bits(v), bits(pair[1].tensors().get(k)), what + ", " + k);
            });
        }
    }

    /**
     * The flips tried at {@code position}: every byte of the zip's bookkeeping and the first 16 of each
     * entry (safetensors' header length) with its lowest bit, and a fifth of the entries' other bytes;
     * the top bit and all bits on two further samples of eleven.
     */
    private static List<Integer> masks(int position, Region region) {
        List<Integer> out = new ArrayList<>();
        if (region == null || position < region.start() + 16 || position % 5 == 0) {
            out.add(0x01);
        }
        if (position % 11 == 1) {
            out.add(0x80);
        }
        if (position % 11 == 6) {
            out.add(0xff);
        }
        return out;
    }

    @Test
    void everyFlippedByteIsRefusedNamingTheEntryOrChangesNothing() throws IOException {
        Sequential model = trained();
        Path good = dir.resolve("good.neurite");
        model.save(good);
        Sequential reference = Sequential.load(good);
        assertIdentical(model, reference, "the undamaged file");
        ModelFile.Archive original = ModelFile.read(good);
        byte[] bytes = Files.readAllBytes(good);
        List<Region> regions = regions(bytes);
        assertEquals(List.of(ModelFile.CONFIG, ModelFile.WEIGHTS, ModelFile.OPTIMIZER),
                regions.stream().map(Region::name).toList());

        Path damaged = dir.resolve("damaged.neurite");
        Map<String, Integer> refused = new TreeMap<>();
        Map<String, Integer> tried = new TreeMap<>();
        int identical = 0;
        for (int i = 0; i < bytes.length; i++) {
            int p = i;
            Region region = regions.stream().filter(r -> r.contains(p)).findFirst().orElse(null);
            for (int mask : masks(p, region)) {
                tried.merge(region == null ? "zip bookkeeping" : region.name(), 1, Integer::sum);
                byte[] copy = bytes.clone();
                copy[p] ^= (byte) mask;
                Files.write(damaged, copy);
                String what = "byte " + p + " ^ 0x" + Integer.toHexString(mask);
                ModelFile.Archive archive;
                try {
                    archive = ModelFile.read(damaged);
                    if (identical % 25 == 0) {   // the full load, on a sample: the archive decides what it builds
                        assertIdentical(model, Sequential.load(damaged), what);
                    }
                } catch (IOException e) {
                    String message = e.getMessage();
                    assertNotNull(message, what);
                    assertTrue(message.contains(damaged.toString()), what + ": the message does not name the file: "
                            + message);
                    if (region != null) {
                        assertTrue(message.contains(region.name()), what + " lies in " + region.name()
                                + ", which the message does not name: " + message);
                    }
                    refused.merge(region == null ? "zip bookkeeping" : region.name(), 1, Integer::sum);
                    continue;
                }
                if (region != null && !region.name().equals(ModelFile.CONFIG)) {
                    fail(what + " lies in the stored entry " + region.name() + " but the file loaded");
                }
                assertSame(original, archive, what);   // a byte the reader does not use (or deflate's padding)
                identical++;
            }
        }
        for (Region r : regions) {
            int allowed = r.name().equals(ModelFile.CONFIG) ? 2 : 0;   // deflate's padding bits in the last byte
            assertTrue(refused.getOrDefault(r.name(), 0) >= tried.get(r.name()) - allowed,
                    r.name() + ": " + refused.get(r.name()) + " of " + tried.get(r.name()) + " refused");
        }
        assertTrue(refused.get("zip bookkeeping") > 0, refused.toString());
        assertTrue(identical > 0, "some bookkeeping bytes (the local headers' times, names) are not read");
    }

    @Test
    void configJsonRecordsTheSizeAndSha256OfTheOtherEntries() throws IOException {
        Path file = dir.resolve("m.neurite");
        trained().save(file);
        Map<String, byte[]> entries = ModelFiles.entries(file);
        Map<String, Object> config = Json.parseObject(new String(entries.get(ModelFile.CONFIG), StandardCharsets.UTF_8));
        assertEquals(1L, config.get("format_version"), "an addition older readers ignore: the version stays 1");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String name : List.of(ModelFile.WEIGHTS, ModelFile.OPTIMIZER)) {
            byte[] entry = entries.get(name);
            expected.put(name, Map.of("size", (long) entry.length, "sha256", ModelFile.sha256(entry)));
        }
        assertEquals(expected, config.get(ModelFile.CHECKSUMS));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ModelFile.sha256(new byte[0]));
    }

    @Test
    void anEntryThatDisagreesWithItsChecksumIsRefusedEvenWhenTheZipIsConsistent() throws IOException {
        Path good = dir.resolve("good.neurite");
        trained().save(good);
        Map<String, byte[]> entries = ModelFiles.entries(good);

        // as if a tool had rewritten the archive (recomputing the zip's CRC-32) around a damaged entry
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        byte[] weights = entries.get(ModelFile.WEIGHTS).clone();
        weights[weights.length - 1] ^= 1;   // the last float's most significant byte
        changed.put(ModelFile.WEIGHTS, weights);
        Path rewritten = Files.write(dir.resolve("rewritten.neurite"), ModelFiles.zipAsIs(changed));
        String message = assertThrows(IOException.class, () -> Sequential.load(rewritten)).getMessage();
        assertTrue(message.startsWith(rewritten + "!/" + ModelFile.WEIGHTS + ": damaged file: the entry's SHA-256 is"),
                message);
        assertThrows(IOException.class, () -> trained().loadWeights(rewritten));

        Map<String, byte[]> missing = new LinkedHashMap<>(entries);
        missing.remove(ModelFile.OPTIMIZER);
        Path lost = Files.write(dir.resolve("lost.neurite"), ModelFiles.zipAsIs(missing));
        message = assertThrows(IOException.class, () -> Sequential.load(lost)).getMessage();
        assertTrue(message.contains(lost + "!/" + ModelFile.OPTIMIZER) && message.contains("missing"), message);

        Map<String, byte[]> extra = new LinkedHashMap<>(entries);
        extra.put("later.json", "{}".getBytes(StandardCharsets.UTF_8));   // unlisted entries of other names are ignored
        Path more = Files.write(dir.resolve("more.neurite"), ModelFiles.zipAsIs(extra));
        Sequential.load(more);
    }

    private static Path legacy() throws URISyntaxException {
        return Path.of(FileIntegrityTest.class.getResource("/legacy/sequential-format1.neurite").toURI());
    }

    @Test
    void aFileWrittenBeforeChecksumsIsStillCheckedAgainstTheZipsCrc() throws IOException, URISyntaxException {
        byte[] bytes = Files.readAllBytes(legacy());
        Path copy = Files.write(dir.resolve("legacy.neurite"), bytes);
        Sequential before = Sequential.load(copy);
        for (Region r : regions(bytes)) {
            for (int p = r.start(); p < r.end(); p += Math.max(1, (r.end() - r.start()) / 40)) {
                byte[] damaged = bytes.clone();
                damaged[p] ^= 1;
                Path file = Files.write(dir.resolve("legacy-damaged.neurite"), damaged);
                String message = assertThrows(IOException.class, () -> Sequential.load(file), r.name() + " " + p)
                        .getMessage();
                assertTrue(message.contains(file + "!/" + r.name()), message);
            }
        }
        assertIdentical(before, Sequential.load(copy), "the legacy file",
                Nd4j.linspace(-1, 1, 60, DataType.FLOAT).reshape(10, 6));
    }
}
