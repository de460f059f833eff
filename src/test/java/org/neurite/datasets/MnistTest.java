package org.neurite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.neurite.data.Dataset;

class MnistTest {
    @TempDir
    Path dir;

    /** Writes a tiny MNIST folder: n train and m test images of 28x28, pixel = (image + 1) * 10. */
    static void writeTiny(Path folder, int n, int m, boolean gzip) throws IOException {
        Files.createDirectories(folder);
        String gz = gzip ? ".gz" : "";
        write(folder.resolve("train-images-idx3-ubyte" + gz), folder.resolve("train-labels-idx1-ubyte" + gz), n);
        write(folder.resolve("t10k-images-idx3-ubyte"), folder.resolve("t10k-labels-idx1-ubyte" + gz), m);
    }

    private static void write(Path images, Path labels, int n) throws IOException {
        byte[] pixels = new byte[n * 28 * 28];
        byte[] ids = new byte[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) ((i + 1) * 10));
            ids[i] = (byte) (i % 10);
        }
        Idx.write(images, new int[] {n, 28, 28}, pixels);
        Idx.write(labels, new int[] {n}, ids);
    }

    @Test
    void loadsShapesScaleAndLabels() throws IOException {
        writeTiny(dir, 12, 3, true);
        Dataset.Split split = Mnist.load(dir);
        assertArrayEquals(new long[] {12, 28, 28, 1}, split.train().features().shape());
        assertEquals(DataType.FLOAT, split.train().features().dataType());
        assertArrayEquals(new long[] {3, 28, 28, 1}, split.test().features().shape());
        assertArrayEquals(new long[] {12}, split.train().labels().shape());
        assertEquals(DataType.FLOAT, split.train().labels().dataType());
        assertEquals(11, split.train().labels().getInt(11) + 10);
        assertEquals(120 / 255.0, split.train().features().getDouble(11, 27, 27, 0), 1e-6);
        assertEquals(10 / 255.0, split.test().features().getDouble(0, 0, 0, 0), 1e-6);
        assertEquals(3, FashionMnist.load(dir).test().size(), "same format");
    }

    @Test
    void inconsistentFilesAreIoErrors() throws IOException {
        writeTiny(dir, 5, 2, false);
        Idx.write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {3}, new byte[] {1, 2, 3});
        IOException counts = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(counts.getMessage().contains("2 images") && counts.getMessage().contains("3 labels"),
                counts.getMessage());

        Idx.write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2}, new byte[] {1, 12});
        IOException range = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(range.getMessage().contains("label 12"), range.getMessage());

        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        IOException missing = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(missing.getMessage().contains("missing t10k-labels-idx1-ubyte"), missing.getMessage());
        assertThrows(IOException.class, () -> Mnist.load(dir.resolve("nowhere")));
    }

    @Test
    void aGzipFileCutMidwayNamesTheFile() throws IOException {
        writeTiny(dir, 20, 2, true);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(gz, gz.length / 2));
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().startsWith(images + ": corrupt or truncated gzip data"), e.getMessage());
        Files.write(images, java.util.Arrays.copyOf(gz, 6));
        IOException header = assertThrows(IOException.class, () -> FashionMnist.load(dir));
        assertTrue(header.getMessage().startsWith(images + ": corrupt or truncated gzip data"), header.getMessage());
    }

    @Test
    void theShippedSampleLoads() throws IOException {
        Dataset.Split sample = Mnist.load(Mnist.SAMPLE);
        assertArrayEquals(new long[] {8000, 28, 28, 1}, sample.train().features().shape());
        assertEquals(2000, sample.test().size());
        assertEquals(1.0, sample.train().features().maxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, sample.train().features().minNumber().doubleValue());
        assertEquals(9.0, sample.train().labels().maxNumber().doubleValue());
    }
}
