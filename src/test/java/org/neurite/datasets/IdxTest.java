package org.neurite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.DataFixtures;

class IdxTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255};

    @Test
    void roundTripPlainAndGzip() throws IOException {
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            Path file = dir.resolve(name);
            Idx.write(file, new int[] {3, 2, 2}, PIXELS);
            Idx.Data data = Idx.read(file);
            assertEquals(Idx.IMAGES, data.magic());
            assertArrayEquals(new int[] {3, 2, 2}, data.dims());
            assertArrayEquals(PIXELS, data.values());
            INDArray images = Idx.readImages(file);
            assertEquals(DataType.FLOAT, images.dataType());
            assertArrayEquals(new long[] {3, 2, 2, 1}, images.shape());
            assertEquals(1.0, images.getDouble(2, 1, 1, 0), 1e-6, "unsigned 255 scales to 1");
            assertEquals(5 / 255.0, images.getDouble(1, 0, 1, 0), 1e-6);
        }
        byte[] gz = Files.readAllBytes(dir.resolve("images-idx3-ubyte.gz"));
        assertEquals(0x1f, gz[0] & 0xFF, "really gzipped");
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path gz = dir.resolve("labels.gz");
        Idx.write(gz, new int[] {4}, new byte[] {9, 0, 3, (byte) 200});
        Path renamed = Files.move(gz, dir.resolve("labels-idx1-ubyte"));
        INDArray labels = Idx.readLabels(renamed);
        assertArrayEquals(new long[] {4}, labels.shape());
        assertArrayEquals(new float[] {9, 0, 3, 200}, labels.toFloatVector());
    }

    @Test
    void missingFileNamesTheFile() {
        Path file = dir.resolve("absent-idx1-ubyte");
        IOException e = assertThrows(IOException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().startsWith(file + ": cannot read"), e.getMessage());
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        Path file = dir.resolve("bad-idx3-ubyte");
        Files.write(file, bytes(0x00000D03, 1, 1, 1, 0));
        IOException e = assertThrows(IOException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("bad magic 0x00000D03"),
                e.getMessage());
        Path labels = dir.resolve("labels");
        Idx.write(labels, new int[] {2}, new byte[] {1, 2});
        IOException wrongKind = assertThrows(IOException.class, () -> Idx.readImages(labels));
        assertTrue(wrongKind.getMessage().contains("expected 0x00000803"), wrongKind.getMessage());
    }

    @Test
    void truncatedDataSaysWhatTheHeaderPromised() throws IOException {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"}) {
            Path file = dir.resolve(name);
            byte[] head = bytes(Idx.IMAGES, 8000, 28, 28);
            byte[] content = Arrays.copyOf(head, head.length + 1000);
            Files.write(file, name.endsWith(".gz") ? DataFixtures.gzip(content) : content);
            IOException e = assertThrows(IOException.class, () -> Idx.read(file));
            assertEquals(file + ": truncated: header says 8000x28x28 = 6272000 bytes of pixels, found 1000",
                    e.getMessage());
        }
    }

    @Test
    void brokenHeadersAndTrailingBytes() throws IOException {
        assertFails(new byte[0], "empty file");
        assertFails(new byte[] {0, 0, 8}, "truncated");
        assertFails(Arrays.copyOf(bytes(Idx.IMAGES, 3), 8), "announces 3 dimension sizes");
        assertFails(bytes(Idx.IMAGES, 0, 28, 28), "must all be positive");
        assertFails(bytes(Idx.IMAGES, -1, 28, 28), "4294967295x28x28");
        assertFails(bytes(Idx.IMAGES, 60000, 60000, 60000), "more than one array can hold");
        byte[] extra = Arrays.copyOf(bytes(Idx.LABELS, 2), 8 + 5);
        assertFails(extra, "3 more byte(s)");
        assertFails(DataFixtures.gzip(extra), "3 more byte(s)");
        byte[] gz = DataFixtures.gzip(Arrays.copyOf(bytes(Idx.LABELS, 2000), 8 + 2000));
        assertFails(Arrays.copyOf(gz, gz.length / 2), "corrupt or truncated gzip data");
        assertFails(DataFixtures.gzip(bytes(Idx.IMAGES, 1 << 15, 1 << 15, 1)), "found 0");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButIOException() throws IOException {
        Random random = new Random(2024);
        Path file = dir.resolve("fuzz");
        for (int i = 0; i < 1000; i++) {
            byte[] content = new byte[random.nextInt(64)];
            random.nextBytes(content);
            if (i % 3 == 0 && content.length >= 4) {
                // a plausible magic so the dimension and length checks are reached
                content[0] = 0;
                content[1] = 0;
                content[2] = 8;
                content[3] = (byte) (1 + random.nextInt(3));
            }
            Files.write(file, i % 5 == 0 ? DataFixtures.gzip(content) : content);
            try {
                Idx.read(file);
            } catch (IOException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail("input " + i + " " + Arrays.toString(content) + " threw " + e);
            }
        }
    }

    private void assertFails(byte[] content, String expected) throws IOException {
        Path file = dir.resolve("case.idx");
        Files.write(file, content);
        IOException e = assertThrows(IOException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected),
                "expected '" + expected + "' in: " + e.getMessage());
    }

    static byte[] bytes(int... ints) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * ints.length);
        for (int v : ints) {
            buffer.putInt(v);
        }
        return buffer.array();
    }
}
