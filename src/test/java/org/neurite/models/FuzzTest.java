package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.datasets.Idx;
import org.neurite.layers.BatchNormalization;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.Reshape;

/**
 * Feeds seeded random, truncated and mutated bytes to the model loader and the IDX reader: each
 * must load or throw an {@link IOException} naming the file; any other throwable (including
 * OutOfMemoryError and StackOverflowError) fails, and the whole run must end within 20 seconds.
 */
class FuzzTest {
    private static final long SEED = 20_240_611L;

    @TempDir
    Path dir;

    private static byte[] randomBytes(Random r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        r.nextBytes(b);
        return b;
    }

    /** {@code bytes} with 1 to 8 random bytes replaced. */
    private static byte[] mutate(Random r, byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 1 + r.nextInt(8); i > 0 && out.length > 0; i--) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }

    private static byte[] truncate(Random r, byte[] bytes) {
        return Arrays.copyOf(bytes, r.nextInt(bytes.length));
    }

    /** Runs {@code read} on each case written to a file; only IOExceptions that name the file may escape. */
    private void feed(List<byte[]> cases, String name, Reader read) {
        Path file = dir.resolve(name);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < cases.size(); i++) {
                Files.write(file, cases.get(i));
                try {
                    read.read(file);
                } catch (IOException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains(file.toString()),
                            "case " + i + ": the message does not name the file: " + e.getMessage());
                } catch (Throwable t) {
                    fail("case " + i + " of " + name + " (" + cases.get(i).length + " bytes) threw " + t, t);
                }
            }
        });
    }

    private interface Reader {
        void read(Path file) throws IOException;
    }

    @Test
    void theModelLoaderThrowsOnlyIOExceptionsForRandomTruncatedAndMutatedFiles() throws IOException {
        Sequential model = new Sequential(new Input(6, 6, 1), new Conv2D(2, 3, "relu"), new BatchNormalization(),
                new Flatten(), new Reshape(4, 8), new Embedding(40, 2), new Flatten(), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Path valid = dir.resolve("valid.neurite");
        model.save(valid);
        byte[] file = Files.readAllBytes(valid);
        Map<String, byte[]> entries = ModelFiles.entries(valid);

        Random r = new Random(SEED);
        List<byte[]> cases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] b = randomBytes(r, 3000);
            if (i % 3 == 0 && b.length >= 4) {
                System.arraycopy(new byte[]{'P', 'K', 3, 4}, 0, b, 0, 4);   // past the zip signature
            }
            cases.add(b);
        }
        for (int i = 0; i < 250; i++) {
            cases.add(truncate(r, file));
        }
        for (int i = 0; i < 250; i++) {
            cases.add(mutate(r, file));
        }
        for (int i = 0; i < 400; i++) {   // well-formed archives with damaged entries, checksums resealed for the parsers
            String entry = List.copyOf(entries.keySet()).get(i % entries.size());
            Map<String, byte[]> damaged = new LinkedHashMap<>(entries);
            damaged.put(entry, i % 4 == 0 ? truncate(r, entries.get(entry))
                    : i % 4 == 1 ? randomBytes(r, 500) : mutate(r, entries.get(entry)));
            cases.add(ModelFiles.zip(damaged));
        }
        String config = new String(entries.get(ModelFile.CONFIG), StandardCharsets.UTF_8);
        List<String> extremes = List.of("0", "-1", "-2147483649", "2147483647", "99999999999999999999", "1e300", "0.5");
        for (int i = 0; i < 200; i++) {   // valid JSON, hostile numbers: sizes, shapes, rates, versions
            Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?").matcher(config);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[]{m.start(), m.end()});
            }
            int[] span = spans.get(r.nextInt(spans.size()));
            String value = i % 2 == 0 ? extremes.get(r.nextInt(extremes.size())) : String.valueOf(r.nextInt(100));
            Map<String, byte[]> hostile = new LinkedHashMap<>(entries);
            hostile.put(ModelFile.CONFIG, (config.substring(0, span[0]) + value + config.substring(span[1]))
                    .getBytes(StandardCharsets.UTF_8));
            cases.add(ModelFiles.zip(hostile));
        }
        feed(cases, "fuzz.neurite", f -> Sequential.load(f));
        assertTrue(cases.size() >= 1000);
    }

    @Test
    void theIdxReaderThrowsOnlyIOExceptionsForRandomTruncatedAndMutatedFiles() throws IOException {
        Path valid = dir.resolve("images.idx");
        byte[] pixels = new byte[5 * 4 * 3];
        new Random(1).nextBytes(pixels);
        Idx.write(valid, new int[]{5, 4, 3}, pixels);
        byte[] plain = Files.readAllBytes(valid);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        byte[] gzip = zipped.toByteArray();

        Random r = new Random(SEED + 1);
        List<byte[]> cases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] b = randomBytes(r, 200);
            if (i % 2 == 0 && b.length >= 4) {
                ByteBuffer.wrap(b).putInt(i % 4 == 0 ? Idx.IMAGES : 0x00000800 | (1 + r.nextInt(8)));
            }
            cases.add(b);
        }
        for (byte[] source : List.of(plain, gzip)) {
            for (int i = 0; i < 200; i++) {
                cases.add(truncate(r, source));
                cases.add(mutate(r, source));
            }
        }
        for (int i = 0; i < 100; i++) {   // valid magic, random dimension sizes
            ByteBuffer b = ByteBuffer.allocate(16 + r.nextInt(64)).putInt(Idx.IMAGES);
            b.putInt(r.nextInt()).putInt(r.nextInt(1 << 16)).putInt(r.nextInt(1 << 16));
            cases.add(b.array());
        }
        feed(cases, "fuzz.idx", f -> Idx.read(f));
        assertTrue(cases.size() >= 1000);
    }
}
